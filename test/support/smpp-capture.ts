import * as smpp from 'smpp';
import { sparePort } from './processes';

/** One segment an SMSC accepted. */
export interface CapturedSegment {
  to: string;
  dataCoding: number;
  /** The concatenation header's reference, part count and part number, when the text has parts. */
  part?: { reference: number; total: number; index: number };
  text: string;
  messageId: string;
}

/**
 * A real SMPP 3.4 server (the `smpp` package's) that plays an operator's SMSC: it binds the
 * transceiver with the expected credentials, accepts every submit_sm and keeps it, and can send
 * replies and delivery receipts (deliver_sm) to whoever is bound. It can be stopped and started
 * again on the same port.
 */
export class SmppCapture {
  readonly segments: CapturedSegment[] = [];
  private server: smpp.Server | null = null;
  private sessions = new Set<smpp.Session>();
  private nextId = 1;

  private constructor(readonly port: number) {}

  static async start(): Promise<SmppCapture> {
    const capture = new SmppCapture(await sparePort());
    await capture.listen();
    return capture;
  }

  get url(): string {
    return `smpp://haven:s3cret@127.0.0.1:${this.port}`;
  }

  get bound(): number {
    return this.sessions.size;
  }

  /** The whole texts sent to a number, parts put back together in order. */
  textsTo(number: string): { text: string; segments: number; dataCoding: number }[] {
    const to = number.replace(/^\+/, '');
    const texts: { text: string; segments: number; dataCoding: number }[] = [];
    const pending = new Map<number, CapturedSegment[]>();
    for (const segment of this.segments.filter((entry) => entry.to === to)) {
      if (!segment.part) {
        texts.push({ text: segment.text, segments: 1, dataCoding: segment.dataCoding });
        continue;
      }
      const parts = [...(pending.get(segment.part.reference) ?? []), segment];
      pending.set(segment.part.reference, parts);
      if (parts.length === segment.part.total) {
        pending.delete(segment.part.reference);
        parts.sort((a, b) => a.part!.index - b.part!.index);
        texts.push({
          text: parts.map((part) => part.text).join(''),
          segments: parts.length,
          dataCoding: segment.dataCoding,
        });
      }
    }
    return texts;
  }

  /** A reply from a phone, as the SMSC hands it on. */
  reply(from: string, text: string): void {
    for (const session of this.sessions)
      (session as unknown as { deliver_sm(fields: object): void }).deliver_sm({
        source_addr: from.replace(/^\+/, ''),
        destination_addr: 'Haven',
        esm_class: 0,
        short_message: text,
      });
  }

  /** A delivery receipt for a segment the SMSC accepted. */
  receipt(messageId: string, state: string): void {
    for (const session of this.sessions)
      (session as unknown as { deliver_sm(fields: object): void }).deliver_sm({
        source_addr: '0',
        destination_addr: 'Haven',
        esm_class: 0x04,
        short_message: `id:${messageId} sub:001 dlvrd:001 submit date:2612011200 done date:2612011201 stat:${state} err:000 text:`,
      });
  }

  /** Stops like a crashed SMSC: every session cut, the port closed. */
  async stop(): Promise<void> {
    for (const session of this.sessions) session.destroy();
    this.sessions.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  async restart(): Promise<void> {
    await this.listen();
  }

  private listen(): Promise<void> {
    this.server = smpp.createServer({}, (session) => {
      session.on('error', () => session.destroy());
      session.on('close', () => this.sessions.delete(session));
      session.on('bind_transceiver', (pdu: smpp.PDU) => {
        const ok = pdu.system_id === 'haven' && pdu.password === 's3cret';
        session.send(pdu.response({ command_status: ok ? 0 : 0x0e }));
        if (ok) this.sessions.add(session);
      });
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('deliver_sm_resp', () => undefined);
      session.on('submit_sm', (pdu: smpp.PDU) => {
        const messageId = `m${this.nextId++}`;
        const body = pdu.short_message as { message: string; udh?: Buffer[] };
        const udh = body.udh?.find((header) => header[0] === 0x00);
        this.segments.push({
          to: String(pdu.destination_addr),
          dataCoding: Number(pdu.data_coding),
          part: udh ? { reference: udh[2], total: udh[3], index: udh[4] } : undefined,
          text: typeof body === 'string' ? body : body.message,
          messageId,
        });
        session.send(pdu.response({ message_id: messageId }));
      });
    });
    return new Promise((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }
}

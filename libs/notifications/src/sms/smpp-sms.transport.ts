import { Logger } from '@nestjs/common';
import * as smpp from 'smpp';
import { smsSize } from '../templates/sms-segments';
import { isStop, SmsInbound, SmsMessage, SmsSent, SmsTransport } from './sms-transport';

const TIMEOUT_MS = 10_000;
const RECONNECT_MS = 2_000;

type Pdu = Record<string, unknown> & { command_status: number; response(fields?: object): unknown };
type Session = {
  on(event: string, listener: (...args: never[]) => void): void;
  send(pdu: unknown): void;
  close(): void;
  destroy(): void;
  bind_transceiver(fields: object, callback: (pdu: Pdu) => void): void;
  submit_sm(fields: object, callback: (pdu: Pdu) => void): void;
};

/** The parts of a text, each with its concatenation header when there is more than one. */
export function smsParts(text: string): { message: string; udh?: Buffer }[] {
  const size = smsSize(text);
  if (size.segments === 1) return [{ message: text }];
  const chunks: string[] = [];
  if (size.encoding === 'ucs2') {
    for (let start = 0; start < text.length; start += 67) chunks.push(text.slice(start, start + 67));
  } else {
    let chunk = '';
    let septets = 0;
    for (const char of text) {
      const width = smsSize(char).units;
      if (septets + width > 153) {
        chunks.push(chunk);
        chunk = '';
        septets = 0;
      }
      chunk += char;
      septets += width;
    }
    chunks.push(chunk);
  }
  const reference = Math.floor(Math.random() * 256);
  return chunks.map((message, index) => ({
    message,
    udh: Buffer.from([0x05, 0x00, 0x03, reference, chunks.length, index + 1]),
  }));
}

/** A delivery receipt's text: `id:… sub:… dlvrd:… submit date:… done date:… stat:DELIVRD err:…`. */
export const parseReceipt = (text: string) => ({
  id: /id:(\S+)/i.exec(text)?.[1],
  state: /stat:(\S+)/i.exec(text)?.[1],
});

/**
 * SMPP 3.4 over one transceiver session: texts out (submit_sm, split into concatenated parts with
 * the right coding), receipts and replies in (deliver_sm). The session is opened when first needed
 * and again after the operator drops it; a send while it is down fails, and the caller retries.
 */
export class SmppSmsTransport implements SmsTransport {
  private readonly logger = new Logger('Smpp');
  private readonly url: URL;
  private session: Promise<Session> | null = null;
  private inbound: SmsInbound | null = null;
  private closed = false;
  private reconnect: NodeJS.Timeout | null = null;

  constructor(url: string) {
    this.url = new URL(url);
  }

  listen(inbound: SmsInbound): void {
    this.inbound = inbound;
    this.bound().catch(() => this.scheduleReconnect());
  }

  async send(message: SmsMessage): Promise<SmsSent> {
    const session = await this.bound();
    const size = smsSize(message.text);
    const providerIds: string[] = [];
    for (const part of smsParts(message.text)) {
      const response = await this.request<Pdu>((done) =>
        session.submit_sm(
          {
            destination_addr: message.to.replace(/^\+/, ''),
            dest_addr_ton: 1,
            dest_addr_npi: 1,
            source_addr: 'Haven',
            source_addr_ton: 5,
            data_coding: size.encoding === 'ucs2' ? 0x08 : 0x00,
            registered_delivery: 1,
            short_message: part.udh ? { udh: part.udh, message: part.message } : part.message,
          },
          done,
        ),
      );
      if (response.command_status !== 0) {
        throw new Error(`The SMSC refused the text (status 0x${response.command_status.toString(16)})`);
      }
      providerIds.push(String(response.message_id));
    }
    return { providerIds, segments: size.segments };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    const session = await this.session?.catch(() => null);
    session?.destroy();
    this.session = null;
  }

  private bound(): Promise<Session> {
    if (this.closed) return Promise.reject(new Error('The SMS transport is closed'));
    this.session ??= this.open().catch((error: Error) => {
      this.session = null;
      throw error;
    });
    return this.session;
  }

  private open(): Promise<Session> {
    return new Promise<Session>((resolve, reject) => {
      const session = smpp.connect({
        url: `smpp://${this.url.hostname}:${this.url.port}`,
        auto_enquire_link_period: 30_000,
      }) as unknown as Session;
      const timer = setTimeout(() => {
        session.destroy();
        reject(new Error('The SMSC did not answer in time'));
      }, TIMEOUT_MS);
      const lost = () => {
        clearTimeout(timer);
        if (this.session) this.session = null;
        reject(new Error('The connection to the SMSC was lost'));
        if (this.inbound) this.scheduleReconnect();
      };
      session.on('error', lost);
      session.on('close', lost);
      session.on('deliver_sm', (pdu: Pdu) => {
        session.send(pdu.response());
        void this.received(pdu);
      });
      session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()));
      session.on('unbind', (pdu: Pdu) => {
        session.send(pdu.response());
        session.close();
      });
      session.on('connect', () =>
        session.bind_transceiver(
          {
            system_id: decodeURIComponent(this.url.username),
            password: decodeURIComponent(this.url.password),
          },
          (pdu: Pdu) => {
            clearTimeout(timer);
            if (pdu.command_status === 0) resolve(session);
            else {
              session.destroy();
              reject(new Error(`The SMSC refused the bind (status 0x${pdu.command_status.toString(16)})`));
            }
          },
        ),
      );
    });
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      this.bound().catch(() => this.scheduleReconnect());
    }, RECONNECT_MS);
    this.reconnect.unref();
  }

  private async received(pdu: Pdu): Promise<void> {
    if (!this.inbound) return;
    try {
      const raw = pdu.short_message as { message?: string } | string | undefined;
      const text = typeof raw === 'string' ? raw : (raw?.message ?? '');
      if ((Number(pdu.esm_class) & 0x3c) === 0x04) {
        const receipt = parseReceipt(text);
        const id = (pdu.receipted_message_id as string | undefined) ?? receipt.id;
        if (id) await this.inbound.receipt(id, receipt.state ?? 'UNKNOWN');
      } else if (isStop(text)) {
        await this.inbound.stop(`+${String(pdu.source_addr).replace(/^\+/, '')}`);
      }
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'An inbound SMS could not be handled');
    }
  }

  private request<T>(start: (done: (value: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The SMSC did not answer in time')), TIMEOUT_MS);
      start((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  }
}

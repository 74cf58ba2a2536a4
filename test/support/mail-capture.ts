import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  /** Envelope recipients, lower-cased. */
  to: string[];
  subject: string;
  /** The Message-ID header, unique per send. */
  messageId: string;
  /** The whole message as sent (headers and body). */
  raw: string;
}

export interface MailCapture {
  url: string;
  messages: CapturedMail[];
  /** While `failing` is set, every message is refused with a temporary error (451). */
  state: { failing: boolean };
  /** Called after a message was accepted (the 250 reply handed to the socket). */
  onAccepted: ((mail: CapturedMail, count: number) => void) | null;
  close(): Promise<void>;
}

function header(head: string, name: string): string {
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match ? match[1].trim() : '';
}

/**
 * The suites' one SMTP server: on a spare port, it keeps what it receives, so tests read the mail
 * Haven actually sent.
 */
export async function startMailCapture(): Promise<MailCapture> {
  const capture: MailCapture = {
    url: '',
    messages: [],
    state: { failing: false },
    onAccepted: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => undefined);
      stream.on('end', () => {
        if (capture.state.failing) {
          const error = new Error('Mailbox unavailable, try later') as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const head = raw.split(/\r?\n\r?\n/, 1)[0];
        const mail: CapturedMail = {
          to: session.envelope.rcptTo.map((address) => address.address.toLowerCase()),
          subject: header(head, 'Subject'),
          messageId: header(head, 'Message-ID'),
          raw,
        };
        capture.messages.push(mail);
        callback();
        capture.onAccepted?.(mail, capture.messages.length);
      });
    },
  });
  // A client killed mid-conversation resets its connection; that is expected here.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  capture.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return capture;
}

/** Undoes quoted-printable soft breaks and escapes (bytes, read back as UTF-8 by the caller). */
const unquotePrintable = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The HTML part of a raw message, decoded (base64 or quoted-printable) to text. */
export function htmlOf(raw: string): string {
  const part = raw.split(/\r?\n--/).find((entry) => /Content-Type: text\/html/i.test(entry)) ?? '';
  const [headers, ...body] = part.split(/\r?\n\r?\n/);
  const content = body.join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(headers))
    return Buffer.from(content, 'base64').toString('utf8');
  return Buffer.from(unquotePrintable(content), 'latin1').toString('utf8');
}

/** The subject as a person reads it: MIME encoded words (RFC 2047, B or Q, UTF-8) decoded and joined. */
export function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(unquotePrintable(text.replace(/_/g, ' ')), 'latin1').toString('utf8'),
    )
    .replace(/\r?\n[ \t]/g, ' ')
    .trim();
}

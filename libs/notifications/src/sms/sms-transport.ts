/** One text to one number; `id` names it in logs and receipts (the notification's or challenge's id). */
export interface SmsMessage {
  to: string;
  text: string;
  id: string;
}

/** What the operator accepted: its id of each segment, to match delivery receipts against. */
export interface SmsSent {
  providerIds: string[];
  segments: number;
}

/** What comes back from the network: a STOP from a number, a receipt for a sent segment. */
export interface SmsInbound {
  stop(from: string): Promise<void>;
  receipt(providerId: string, state: string): Promise<void>;
}

/**
 * A way to reach a phone: `log:` (development), SMPP 3.4 (`smpp://`); an HTTP gateway would be a
 * third implementation of the same interface.
 */
export interface SmsTransport {
  send(message: SmsMessage): Promise<SmsSent>;
  /** Starts taking inbound messages and receipts (the worker calls it; the API never does). */
  listen(inbound: SmsInbound): void;
  close(): Promise<void>;
}

/** Words that, alone in a reply, switch texts off: the operators' STOP and its usual forms. */
export const STOP_WORDS = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'END',
  'QUIT',
  'توقف',
  'ایست',
  'راوەستە',
  'RAWESTE',
];

export const isStop = (text: string) => STOP_WORDS.includes(text.trim().toUpperCase());

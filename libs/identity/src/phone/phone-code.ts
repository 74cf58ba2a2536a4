import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** How long a code works, and how many wrong tries it takes. */
export const PHONE_CODE_SECONDS = 10 * 60;
export const PHONE_CODE_TRIES = 5;

/** A fresh 6-digit code. */
export const newPhoneCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * The stored form of a code: keyed with the server's secret and bound to its challenge, so a copy of
 * the database alone cannot try the million codes offline.
 */
export const phoneCodeHash = (secret: string, challengeId: string, code: string) =>
  createHmac('sha256', secret).update(`phone-code:${challengeId}:${code}`).digest('hex');

export function samePhoneCodeHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A number for logs: the country code and the last two digits only. */
export const redactPhone = (number: string) =>
  number.length > 6 ? `${number.slice(0, 3)}${'*'.repeat(number.length - 5)}${number.slice(-2)}` : '[phone]';

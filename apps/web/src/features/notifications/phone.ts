import type { Me, Preferences } from '../../lib/api/types';

/** Arabic-Indic (٠-٩) and Persian (۰-۹) digits, as Arabic and Sorani keyboards type them, as 0-9. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) =>
    String((digit.charCodeAt(0) - 0x0660) % 0x90),
  );
}

/**
 * What a person typed as a phone number, ready for the server (which parses and checks it):
 * Western digits, no invisible direction marks, and a leading 00 read as the + it stands for.
 */
export function phoneInput(text: string): string {
  const plain = asciiDigits(text)
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  return plain.startsWith('00') ? `+${plain.slice(2)}` : plain;
}

/** The 6-digit code as typed (spaces, dashes, Arabic digits allowed), or null when it is not 6 digits. */
export function codeInput(text: string): string | null {
  const digits = asciiDigits(text).replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** Which step of the phone section shows: enter a number, enter the code it got, or the verified number. */
export type PhoneStep = 'number' | 'code' | 'verified';

export function phoneStep(phone: Me['phone'], changing: boolean): PhoneStep {
  if (!phone || changing) return 'number';
  return phone.verified ? 'verified' : 'code';
}

/** The preferences a settings form describes; SMS and quiet hours only where the form shows them. */
export function preferencesFrom(data: FormData, current: Preferences, showSms: boolean): Preferences {
  const quiet = showSms && data.get('quiet') === 'on';
  return {
    email: data.get('email') === 'on',
    inApp: data.get('inApp') === 'on',
    digest: data.get('digest') as Preferences['digest'],
    sms: showSms ? data.get('sms') === 'on' : current.sms,
    quietHours: showSms
      ? quiet
        ? { from: String(data.get('quietHours.from') ?? ''), to: String(data.get('quietHours.to') ?? '') }
        : null
      : current.quietHours,
  };
}

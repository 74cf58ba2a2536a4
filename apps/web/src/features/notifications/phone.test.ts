import { describe, expect, it } from 'vitest';
import { asciiDigits, codeInput, phoneInput, phoneStep, preferencesFrom } from './phone';

describe('phone input', () => {
  it('reads Arabic-Indic and Persian digits as 0-9', () => {
    expect(asciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(asciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(asciiDigits('+964 ٧٥٠')).toBe('+964 750');
  });

  it('sends the number as typed, but with Western digits, no direction marks, and 00 as +', () => {
    expect(phoneInput(' +964 750 123 4567 ')).toBe('+964 750 123 4567');
    expect(phoneInput('\u200e+٩٦٤ ٧٥٠ ١٢٣ ٤٥٦٧\u200f')).toBe('+964 750 123 4567');
    expect(phoneInput('00964 750 123 4567')).toBe('+964 750 123 4567');
    // Anything else is left for the server to judge (and refuse with a field error).
    expect(phoneInput('0750 123 4567')).toBe('0750 123 4567');
    expect(phoneInput('')).toBe('');
  });

  it('takes a 6-digit code with spaces, dashes or Arabic digits, and nothing shorter or longer', () => {
    expect(codeInput('123456')).toBe('123456');
    expect(codeInput(' 123 456 ')).toBe('123456');
    expect(codeInput('123-456')).toBe('123456');
    expect(codeInput('١٢٣٤٥٦')).toBe('123456');
    expect(codeInput('12345')).toBeNull();
    expect(codeInput('1234567')).toBeNull();
    expect(codeInput('12a456')).toBeNull();
    expect(codeInput('')).toBeNull();
  });
});

describe('phone steps', () => {
  it('asks for a number, then the code, then shows the confirmed number', () => {
    expect(phoneStep(null, false)).toBe('number');
    expect(phoneStep(undefined, false)).toBe('number');
    expect(phoneStep({ number: '+9647501234567', verified: false }, false)).toBe('code');
    expect(phoneStep({ number: '+9647501234567', verified: true }, false)).toBe('verified');
    // Changing the number goes back to the first step, whatever the state.
    expect(phoneStep({ number: '+9647501234567', verified: true }, true)).toBe('number');
    expect(phoneStep({ number: '+9647501234567', verified: false }, true)).toBe('number');
  });
});

describe('preferences from the form', () => {
  const current = {
    email: true,
    inApp: true,
    sms: true,
    digest: 'weekly' as const,
    quietHours: { from: '22:00', to: '06:00' },
  };
  const form = (entries: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(entries)) data.set(key, value);
    return data;
  };

  it('reads texts and quiet hours for a volunteer', () => {
    expect(
      preferencesFrom(
        form({
          email: 'on',
          sms: 'on',
          digest: 'daily',
          quiet: 'on',
          'quietHours.from': '21:30',
          'quietHours.to': '07:00',
        }),
        current,
        true,
      ),
    ).toEqual({
      email: true,
      inApp: false,
      sms: true,
      digest: 'daily',
      quietHours: { from: '21:30', to: '07:00' },
    });
  });

  it('sends no quiet hours when they are switched off, and texts off when unticked', () => {
    expect(
      preferencesFrom(
        form({ inApp: 'on', digest: 'off', 'quietHours.from': '21:30', 'quietHours.to': '07:00' }),
        current,
        true,
      ),
    ).toEqual({ email: false, inApp: true, sms: false, digest: 'off', quietHours: null });
  });

  it('keeps what it does not show (texts and quiet hours) as they are for others', () => {
    expect(preferencesFrom(form({ email: 'on', digest: 'off' }), current, false)).toEqual({
      email: true,
      inApp: false,
      sms: true,
      digest: 'off',
      quietHours: { from: '22:00', to: '06:00' },
    });
  });
});

import { IntlMessageFormat } from 'intl-messageformat';
import { NotificationEvent, OutboxEvent } from '@haven/core';
import { CATALOGUES, DIRECTION, Locale } from './catalogue';
import { Facts } from './facts';
import { accountEmail } from './account';
import { render, renderPhoneCode, renderSms, SMS_EVENTS, toEmail } from './render';
import { smsSize } from './sms-segments';

const LOCALES = Object.keys(CATALOGUES) as Locale[];

/** Every argument a message uses, with its kind (plain, plural, select...), nested ones included. */
function placeholders(message: string, locale: string): string[] {
  const found = new Set<string>();
  const walk = (nodes: unknown[]) => {
    for (const node of nodes as {
      type: number;
      value?: string;
      options?: Record<string, { value: unknown[] }>;
    }[]) {
      if (typeof node.value === 'string' && node.type !== 0 && node.type !== 7)
        found.add(`${node.value}:${node.type}`);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...found].sort();
}

/** Which catalogues differ from English, and how. Empty when they all agree. */
export function catalogueProblems(catalogues: Record<string, Record<string, string>>): string[] {
  const problems: string[] = [];
  const reference = catalogues.en;
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    for (const key of Object.keys(reference)) {
      if (!(key in catalogue)) problems.push(`${locale} lacks ${key}`);
      else if (placeholders(catalogue[key], locale).join() !== placeholders(reference[key], 'en').join())
        problems.push(`${locale} ${key} has placeholders ${placeholders(catalogue[key], locale).join()}`);
    }
    for (const key of Object.keys(catalogue))
      if (!(key in reference)) problems.push(`${locale} has extra ${key}`);
  }
  return problems;
}

const startsAt = new Date('2026-12-01T06:00:00Z');
const longName = 'Distribution of winter kits and blankets to families in sector C near the water point';
const facts = (over: Partial<Facts> = {}): Facts => ({
  payload: { count: 3, status: 'attended', expiresAt: '2026-12-14T10:00:00Z', validUntil: '2027-01-31' },
  organization: { name: 'Fictional Relief', status: 'approved' },
  volunteer: { displayName: 'Test volunteer' },
  need: { title: 'Winter kits', timezone: 'Asia/Baghdad' },
  task: { title: 'Kit distribution', startsAt, timezone: 'Asia/Baghdad', place: 'Camp Example' },
  tasks: [{ title: 'Kit distribution', startsAt, timezone: 'Asia/Baghdad' }],
  ...over,
});
const EVENTS = Object.values(OutboxEvent).filter(
  (type) => !type.startsWith('account.'),
) as NotificationEvent[];

describe('message catalogues', () => {
  it('carry the same keys and the same placeholders in every language', () => {
    expect(catalogueProblems(CATALOGUES)).toEqual([]);
    expect(LOCALES.sort()).toEqual(['ar', 'ckb', 'en', 'kmr']);
  });

  it('notice a missing key, an extra key and a changed placeholder', () => {
    const lacking: Record<string, string> = { ...CATALOGUES.ar };
    delete lacking['task.changed.title'];
    expect(catalogueProblems({ en: CATALOGUES.en, ar: lacking })).toEqual(['ar lacks task.changed.title']);
    expect(catalogueProblems({ en: CATALOGUES.en, kmr: { ...CATALOGUES.kmr, 'extra.key': 'x' } })).toEqual([
      'kmr has extra extra.key',
    ]);
    expect(
      catalogueProblems({
        en: CATALOGUES.en,
        ckb: { ...CATALOGUES.ckb, 'signup.reminder.title': 'سبەی: {taks}' },
      }),
    ).toEqual(['ckb signup.reminder.title has placeholders taks:1']);
  });

  it.each(LOCALES)('render every event in %s without leaving a placeholder', (locale) => {
    for (const type of EVENTS) {
      for (const variant of [facts(), facts({ tasks: [], payload: { count: 1, status: 'no_show' } })]) {
        const message = render(type, variant, locale);
        expect(message.title.length).toBeGreaterThan(0);
        expect(`${message.title} ${message.body}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('keep the English wording, dates in the camp time zone and plurals', () => {
    expect(render(OutboxEvent.SignupReminder, facts(), 'en')).toEqual({
      title: 'Tomorrow: "Kit distribution"',
      body: 'A reminder: "Kit distribution" starts on 1 Dec 2026, 09:00 (Asia/Baghdad), Camp Example.',
    });
    expect(render(OutboxEvent.Digest, facts({ tasks: [] }), 'en').title).toBe('0 new tasks that may fit you');
    expect(render(OutboxEvent.Digest, facts(), 'en').title).toBe('1 new task that may fit you');
    expect(render(OutboxEvent.Digest, facts(), 'ar').title).toBe('مهمة جديدة تناسبك');
    expect(render(OutboxEvent.SignupReminder, facts(), 'ar').title).toBe('غدًا: «Kit distribution»');
    expect(render(OutboxEvent.SignupReminder, facts(), 'ar').body).toContain('ديسمبر');
    expect(render(OutboxEvent.OrganizationReviewDue, facts(), 'en').body).toMatch(/^3 organisations have/);
  });
});

describe('e-mail markup', () => {
  it.each([
    ['ar', 'rtl'],
    ['ckb', 'rtl'],
    ['kmr', 'ltr'],
    ['en', 'ltr'],
  ] as const)('%s mail names its language and runs %s', (locale, dir) => {
    const email = toEmail(render(OutboxEvent.SignupConfirmed, facts(), locale), 'Test <b>', locale);
    expect(email.html).toContain(`<html lang="${locale}" dir="${dir}">`);
    expect(email.html).toContain(`<body dir="${dir}"`);
    expect(email.html).toContain('Test &lt;b&gt;');
    expect(email.html).not.toContain('<b>');
    expect(email.text).toContain(render(OutboxEvent.SignupConfirmed, facts(), locale).body);
  });
});

describe('account e-mails', () => {
  const link = 'https://app.haven.test/reset-password?token=abc_DEF-123';
  it.each(LOCALES)('verification and reset read in %s, whole, with the link left to right', (locale) => {
    for (const purpose of ['verify_email', 'password_reset'] as const) {
      const email = accountEmail(purpose, link, 'Test <b>', locale);
      expect(email.subject).toBe(CATALOGUES[locale][`account.${purpose}.subject`]);
      expect(email.text).toContain(CATALOGUES[locale][`account.${purpose}.after`]);
      expect(email.text).toContain(link);
      expect(email.html).toContain(`<html lang="${locale}" dir="${DIRECTION[locale]}">`);
      expect(email.html).toContain(`<p dir="ltr"><a href="${link}">${link}</a></p>`);
      expect(email.html).toContain('Test &lt;b&gt;');
      expect(`${email.text}${email.html}`).not.toMatch(/[{}]/);
    }
  });

  it('differ by language: Arabic is not English', () => {
    expect(accountEmail('verify_email', link, 'Sam', 'ar').subject).not.toBe(
      accountEmail('verify_email', link, 'Sam', 'en').subject,
    );
  });
});

describe('SMS texts', () => {
  it('count GSM-7 and UCS-2 segments', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSize('a'.repeat(161)).segments).toBe(2);
    expect(smsSize('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSize('ب'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(smsSize('ب'.repeat(71)).segments).toBe(2);
    expect(smsSize('ب'.repeat(135)).segments).toBe(3);
  });

  it.each(LOCALES)('fit two segments in %s, even for the longest names', (locale) => {
    const long = facts({
      need: { title: longName, timezone: 'Asia/Baghdad' },
      task: { title: longName, startsAt, timezone: 'Asia/Baghdad', place: `${longName} camp` },
    });
    const sizes = SMS_EVENTS.map((type) => smsSize(renderSms(type, long, locale)!));
    const longest = Math.max(...sizes.map((size) => size.units));
    expect(sizes.every((size) => size.segments <= 2)).toBe(true);
    expect(longest).toBeGreaterThan(locale === 'en' ? 160 : 70); // the names were long enough to need two
    expect(new Set(sizes.map((size) => size.encoding))).toEqual(new Set([locale === 'en' ? 'gsm7' : 'ucs2']));
    expect(smsSize(renderPhoneCode('123456', locale)).segments).toBeLessThanOrEqual(2);
  });

  it('go only for reminders, promotions, changes and cancellations', () => {
    expect(renderSms(OutboxEvent.SignupConfirmed, facts())).toBeNull();
    expect(renderSms(OutboxEvent.SignupReminder, facts(), 'ar')).toBe(
      `Haven: تذكير، تبدأ «Kit distribution» ${new Intl.DateTimeFormat('ar', { timeZone: 'Asia/Baghdad', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(startsAt).replace(/[\u00a0\u202f]/g, ' ')}، Camp Example. للإيقاف أرسل STOP`,
    );
  });
});

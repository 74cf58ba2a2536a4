import { IntlMessageFormat } from 'intl-messageformat';
import { NotificationEvent, OutboxEvent } from '@haven/core';
import { CATALOGUES, DIRECTION, INTL_LOCALE, Locale, MessageKey } from './catalogue';
import { Facts } from './facts';
import { smsSize, SMS_MAX_SEGMENTS } from './sms-segments';

export { CATALOGUES, DIRECTION, isLocale } from './catalogue';
export type { Locale, MessageKey } from './catalogue';

export interface Message {
  title: string;
  body: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type Values = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

/** One catalogue string, formatted as ICU MessageFormat in the locale (plurals, numbers). */
export function format(locale: Locale, key: MessageKey, values: Values = {}): string {
  const cacheKey = `${locale}\u0000${key}`;
  let message = compiled.get(cacheKey);
  if (!message) {
    message = new IntlMessageFormat(CATALOGUES[locale][key], INTL_LOCALE[locale]);
    compiled.set(cacheKey, message);
  }
  return String(message.format(values));
}

type DateShape = 'when' | 'short' | 'day';

/** The fields each shape of date shows, in a locale. */
const SHAPES: Record<DateShape, (locale: Locale) => Intl.DateTimeFormatOptions> = {
  // The month by name: numeric dates read differently from one country to the next.
  when: (locale) =>
    locale === 'en'
      ? { dateStyle: 'medium', timeStyle: 'short' }
      : { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  short: () => ({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
  day: () => ({ day: 'numeric', month: 'long', year: 'numeric' }),
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatter of a shape, locale and time zone, built once: building one costs far more than
 * formatting with it (it was most of the worker's CPU in a sign-up storm, one per message). Zones
 * come from camps, so the set is small; the bound only keeps a runaway set from growing.
 */
function dateFormat(shape: DateShape, locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${shape}\u0000${locale}\u0000${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, ...SHAPES[shape](locale) });
    if (formatters.size >= 1_000) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** A time as the people at the camp read it, in the camp's time zone. */
export function when(at: Date, timezone: string, locale: Locale = 'en'): string {
  return dateFormat('when', locale, timezone).format(at) + ` (${timezone})`;
}

/** The short form for a text message: day, month and time at the camp, no zone name. */
const shortWhen = (at: Date, timezone: string, locale: Locale) =>
  dateFormat('short', locale, timezone)
    .format(at)
    .replace(/[\u00a0\u202f]/g, ' ');

/** A calendar day (an ISO date or timestamp in the payload), written in the locale. */
const day = (value: unknown, locale: Locale) => {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return format(locale, 'common.soon');
  return dateFormat('day', locale, 'UTC').format(
    new Date(value.length === 10 ? `${value}T00:00:00Z` : value),
  );
};

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 3).trimEnd()}...`;

/** The values every message may use, built from facts only. */
function valuesFor(type: string, facts: Facts, locale: Locale, clipAt = Infinity, short = false): Values {
  const place = facts.task
    ? facts.task.place === 'remote'
      ? format(locale, 'common.remote')
      : facts.task.place
    : '';
  const time = facts.task
    ? short
      ? shortWhen(facts.task.startsAt, facts.task.timezone, locale)
      : when(facts.task.startsAt, facts.task.timezone, locale)
    : '';
  const lines = (facts.tasks ?? []).map((entry) =>
    format(locale, 'common.listItem', {
      title: entry.title,
      when: when(entry.startsAt, entry.timezone, locale),
    }),
  );
  return {
    organization: facts.organization?.name ?? format(locale, 'common.yourOrganisation'),
    volunteer: facts.volunteer?.displayName ?? format(locale, 'common.aVolunteer'),
    need: facts.need ? clip(facts.need.title, clipAt) : format(locale, 'common.aNeed'),
    task: facts.task
      ? format(locale, 'common.quoted', { title: clip(facts.task.title, clipAt) })
      : format(locale, 'common.aTask'),
    taskTime: facts.task ? format(locale, 'common.taskTime', { when: time, place }) : '',
    when: time,
    place: clip(place, clipAt),
    count: type === OutboxEvent.Digest ? lines.length : Number(facts.payload.count ?? 0),
    taskList: type === OutboxEvent.Digest ? lines.join('\n') : lines.map((line) => `\n${line}`).join(''),
    hasTasks: lines.length > 0 ? 'yes' : 'no',
    status: facts.payload.status === 'attended' ? 'attended' : 'other',
    expires: day(facts.payload.expiresAt, locale),
    validUntil: day(facts.payload.validUntil, locale),
    deleteOn: day(facts.payload.deleteOn, locale),
  };
}

const knownEvent = (type: string): type is NotificationEvent => `${type}.title` in CATALOGUES.en;

/** The feed's title and body (and the e-mail's subject and words) of an event, in the recipient's language. */
export function render(type: string, facts: Facts, locale: Locale = 'en'): Message {
  if (!knownEvent(type)) throw new Error(`No template for ${type}`);
  const values = valuesFor(type, facts, locale);
  return {
    title: format(locale, `${type}.title` as MessageKey, values),
    body: format(locale, `${type}.body` as MessageKey, values),
  };
}

/** The events that also go by SMS: reminders, promotions from the waitlist, changes and cancellations. */
export const SMS_EVENTS: readonly string[] = [
  OutboxEvent.SignupReminder,
  OutboxEvent.SignupPromoted,
  OutboxEvent.TaskChanged,
  OutboxEvent.TaskCancelled,
  OutboxEvent.NeedCancelled,
];

/**
 * The text message of an event, or null when the event does not go by SMS. Names are shortened
 * until the text fits two segments (GSM-7 when every character allows it, UCS-2 otherwise).
 */
export function renderSms(type: string, facts: Facts, locale: Locale = 'en'): string | null {
  if (!SMS_EVENTS.includes(type)) return null;
  const key = `sms.${type}` as MessageKey;
  let text = format(locale, key, valuesFor(type, facts, locale, Infinity, true));
  for (let clipAt = 60; smsSize(text).segments > SMS_MAX_SEGMENTS && clipAt >= 8; clipAt -= 4) {
    text = format(locale, key, valuesFor(type, facts, locale, clipAt, true));
  }
  return text;
}

/** The text that carries a phone verification code. */
export const renderPhoneCode = (code: string, locale: Locale = 'en') =>
  format(locale, 'sms.phone.code', { code });

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

/** One paragraph of an e-mail: text, or a link shown as its own address. */
export type EmailParagraph = string | { link: string };

/** The HTML of an e-mail: a document that names its language and direction, one <p> per paragraph. */
export function emailHtml(title: string, paragraphs: EmailParagraph[], locale: Locale): string {
  const dir = DIRECTION[locale];
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}" dir="${dir}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    `<body dir="${dir}" style="text-align: ${dir === 'rtl' ? 'right' : 'left'}">`,
    ...paragraphs.map((paragraph) =>
      typeof paragraph === 'string'
        ? `<p>${escapeHtml(paragraph)}</p>`
        : // A link reads left to right inside a right-to-left message.
          `<p dir="ltr"><a href="${escapeHtml(paragraph.link)}">${escapeHtml(paragraph.link)}</a></p>`,
    ),
    '</body>',
    '</html>',
  ].join('\n');
}

/** The e-mail form of a message: plain text, and HTML that names its language and direction. */
export function toEmail(message: Message, displayName: string, locale: Locale = 'en'): RenderedEmail {
  const greeting = format(locale, 'email.greeting', { name: displayName });
  const signoff = format(locale, 'email.signoff');
  return {
    subject: message.title,
    text: `${greeting}\n\n${message.body}\n\n${signoff}`,
    html: emailHtml(message.title, [greeting, ...message.body.split('\n'), signoff], locale),
  };
}

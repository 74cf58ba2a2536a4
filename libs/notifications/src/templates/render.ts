import { NotificationEvent } from '@haven/core';
import { EN, Message } from './en';
import { Facts } from './facts';

export type Locale = 'en';

const TEMPLATES: Record<Locale, Record<NotificationEvent, (facts: Facts) => Message>> = { en: EN };

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

export function render(type: string, facts: Facts, locale: Locale = 'en'): Message {
  const template = TEMPLATES[locale][type as NotificationEvent];
  if (!template) throw new Error(`No template for ${type}`);
  return template(facts);
}

/** The e-mail form of a message: plain text and the same words as simple HTML. */
export function toEmail(message: Message, displayName: string): RenderedEmail {
  const text = `Hello ${displayName},\n\n${message.body}\n\n— Haven`;
  const paragraphs = [`Hello ${displayName},`, ...message.body.split('\n'), '— Haven'];
  return {
    subject: message.title,
    text,
    html: paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n'),
  };
}

import type { AccountTokenPurpose } from '@haven/identity';
import { Locale } from './catalogue';
import { emailHtml, format, RenderedEmail } from './render';

/**
 * An account e-mail (the verification or reset link) in the account's language: the words from
 * the catalogue, and the link as text and as a link.
 */
export function accountEmail(
  purpose: AccountTokenPurpose,
  link: string,
  displayName: string,
  locale: Locale = 'en',
): RenderedEmail {
  const subject = format(locale, `account.${purpose}.subject`);
  const before = format(locale, `account.${purpose}.before`);
  const after = format(locale, `account.${purpose}.after`);
  const greeting = format(locale, 'email.greeting', { name: displayName });
  const signoff = format(locale, 'email.signoff');
  return {
    subject,
    text: [greeting, before, link, after, signoff].join('\n\n'),
    html: emailHtml(subject, [greeting, before, { link }, after, signoff], locale),
  };
}

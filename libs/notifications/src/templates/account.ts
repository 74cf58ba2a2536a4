import type { AccountTokenPurpose } from '@haven/identity';
import { RenderedEmail } from './render';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

const WORDING: Record<AccountTokenPurpose, { subject: string; before: string; after: string }> = {
  verify_email: {
    subject: 'Confirm your e-mail address for Haven',
    before: 'Please confirm that this address is yours by opening this link:',
    after:
      'The link works once, for 24 hours. Until then you can sign in and look around, but not sign up for tasks, pledge or post. If you did not create a Haven account, ignore this e-mail.',
  },
  password_reset: {
    subject: 'Reset your Haven password',
    before: 'Someone, we hope you, asked to reset the password of your Haven account. Choose a new one here:',
    after:
      'The link works once, for 30 minutes, and signs you out everywhere. If you did not ask, ignore this e-mail: your password stays as it is.',
  },
};

/** An account e-mail: the words, and the link as text and as a link. */
export function accountEmail(purpose: AccountTokenPurpose, link: string, displayName: string): RenderedEmail {
  const { subject, before, after } = WORDING[purpose];
  return {
    subject,
    text: `Hello ${displayName},\n\n${before}\n\n${link}\n\n${after}\n\n— Haven`,
    html: [
      `<p>Hello ${escapeHtml(displayName)},</p>`,
      `<p>${escapeHtml(before)}</p>`,
      `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
      `<p>${escapeHtml(after)}</p>`,
      '<p>— Haven</p>',
    ].join('\n'),
  };
}

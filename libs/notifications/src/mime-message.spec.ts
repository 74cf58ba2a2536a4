import MailComposer from 'nodemailer/lib/mail-composer';
import { MimeComposer } from './mime-message';
import { accountEmail } from './templates/account';
import { render, toEmail } from './templates/render';

const FROM = 'Haven <no-reply@haven.invalid>';
const ID = '5b0d7a8e-3c0f-4a55-9d2a-0f4c1c1f0a11';
const DATE = new Date('2026-11-30T16:20:00Z');

/** What nodemailer's own composer builds from the same fields, CRLF line ends. */
async function nodemailerBuilds(
  to: { email: string; displayName: string },
  message: ReturnType<typeof toEmail>,
) {
  const built = await new MailComposer({
    messageId: `<${ID}@haven>`,
    date: DATE,
    from: FROM,
    to: { name: to.displayName, address: to.email },
    subject: message.subject,
    text: message.text,
    html: message.html,
  })
    .compile()
    .build();
  return built.toString('utf8').replace(/\r?\n/g, '\r\n');
}

/** Both messages with their boundaries named alike. */
const sameBoundary = (raw: string) => {
  const boundary = /boundary="([^"]+)"/.exec(raw)![1];
  return raw.split(boundary).join('BOUNDARY');
};

const facts = (name: string) => ({ payload: {}, organization: { name, status: 'approved' } });

describe('MimeComposer', () => {
  const composer = new MimeComposer(FROM);

  const cases: [string, { email: string; displayName: string }, ReturnType<typeof toEmail>][] = [
    [
      'English',
      { email: 'sam@example.org', displayName: 'Sam' },
      toEmail(render('organization.approved', facts('Bench Org')), 'Sam'),
    ],
    [
      'Arabic, right to left',
      { email: 'layla@example.org', displayName: 'ليلى' },
      toEmail(render('organization.approved', facts('منظمة الأمل'), 'ar'), 'ليلى', 'ar'),
    ],
    [
      'Kurdish (Sorani)',
      { email: 'ako@example.org', displayName: 'ئاکۆ' },
      toEmail(render('organization.approved', facts('ڕێکخراوی هیوا'), 'ckb'), 'ئاکۆ', 'ckb'),
    ],
    [
      'a name with quotes, a comma and a line break',
      { email: 'odd@example.org', displayName: 'O"Brien, \\ Jr.\r\nBcc: x@evil.example' },
      toEmail(render('organization.approved', facts('A "quoted" org')), 'O"Brien'),
    ],
    [
      'a long subject and long lines',
      { email: 'long@example.org', displayName: 'Long' },
      toEmail(render('organization.approved', facts('Organisation '.repeat(20))), 'Long'),
    ],
    [
      'an account link',
      { email: 'sam@example.org', displayName: 'Sam' },
      accountEmail('verify_email', `http://localhost:3000/verify-email?token=${'a'.repeat(43)}`, 'Sam'),
    ],
    [
      'plain ASCII in short lines (sent as 7bit)',
      { email: 'sam@example.org', displayName: 'Sam' },
      { subject: 'Hi', text: 'Hello.\nShort lines.', html: '<p>Hello.</p>' },
    ],
  ];

  it.each(cases)('builds what nodemailer builds: %s', async (_, to, message) => {
    expect(composer.handles(to)).toBe(true);
    const ours = composer.compose(to, message, ID, DATE).toString('utf8');
    expect(sameBoundary(ours)).toBe(sameBoundary(await nodemailerBuilds(to, message)));
    // No bare line feeds, and a header can be injected by no name.
    expect(ours).not.toMatch(/[^\r]\n/);
    expect(ours).not.toMatch(/^Bcc:/m);
  });

  it('gives each message a new boundary that quoted-printable and base64 text cannot contain', () => {
    const to = { email: 'sam@example.org', displayName: 'Sam' };
    const message = cases[0][2];
    const boundaries = [1, 2].map(
      () => /boundary="([^"]+)"/.exec(composer.compose(to, message, ID).toString())![1],
    );
    expect(boundaries[0]).not.toBe(boundaries[1]);
    expect(boundaries[0]).toMatch(/^=_/);
  });

  it('takes the envelope sender from MAIL_FROM and leaves non-ASCII addresses to nodemailer', () => {
    expect(composer.envelopeFrom).toBe('no-reply@haven.invalid');
    expect(composer.handles({ email: 'jörg@bücher.example', displayName: 'Jörg' })).toBe(false);
    expect(new MimeComposer('no-reply@haven.invalid').envelopeFrom).toBe('no-reply@haven.invalid');
  });
});

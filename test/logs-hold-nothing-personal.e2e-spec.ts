import { existsSync } from 'node:fs';
import { Writable } from 'node:stream';
import { startMailCapture } from './support/mail-capture';
import { eventually } from './support/polling';
import { Child, startWorker, WORKER_MAIN } from './support/processes';
import { APP_URL, tokensIn } from './support/accounts';
import {
  Account,
  bearer,
  createCamp,
  inYears,
  needBody,
  newAccount,
  organizationApplication,
  registerAdmin,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';

/**
 * Logs hold nothing personal (issue 17): the journeys of all three roles run with the API and a
 * worker process logging at `debug`, and every captured line is searched for what must never be
 * logged — passwords, tokens, e-mail addresses, phone numbers, calendar secrets and the text of
 * request bodies.
 */
describe('logs hold nothing personal (e2e)', () => {
  let api: TestApi;
  let worker: Child;
  let mail: Awaited<ReturnType<typeof startMailCapture>>;
  const apiLines: string[] = [];
  const workerLines: string[] = [];
  /** Everything that must not appear in any log line. */
  const secrets = new Map<string, string>();
  const keep = (what: string, value: string) => {
    secrets.set(value, what);
    return value;
  };

  beforeAll(async () => {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run npm run build first`);
    mail = await startMailCapture();
    const destination = new Writable({
      write(chunk, _encoding, done) {
        apiLines.push(chunk.toString());
        done();
      },
    });
    api = await startTestApi(
      { LOG_LEVEL: 'debug', MAIL_URL: mail.url, APP_URL },
      { logDestination: destination },
    );
    worker = startWorker('worker (debug)', {
      NODE_ENV: 'test',
      DATABASE_URL: api.config.DATABASE_URL,
      REDIS_URL: api.config.REDIS_URL,
      REDIS_PREFIX: api.config.REDIS_PREFIX,
      MAIL_URL: mail.url,
      MAIL_FROM: 'Haven tests <no-reply@example.org>',
      APP_URL,
      LOG_LEVEL: 'debug',
    });
    const capture = (chunk: Buffer) => workerLines.push(chunk.toString());
    worker.process.stdout?.on('data', capture);
    worker.process.stderr?.on('data', capture);
    await eventually(
      async () => workerLines.join('').includes('Haven worker started'),
      'the worker to start',
    );
  }, 120_000);

  afterAll(async () => {
    await worker?.stop('SIGTERM');
    await api?.close();
    await mail?.close();
  });

  const http = () => api.http;
  const mailedToken = (email: string, page: string) =>
    eventually(async () => tokensIn(mail.messages, email, page)[0], `the ${page} link for a test account`);

  /** Registers over HTTP, verifies the e-mail with the mailed link and signs in. */
  async function signUp(role: 'volunteer' | 'coordinator'): Promise<Account> {
    const account = newAccount(role);
    keep('an e-mail address', account.email);
    keep('a display name', account.displayName);
    account.password = keep('a password', `unique passphrase ${role} ${Math.random().toString(36).slice(2)}`);
    await http().post('/api/v1/auth/register').send(account).expect(201);
    const token = keep('an e-mailed token', await mailedToken(account.email, 'verify-email'));
    await http().post('/api/v1/auth/verify-email').send({ token }).expect(204);
    const login = await http()
      .post('/api/v1/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    return {
      ...account,
      id: login.body.user.id,
      accessToken: keep('an access token', login.body.accessToken),
      refreshToken: keep('a refresh token', login.body.refreshToken),
    };
  }

  it('runs every role’s journey at debug level without logging anything personal', async () => {
    // The admin: created by the operator tools, signs in, approves and oversees.
    const admin = await registerAdmin(api);
    keep('an e-mail address', admin.email);
    keep('a password', admin.password);
    keep('an access token', admin.accessToken);
    const campId = await createCamp(api, admin);

    // The coordinator: signs up, applies for an organisation, is approved, posts a need and a task.
    const coordinator = await signUp('coordinator');
    const application = organizationApplication({
      contactEmail: keep('an e-mail address', 'office-logcheck@example.org'),
      description: keep('request body text', 'Runs evening classes in the quiet quarter, logcheck text.'),
    });
    const organization = await http()
      .post('/api/v1/organizations')
      .set(bearer(coordinator))
      .send(application)
      .expect(201);
    await http()
      .post(`/api/v1/organizations/${organization.body.id}/approve`)
      .set(bearer(admin))
      .send({ note: keep('request body text', 'Checked against the registry, logcheck note.') })
      .expect(200);
    const need = await http()
      .post('/api/v1/needs')
      .set(bearer(coordinator))
      .send(
        needBody(campId, {
          title: keep('request body text', 'Logcheck reading circle'),
          items: [{ name: keep('request body text', 'Logcheck notebooks'), unit: 'boxes', quantity: 20 }],
        }),
      )
      .expect(201);
    // A phone number in free text is refused by the privacy guard — and not logged either.
    const phone = keep('a phone number', '+962 79 555 0142');
    await http()
      .post('/api/v1/needs')
      .set(bearer(coordinator))
      .send(needBody(campId, { description: `Call the organiser on ${phone} for details.` }))
      .expect(422);
    const task = await http()
      .post(`/api/v1/needs/${need.body.id}/tasks`)
      .set(bearer(coordinator))
      .send(taskBody({ description: keep('request body text', 'Logcheck: bring the story books.') }))
      .expect(201);
    const invitee = newAccount('coordinator');
    await http()
      .post(`/api/v1/organizations/${organization.body.id}/invitations`)
      .set(bearer(coordinator))
      .send({ email: keep('an e-mail address', invitee.email) })
      .expect(202);

    // The volunteer: signs up, fills the profile, signs up for the task, pledges, subscribes.
    const volunteer = await signUp('volunteer');
    await http()
      .put('/api/v1/me/volunteer-profile')
      .set(bearer(volunteer))
      .send({
        skills: ['Teaching'],
        languages: ['en'],
        availability: [],
        remote: false,
        campIds: [campId],
        bio: keep('request body text', 'Logcheck bio: former librarian.'),
      })
      .expect(200);
    const signup = await http()
      .post(`/api/v1/tasks/${task.body.id}/signups`)
      .set(bearer(volunteer))
      .send({})
      .expect(201);
    await http()
      .post(`/api/v1/needs/${need.body.id}/items/${need.body.items[0].id}/pledges`)
      .set(bearer(volunteer))
      .send({ quantity: 2 })
      .expect(201);
    // The volunteer's own phone, for Haven's texts.
    await http()
      .put('/api/v1/me/phone')
      .set(bearer(volunteer))
      .send({ phone: keep('a phone number', '+9647912345677') })
      .expect(202);
    const calendar = await http().post('/api/v1/me/calendar-token').set(bearer(volunteer)).send().expect(201);
    keep('a calendar secret', calendar.body.token);
    await http().get('/api/v1/me/calendar.ics').query({ token: calendar.body.token }).expect(200);
    await http().get('/api/v1/me/export').set(bearer(volunteer)).expect(200);
    const refreshed = await http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: volunteer.refreshToken })
      .expect(200);
    keep('an access token', refreshed.body.accessToken);
    keep('a refresh token', refreshed.body.refreshToken);
    // A wrong password, then a reset by e-mail.
    await http()
      .post('/api/v1/auth/login')
      .send({ email: volunteer.email, password: keep('a password', 'wrong guess passphrase 99') })
      .expect(401);
    await http().post('/api/v1/auth/password-reset').send({ email: volunteer.email }).expect(202);
    const reset = keep('an e-mailed token', await mailedToken(volunteer.email, 'reset-password'));
    const newPassword = keep('a password', 'renewed passphrase for logcheck');
    await http()
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: reset, password: newPassword })
      .expect(204);

    // Back to the coordinator and the admin: attendance, clearance, reports, suspension, audit.
    await http()
      .post(`/api/v1/organizations/${organization.body.id}/safeguarding-clearances`)
      .set(bearer(coordinator))
      .send({ volunteerId: volunteer.id, validUntil: inYears(1) })
      .expect(201);
    await api.db.query(
      `UPDATE tasks SET starts_at = now() - interval '26 hours', ends_at = now() - interval '25 hours' WHERE id = $1`,
      [task.body.id],
    );
    await http()
      .post(`/api/v1/signups/${signup.body.id}/attendance`)
      .set(bearer(coordinator))
      .send({ status: 'attended', hours: 1 })
      .expect(200);
    await http()
      .get(`/api/v1/organizations/${organization.body.id}/reports/hours.csv`)
      .set(bearer(coordinator))
      .expect(200);
    await http()
      .post(`/api/v1/admin/users/${volunteer.id}/suspend`)
      .set(bearer(admin))
      .send({ reason: keep('request body text', 'Logcheck suspension reason.') })
      .expect(200);
    await http().get('/api/v1/admin/audit-log').set(bearer(admin)).expect(200);
    await http().get('/api/v1/admin/stats').set(bearer(admin)).expect(200);

    // The worker has delivered what the journey queued: the volunteer's sign-up confirmation, say.
    await eventually(
      async () =>
        mail.messages.some(
          (message) =>
            message.to.includes(volunteer.email.toLowerCase()) &&
            !/verify-email|reset-password/.test(message.raw),
        ),
      'a notification e-mail to the volunteer',
      { timeoutMs: 30_000 },
    );
    await eventually(
      async () =>
        Number(
          (await api.db.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`))[0].n,
        ) === 0,
      'the outbox to be relayed',
      { timeoutMs: 30_000 },
    );

    const logs = { api: apiLines.join(''), worker: workerLines.join('') };
    // The capture works: both processes logged at debug level while the journey ran.
    expect(apiLines.length).toBeGreaterThan(50);
    expect(logs.api).toMatch(/"level":20/);
    expect(logs.worker).toMatch(/"level":20|DEBUG/i);

    // The audit log is kept when accounts are anonymised: it names no one either (ids only).
    const [audit] = await api.db.query(
      `SELECT count(*)::int AS entries, string_agg(action || ' ' || summary, E'\n') AS text FROM audit_log`,
    );
    expect(audit.entries).toBeGreaterThanOrEqual(10);

    const found: string[] = [];
    for (const [name, text] of Object.entries({ ...logs, audit: audit.text as string })) {
      for (const [value, what] of secrets) if (text.includes(value)) found.push(`${name} log holds ${what}`);
      const emails = text.match(/[\w.+-]+@[\w-]+\.[\w.-]+/g) ?? [];
      for (const email of emails)
        found.push(`${name} log holds an e-mail address: ${email.replace(/^.*@/, '…@')}`);
      // International numbers as people write them (+CC then groups); ids, times and counts are not.
      if (/\+\d{1,3}[ .-]\d{2,4}[ .-]\d{3}[ .-]?\d{3,4}/.test(text)) {
        found.push(`${name} log holds what looks like a phone number`);
      }
      if (/Bearer\s+ey/i.test(text)) found.push(`${name} log holds a bearer token`);
    }
    expect([...new Set(found)]).toEqual([]);
  }, 180_000);
});

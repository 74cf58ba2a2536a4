import { expectProblem } from '@haven/testing';
import {
  AccountsHarness,
  APP_URL,
  awaitToken,
  from,
  sha256,
  startAccountsHarness,
  tokensIn,
} from './support/accounts';
import { htmlOf, subjectOf } from './support/mail-capture';
import { eventually } from './support/polling';
import { AccountService } from '@haven/identity';
import { bearer, register, TestApi } from './support/test-api';

/** Issue 10, "Accounts that people can keep": password change and reset by e-mailed link. */
describe('account passwords: change and reset (e2e)', () => {
  let h: AccountsHarness;
  let api: TestApi;
  let mail: AccountsHarness['mail'];
  const login = (email: string, password: string) => h.login(email, password);
  const outboxRows = (userId: string, type: string) => h.outboxRows(userId, type);
  /** Password-reset links are recorded after the answer: this waits for those asked for so far. */
  const recorded = () => api.app.get(AccountService).recorded();

  beforeAll(async () => {
    h = await startAccountsHarness();
    ({ api, mail } = h);
  });

  afterAll(async () => {
    await h.close();
  });

  describe('password change', () => {
    it('sets the new password and ends every other session, keeping the caller’s', async () => {
      const person = await register(api);
      const other = (await login(person.email, person.password).expect(200)).body;
      await api.http
        .post('/api/v1/me/password')
        .set(bearer(person))
        .send({ currentPassword: person.password, newPassword: 'a brand new passphrase 77' })
        .expect(204);
      expectProblem(
        await api.http.post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }),
        401,
      );
      await api.http.post('/api/v1/auth/refresh').send({ refreshToken: person.refreshToken }).expect(200);
      expectProblem(await login(person.email, person.password), 401);
      await login(person.email, 'a brand new passphrase 77').expect(200);
    });

    it('refuses a wrong current password, a weak new one and a malformed body with 400', async () => {
      const person = await register(api);
      const change = (body: object) => api.http.post('/api/v1/me/password').set(bearer(person)).send(body);
      expectProblem(
        await change({ currentPassword: 'not my password at all', newPassword: 'a brand new passphrase 77' }),
        400,
        'currentPassword',
      );
      expectProblem(
        await change({ currentPassword: person.password, newPassword: 'short' }),
        400,
        'newPassword',
      );
      expectProblem(
        await change({ currentPassword: person.password, newPassword: 'password1234' }),
        400,
        'newPassword',
      );
      expectProblem(await change({ currentPassword: person.password }), 400, 'newPassword');
      expectProblem(
        await change({
          currentPassword: person.password,
          newPassword: 'a brand new passphrase 77',
          role: 'admin',
        }),
        400,
        'role',
      );
      expectProblem(await api.http.post('/api/v1/me/password').send({}), 401);
      await login(person.email, person.password).expect(200);
    });

    it('limits wrong current passwords like logins', async () => {
      const person = await register(api);
      for (let i = 0; i < 10; i += 1) {
        expectProblem(
          await api.http
            .post('/api/v1/me/password')
            .set(bearer(person))
            .send({ currentPassword: `wrong guess ${i} here`, newPassword: 'a brand new passphrase 77' }),
          400,
          'currentPassword',
        );
      }
      const limited = await api.http
        .post('/api/v1/me/password')
        .set(bearer(person))
        .send({ currentPassword: person.password, newPassword: 'a brand new passphrase 77' });
      expectProblem(limited, 429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('password reset', () => {
    const requestReset = (email: string) => api.http.post('/api/v1/auth/password-reset').send({ email });
    const confirm = (token: string, password: string) =>
      api.http.post('/api/v1/auth/password-reset/confirm').send({ token, password });

    it('mails a 30-minute single-use link; confirming sets the password and ends every session', async () => {
      const person = await register(api);
      const second = (await login(person.email, person.password).expect(200)).body;
      const answer = await requestReset(person.email.toUpperCase()).expect(202);
      const token = await awaitToken(api, mail.messages, person.email, 'reset-password');
      const [row] = await api.db.query(
        `SELECT token_hash, extract(epoch FROM expires_at - sent_at)::int AS valid_for FROM account_tokens WHERE user_id = $1 AND purpose = 'password_reset'`,
        [person.id],
      );
      expect(row).toEqual({ token_hash: sha256(token), valid_for: 30 * 60 });

      expectProblem(await confirm(token, 'short'), 400, 'password');
      await confirm(token, 'a reset passphrase 2026').expect(204);
      for (const session of [person.refreshToken, second.refreshToken]) {
        expectProblem(await api.http.post('/api/v1/auth/refresh').send({ refreshToken: session }), 401);
      }
      expectProblem(await login(person.email, person.password), 401);
      await login(person.email, 'a reset passphrase 2026').expect(200);
      // Used once, the link is refused.
      expectProblem(await confirm(token, 'yet another passphrase 9'), 400, 'token');

      // An unknown address gets the very same answer, and nothing is queued or mailed.
      const unknown = await requestReset(`nobody-${Date.now()}@example.org`).expect(202);
      await recorded();
      expect({ status: unknown.status, body: unknown.body, type: unknown.headers['content-type'] }).toEqual({
        status: answer.status,
        body: answer.body,
        type: answer.headers['content-type'],
      });
      const [{ n }] = await api.db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'account.password_reset'`,
      );
      expect(n).toBe(1);
    });

    it('answers before it looks the address up, so the answer cannot tell whether an account holds it', async () => {
      const person = await register(api);
      // While another transaction holds the reset links' table, no link can be recorded: the answers
      // still come, for the known and the unknown address alike.
      const blocker = api.db.createQueryRunner();
      await blocker.connect();
      await blocker.startTransaction();
      try {
        await blocker.query('LOCK TABLE account_tokens IN EXCLUSIVE MODE');
        await requestReset(person.email).expect(202);
        await requestReset(`nobody-${Date.now()}@example.org`).expect(202);
      } finally {
        await blocker.rollbackTransaction();
        await blocker.release();
      }
      // Then the link is recorded and mailed.
      await awaitToken(api, mail.messages, person.email, 'reset-password');
      const rows = await api.db.query(
        `SELECT 1 FROM account_tokens WHERE user_id = $1 AND purpose = 'password_reset'`,
        [person.id],
      );
      expect(rows).toHaveLength(1);
    });

    it("mails the link in the account's own language, whatever language asked for it", async () => {
      const arabic = await register(api);
      await api.http.patch('/api/v1/me').set(bearer(arabic)).send({ locale: 'ar' }).expect(200);
      const english = await register(api);
      // Asked for signed out, from browsers in the other language: the account's locale wins.
      await requestReset(arabic.email).set('Accept-Language', 'en-GB,en').expect(202);
      await requestReset(english.email).set('Accept-Language', 'ar').expect(202);
      const arabicToken = await awaitToken(api, mail.messages, arabic.email, 'reset-password');
      const englishToken = await awaitToken(api, mail.messages, english.email, 'reset-password');
      const mailTo = (email: string) => mail.messages.find((message) => message.to.includes(email))!;

      const inArabic = mailTo(arabic.email);
      expect(subjectOf(inArabic.raw)).toBe('إعادة تعيين كلمة المرور في Haven');
      const arabicHtml = htmlOf(inArabic.raw);
      expect(arabicHtml).toContain('<html lang="ar" dir="rtl">');
      expect(arabicHtml).toContain('<body dir="rtl"');
      expect(arabicHtml).toContain('تبقى كلمة مرورك كما هي');
      expect(arabicHtml).toContain(`<a href="${APP_URL}/reset-password?token=${arabicToken}">`);

      const inEnglish = mailTo(english.email);
      expect(subjectOf(inEnglish.raw)).toBe('Reset your Haven password');
      const englishHtml = htmlOf(inEnglish.raw);
      expect(englishHtml).toContain('<html lang="en" dir="ltr">');
      expect(englishHtml).toContain('your password stays as it is');
      expect(englishHtml).toContain(`<a href="${APP_URL}/reset-password?token=${englishToken}">`);
    });

    it('refuses an expired, a superseded and an unknown link, and mails nothing for a suspended account', async () => {
      const person = await register(api);
      await requestReset(person.email).expect(202);
      const first = await awaitToken(api, mail.messages, person.email, 'reset-password');
      await requestReset(person.email).expect(202);
      const second = await awaitToken(api, mail.messages, person.email, 'reset-password', 2);
      expectProblem(await confirm(first, 'a reset passphrase 2026'), 400, 'token');
      await api.db.query(
        `UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND used_at IS NULL`,
        [person.id],
      );
      expectProblem(await confirm(second, 'a reset passphrase 2026'), 400, 'token');
      expectProblem(await confirm('y'.repeat(43), 'a reset passphrase 2026'), 400, 'token');
      expectProblem(await confirm('', 'a reset passphrase 2026'), 400, 'token');
      await login(person.email, person.password).expect(200);

      const suspended = await register(api);
      await api.db.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [suspended.id]);
      await requestReset(suspended.email).expect(202);
      await recorded();
      expect(await outboxRows(suspended.id, 'account.password_reset')).toBe(0);
    });

    it('refuses malformed requests with 400 naming each field', async () => {
      const post = (path: string, body: object) => api.http.post(`/api/v1/auth/${path}`).send(body);
      expectProblem(await post('password-reset', {}), 400, 'email');
      expectProblem(await post('password-reset', { email: 'x@example.org', role: 'admin' }), 400, 'role');
      expectProblem(await post('password-reset', { email: `${'a'.repeat(250)}@example.org` }), 400, 'email');
      const noFields = await post('password-reset/confirm', {});
      expectProblem(noFields, 400, 'token');
      expectProblem(noFields, 400, 'password');
      expectProblem(
        await post('password-reset/confirm', {
          token: 'z'.repeat(43),
          password: 'a reset passphrase 2026',
          x: 1,
        }),
        400,
        'x',
      );
      expectProblem(
        await post('password-reset/confirm', { token: 'z'.repeat(43), password: 'p'.repeat(129) }),
        400,
        'password',
      );
    });

    it('refuses a link of an account deleted since it was mailed', async () => {
      const person = await register(api);
      await requestReset(person.email).expect(202);
      const token = await awaitToken(api, mail.messages, person.email, 'reset-password');
      await api.http.delete('/api/v1/me').set(bearer(person)).send({ password: person.password }).expect(204);
      expectProblem(await confirm(token, 'a reset passphrase 2026'), 400, 'token');
    });

    it('limits requests per e-mail address asked about (known or not) and per network address', async () => {
      const reset = (address: string, email: string) =>
        from(api, address, 'POST', '/api/v1/auth/password-reset', { email });
      const person = await register(api);
      const unknown = `nobody-limit-${Date.now()}@example.org`;
      for (const [index, email] of [person.email, unknown].entries()) {
        // Three an hour per e-mail address, from any network address.
        for (let i = 0; i < 3; i += 1)
          expect((await reset(`198.51.100.${10 * index + i}`, email)).status).toBe(202);
        const limited = await reset('198.51.100.99', email);
        expectProblem(limited, 429);
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      }
      // Each request replaces the link before it: only the newest one is still wanted. The links
      // are recorded after the answers.
      await recorded();
      expect(await outboxRows(person.id, 'account.password_reset')).toBe(3);
      await eventually(async () => {
        const rows = await api.db.query(
          `SELECT 1 FROM account_tokens WHERE user_id = $1 AND used_at IS NULL AND sent_at IS NOT NULL`,
          [person.id],
        );
        return rows.length === 1;
      }, 'the newest reset link to be mailed');
      expect(tokensIn(mail.messages, person.email, 'reset-password').length).toBeGreaterThanOrEqual(1);

      // Ten an hour per network address, whatever the e-mail.
      for (let i = 0; i < 10; i += 1) {
        expect((await reset('203.0.113.5', `someone-${i}-${Date.now()}@example.org`)).status).toBe(202);
      }
      expectProblem(await reset('203.0.113.5', `someone-else-${Date.now()}@example.org`), 429);
      expect((await reset('203.0.113.6', `someone-else-${Date.now()}@example.org`)).status).toBe(202);
      expectProblem(await requestReset('not an address'), 400, 'email');
    });
  });
});

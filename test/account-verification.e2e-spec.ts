import { expectProblem } from '@haven/testing';
import {
  AccountsHarness,
  APP_URL,
  awaitToken,
  registerUnverified,
  sha256,
  startAccountsHarness,
  unquote,
} from './support/accounts';
import { htmlOf, subjectOf } from './support/mail-capture';
import {
  Account,
  bearer,
  createCamp,
  needBody,
  organizationApplication,
  organizationWithNeed,
  register,
  taskBody,
  TestApi,
} from './support/test-api';

/** Issue 10, "Accounts that people can keep": verification, the profile, and the refresh cookie. */
describe('account verification, profile and refresh cookie (e2e)', () => {
  let h: AccountsHarness;
  let api: TestApi;
  let mail: AccountsHarness['mail'];
  let admin: Account;
  const login = (email: string, password: string) => h.login(email, password);
  const me = (account: { accessToken: string }) => h.me(account);
  const outboxRows = (userId: string, type: string) => h.outboxRows(userId, type);

  beforeAll(async () => {
    h = await startAccountsHarness();
    ({ api, mail, admin } = h);
  });

  afterAll(async () => {
    await h.close();
  });

  describe('e-mail verification', () => {
    it('mails an English browser’s account in English, left to right', async () => {
      const person = await registerUnverified(api, 'volunteer', { 'Accept-Language': 'en-GB,en;q=0.9' });
      const token = await awaitToken(api, mail.messages, person.email, 'verify-email');
      const [message] = mail.messages.filter((entry) => entry.to.includes(person.email));
      expect(subjectOf(message.raw)).toBe('Confirm your e-mail address for Haven');
      const html = htmlOf(message.raw);
      expect(html).toContain('<html lang="en" dir="ltr">');
      expect(html).toContain('Please confirm that this address is yours by opening this link:');
      expect(html).toContain(`<a href="${APP_URL}/verify-email?token=${token}">`);
    });

    it('mails a single-use link at registration, stored only as a hash; the link verifies the address', async () => {
      const person = await registerUnverified(api, 'coordinator', {
        'Accept-Language': 'ar-JO,ar;q=0.9,en;q=0.5',
      });
      const before = await me(person);
      expect(before.body).toMatchObject({ emailVerified: false, locale: 'ar' });

      const token = await awaitToken(api, mail.messages, person.email, 'verify-email');
      const [message] = mail.messages.filter((entry) => entry.to.includes(person.email));
      // Registered from an Arabic browser: the mail is in Arabic, right to left.
      expect(subjectOf(message.raw)).toBe('أكّد عنوان بريدك الإلكتروني في Haven');
      const html = htmlOf(message.raw);
      expect(html).toContain('<html lang="ar" dir="rtl">');
      expect(html).toContain('<body dir="rtl"');
      expect(html).toContain('يُرجى تأكيد أن هذا العنوان لك بفتح هذا الرابط:');
      expect(html).not.toContain('Please confirm');
      expect(unquote(message.raw)).toContain(`${APP_URL}/verify-email?token=${token}`);
      // The token is nowhere in the database: only its SHA-256, and no copy in the outbox or the feed.
      const [row] = await api.db.query(
        `SELECT token_hash, extract(epoch FROM expires_at - sent_at)::int AS valid_for FROM account_tokens WHERE user_id = $1`,
        [person.id],
      );
      expect(row.token_hash).toBe(sha256(token));
      expect(row.valid_for).toBe(24 * 3600);
      const [dump] = await api.db.query(
        `SELECT (SELECT string_agg(payload::text, ' ') FROM outbox) || ' ' ||
                coalesce((SELECT string_agg(title || body, ' ') FROM notifications), '') AS text`,
      );
      expect(dump.text).not.toContain(token);
      expect(
        (await api.http.get('/api/v1/me/notifications').set(bearer(person)).expect(200)).body.items,
      ).toEqual([]);

      await api.http.post('/api/v1/auth/verify-email').send({ token }).expect(204);
      expect((await me(person)).body.emailVerified).toBe(true);
      // Single use: the same link again is refused.
      expectProblem(await api.http.post('/api/v1/auth/verify-email').send({ token }), 400, 'token');
      // Verified, the coordinator may now apply for an organisation.
      await api.http
        .post('/api/v1/organizations')
        .set(bearer(person))
        .send(organizationApplication())
        .expect(201);
    });

    it('counts accounts created by the operator CLI as verified, and mails them no link', async () => {
      expect((await me(admin)).body.emailVerified).toBe(true);
      expect(await outboxRows(admin.id, 'account.verify_email')).toBe(0);
    });

    it('lets an unverified account sign in and browse, but not sign up, pledge or post (403 email_unverified)', async () => {
      const campId = await createCamp(api, admin);
      const { owner, needId } = await organizationWithNeed(api, admin, campId);
      const task = await api.http
        .post(`/api/v1/needs/${needId}/tasks`)
        .set(bearer(owner))
        .send(taskBody())
        .expect(201);
      const supplies = await api.http
        .post('/api/v1/needs')
        .set(bearer(owner))
        .send(
          needBody(campId, {
            category: 'supplies',
            items: [{ name: 'Blankets', unit: 'pieces', quantity: 4 }],
          }),
        )
        .expect(201);

      const volunteer = await registerUnverified(api, 'volunteer');
      await login(volunteer.email, volunteer.password).expect(200);
      await api.http.get('/api/v1/tasks').set(bearer(volunteer)).expect(200);
      await api.http.get(`/api/v1/needs/${needId}`).set(bearer(volunteer)).expect(200);
      const refused = [
        await api.http.post(`/api/v1/tasks/${task.body.id}/signups`).set(bearer(volunteer)).send({}),
        await api.http
          .post(`/api/v1/needs/${supplies.body.id}/items/${supplies.body.items[0].id}/pledges`)
          .set(bearer(volunteer))
          .send({ quantity: 1 }),
      ];
      const coordinator = await registerUnverified(api, 'coordinator');
      refused.push(
        await api.http.post('/api/v1/organizations').set(bearer(coordinator)).send(organizationApplication()),
      );
      for (const response of refused) {
        expectProblem(response, 403);
        expect(response.body.type).toBe('urn:haven:problem:email_unverified');
      }
      // Nothing was written.
      const [{ n }] = await api.db.query(
        `SELECT (SELECT count(*) FROM signups WHERE volunteer_id = $1) + (SELECT count(*) FROM pledges WHERE volunteer_id = $1) AS n`,
        [volunteer.id],
      );
      expect(Number(n)).toBe(0);

      await api.http
        .post('/api/v1/auth/verify-email')
        .send({ token: await awaitToken(api, mail.messages, volunteer.email, 'verify-email') })
        .expect(204);
      await api.http
        .post(`/api/v1/tasks/${task.body.id}/signups`)
        .set(bearer(volunteer))
        .send({})
        .expect(201);
    });

    it('refuses unknown, expired and malformed tokens with 400', async () => {
      const person = await registerUnverified(api);
      const token = await awaitToken(api, mail.messages, person.email, 'verify-email');
      await api.db.query(
        `UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [person.id],
      );
      expectProblem(await api.http.post('/api/v1/auth/verify-email').send({ token }), 400, 'token');
      expectProblem(
        await api.http.post('/api/v1/auth/verify-email').send({ token: 'x'.repeat(43) }),
        400,
        'token',
      );
      expectProblem(await api.http.post('/api/v1/auth/verify-email').send({}), 400, 'token');
      expectProblem(await api.http.post('/api/v1/auth/verify-email').send({ token: 5 }), 400, 'token');
      expectProblem(
        await api.http.post('/api/v1/auth/verify-email').send({ token: `${'a'.repeat(30)}\u0000` }),
        400,
        'token',
      );
      expectProblem(await api.http.post('/api/v1/auth/verify-email').send({ token, extra: 1 }), 400, 'extra');
      expect((await me(person)).body.emailVerified).toBe(false);
    });

    it('resends a new link that replaces the old one, at most 3 an hour, and none once verified', async () => {
      const person = await registerUnverified(api);
      const first = await awaitToken(api, mail.messages, person.email, 'verify-email');
      await api.http.post('/api/v1/auth/verify-email/resend').set(bearer(person)).send().expect(202);
      const second = await awaitToken(api, mail.messages, person.email, 'verify-email', 2);
      expect(second).not.toBe(first);
      expectProblem(await api.http.post('/api/v1/auth/verify-email').send({ token: first }), 400, 'token');
      await api.http.post('/api/v1/auth/verify-email').send({ token: second }).expect(204);

      // Verified: the answer is the same, and no further link is queued.
      await api.http.post('/api/v1/auth/verify-email/resend').set(bearer(person)).send().expect(202);
      expect(await outboxRows(person.id, 'account.verify_email')).toBe(2);
      await api.http.post('/api/v1/auth/verify-email/resend').set(bearer(person)).send().expect(202);
      const limited = await api.http.post('/api/v1/auth/verify-email/resend').set(bearer(person)).send();
      expectProblem(limited, 429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expectProblem(await api.http.post('/api/v1/auth/verify-email/resend').send(), 401);
    });
  });

  describe('PATCH /me', () => {
    it('changes the display name and language and answers in the GET /me shape', async () => {
      const person = await register(api);
      const response = await api.http
        .patch('/api/v1/me')
        .set(bearer(person))
        .send({ displayName: '  Sam of the evening classes ', locale: 'ckb' })
        .expect(200);
      expect(response.body).toEqual((await me(person)).body);
      expect(response.body).toMatchObject({
        displayName: 'Sam of the evening classes',
        locale: 'ckb',
        emailVerified: true,
      });
      await api.http.patch('/api/v1/me').set(bearer(person)).send({ locale: 'kmr' }).expect(200);
      expect((await me(person)).body).toMatchObject({
        displayName: 'Sam of the evening classes',
        locale: 'kmr',
      });
      await api.http.patch('/api/v1/me').set(bearer(person)).send({}).expect(200);
    });

    it('refuses a bad language, an empty or overlong name, personal data, and other fields', async () => {
      const person = await register(api);
      const patch = (body: object) => api.http.patch('/api/v1/me').set(bearer(person)).send(body);
      expectProblem(await patch({ locale: 'fr' }), 400, 'locale');
      expectProblem(await patch({ displayName: '   ' }), 400, 'displayName');
      expectProblem(await patch({ displayName: 'x'.repeat(81) }), 400, 'displayName');
      expectProblem(await patch({ displayName: 'Sam\u0007' }), 400, 'displayName');
      expectProblem(await patch({ displayName: 'Call me on +962 79 123 4567' }), 422, 'displayName');
      expectProblem(await patch({ role: 'admin' }), 400, 'role');
      expectProblem(await patch({ email: 'new@example.org' }), 400, 'email');
      expectProblem(await api.http.patch('/api/v1/me').send({ locale: 'ar' }), 401);
      expect((await me(person)).body).toMatchObject({
        displayName: person.displayName,
        locale: 'en',
        role: 'volunteer',
      });
    });
  });

  describe('the refresh-token cookie', () => {
    const cookieOf = (response: { headers: Record<string, unknown> }) =>
      ((response.headers['set-cookie'] as string[] | undefined) ?? []).find((cookie) =>
        cookie.startsWith('haven_refresh='),
      );

    it('is set HTTP-only, Secure, SameSite=Strict on /api/v1/auth by login, register and refresh', async () => {
      const person = await registerUnverified(api);
      const fromRegister = person.setCookie?.find((cookie) => cookie.startsWith('haven_refresh='));
      const attributes = fromRegister?.split('; ');
      expect(attributes).toHaveLength(6);
      expect(attributes).toEqual(
        expect.arrayContaining([
          `haven_refresh=${person.refreshToken}`,
          'Max-Age=2592000',
          'Path=/api/v1/auth',
          'HttpOnly',
          'Secure',
          'SameSite=Strict',
        ]),
      );
      const signedIn = await login(person.email, person.password).expect(200);
      expect(cookieOf(signedIn)).toContain(`haven_refresh=${signedIn.body.refreshToken};`);

      // An empty body uses the cookie; the answer sets the successor.
      const refreshed = await api.http
        .post('/api/v1/auth/refresh')
        .set('Cookie', `haven_refresh=${signedIn.body.refreshToken}`)
        .expect(200);
      expect(cookieOf(refreshed)).toContain(`haven_refresh=${refreshed.body.refreshToken};`);
      // The rotated-out cookie is refused once its grace period (a reload racing the refresh) is over.
      await api.db.query(
        `UPDATE refresh_tokens SET used_at = used_at - interval '31 seconds' WHERE token_hash = $1`,
        [sha256(signedIn.body.refreshToken)],
      );
      expectProblem(
        await api.http
          .post('/api/v1/auth/refresh')
          .set('Cookie', `haven_refresh=${signedIn.body.refreshToken}`),
        401,
      );

      // Logout with an empty body ends the cookie's session and clears the cookie.
      const out = await api.http
        .post('/api/v1/auth/logout')
        .set(bearer(refreshed.body))
        .set('Cookie', `haven_refresh=${refreshed.body.refreshToken}`)
        .expect(204);
      expect(cookieOf(out)).toMatch(/^haven_refresh=;/);
      expect(cookieOf(out)).toContain('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
      expect(cookieOf(out)).toContain('Path=/api/v1/auth');
      expectProblem(
        await api.http.post('/api/v1/auth/refresh').send({ refreshToken: refreshed.body.refreshToken }),
        401,
      );
      // Neither body nor cookie: 400, as before.
      expectProblem(await api.http.post('/api/v1/auth/refresh'), 400, 'refreshToken');
      expectProblem(
        await api.http.post('/api/v1/auth/refresh').set('Cookie', 'haven_refresh=short'),
        400,
        'refreshToken',
      );
    });

    it('prefers the body token over the cookie, as API.md describes', async () => {
      const person = await register(api);
      const other = (await login(person.email, person.password).expect(200)).body;
      const refreshed = await api.http
        .post('/api/v1/auth/refresh')
        .set('Cookie', `haven_refresh=${other.refreshToken}`)
        .send({ refreshToken: person.refreshToken })
        .expect(200);
      expect(refreshed.body.refreshToken).toEqual(expect.any(String));
      await api.http.post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
    });
  });
});

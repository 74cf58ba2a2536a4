import * as jwt from 'jsonwebtoken';
import { expectProblem } from '@haven/testing';
import { AccountStateCache } from '@haven/identity';
import { newAccount, register, startTestApi, TestApi } from './support/test-api';

describe('auth (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  describe('register', () => {
    it('creates a volunteer and returns a session', async () => {
      const account = newAccount('volunteer');
      const response = await api.http.post('/api/v1/auth/register').send(account).expect(201);
      expect(response.body.user).toEqual({
        id: expect.any(String),
        email: account.email,
        displayName: account.displayName,
        role: 'volunteer',
      });
      expect(response.body.accessToken.split('.')).toHaveLength(3);
      expect(response.body.refreshToken).toEqual(expect.any(String));
      expect(response.body.expiresIn).toBe(900);
      const [row] = await api.db.query('SELECT password_hash FROM users WHERE id = $1', [
        response.body.user.id,
      ]);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
      const params = Object.fromEntries(
        row.password_hash
          .split('$')[3]
          .split(',')
          .map((pair: string) => pair.split('=')),
      );
      expect(params).toEqual({ m: '19456', t: '2', p: '1' });
    });

    it('creates a coordinator', async () => {
      const response = await api.http
        .post('/api/v1/auth/register')
        .send(newAccount('coordinator'))
        .expect(201);
      expect(response.body.user.role).toBe('coordinator');
    });

    it('refuses an e-mail taken in another case with 409', async () => {
      const first = await register(api);
      const response = await api.http
        .post('/api/v1/auth/register')
        .send({ ...newAccount(), email: first.email.toUpperCase() });
      expectProblem(response, 409);
      expect(response.body.type).toContain('email_taken');
    });

    it('lets exactly one of two simultaneous sign-ups with one e-mail through', async () => {
      const account = newAccount();
      const responses = await Promise.all([
        api.http.post('/api/v1/auth/register').send(account),
        api.http.post('/api/v1/auth/register').send({ ...account, email: account.email.toUpperCase() }),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    });

    it.each([
      ['role admin', { role: 'admin' }, 'role'],
      ['a short password', { password: 'short' }, 'password'],
      ['a common password', { password: 'qwerty123456' }, 'password'],
      ['a common password padded with digits', { password: 'password1234' }, 'password'],
      ['a password over 128 characters', { password: 'long passphrase '.repeat(9) }, 'password'],
      ['an invalid e-mail', { email: 'not-an-email' }, 'email'],
      ['an empty display name', { displayName: '   ' }, 'displayName'],
      ['a display name over 80 characters', { displayName: 'x'.repeat(81) }, 'displayName'],
      ['an unknown field', { isAdmin: true }, 'isAdmin'],
      ['a non-string password', { password: 1234567890123 }, 'password'],
    ])('refuses %s with 400 naming the field', async (_case, change, field) => {
      const response = await api.http.post('/api/v1/auth/register').send({ ...newAccount(), ...change });
      expectProblem(response, 400, field);
    });

    it('names every missing field at once', async () => {
      const response = await api.http.post('/api/v1/auth/register').send({});
      expectProblem(response, 400);
      const fields = response.body.errors.map((error: { field: string }) => error.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'displayName', 'role']));
    });
  });

  describe('login', () => {
    it('returns a session for the right password, with the e-mail in any case', async () => {
      const account = await register(api);
      const response = await api.http
        .post('/api/v1/auth/login')
        .send({ email: account.email.toUpperCase(), password: account.password })
        .expect(200);
      expect(response.body.user.id).toBe(account.id);
      expect(response.body.accessToken).toEqual(expect.any(String));
    });

    it('answers a wrong password and an unknown e-mail with the same 401', async () => {
      const account = await register(api);
      const wrong = await api.http
        .post('/api/v1/auth/login')
        .send({ email: account.email, password: 'not the password!' });
      const unknown = await api.http
        .post('/api/v1/auth/login')
        .send({ email: 'nobody-here@example.org', password: 'not the password!' });
      expectProblem(wrong, 401);
      expectProblem(unknown, 401);
      expect(wrong.body).toEqual(unknown.body);
    });

    it.each([
      ['no body', undefined, 'email'],
      ['a missing password', { email: 'a@example.org' }, 'password'],
      ['an unknown field', { email: 'a@example.org', password: 'x', remember: true }, 'remember'],
      ['a number as e-mail', { email: 42, password: 'x' }, 'email'],
    ])('refuses %s with 400', async (_case, body, field) => {
      const response = await api.http.post('/api/v1/auth/login').send(body as object);
      expectProblem(response, 400, field);
    });

    it('refuses a suspended account after its password was proven', async () => {
      const account = await register(api);
      await api.db.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [account.id]);
      const response = await api.http
        .post('/api/v1/auth/login')
        .send({ email: account.email, password: account.password });
      expectProblem(response, 403);
      expect(response.body.type).toContain('account_suspended');
    });
  });

  describe('access tokens', () => {
    it('opens GET /me', async () => {
      const account = await register(api, 'coordinator');
      const response = await api.http
        .get('/api/v1/me')
        .auth(account.accessToken, { type: 'bearer' })
        .expect(200);
      expect(response.body).toEqual({
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        role: 'coordinator',
        organization: null,
        emailVerified: true,
        locale: 'en',
      });
    });

    it('refuses a missing token', async () => {
      expectProblem(await api.http.get('/api/v1/me'), 401);
    });

    it('refuses a malformed token', async () => {
      expectProblem(await api.http.get('/api/v1/me').auth('not-a-jwt', { type: 'bearer' }), 401);
    });

    it('refuses a token signed with another secret', async () => {
      const account = await register(api);
      const forged = jwt.sign({ role: 'admin' }, 'another secret that is long enough to look real', {
        subject: account.id,
        issuer: 'haven',
        audience: 'haven-api',
        expiresIn: 900,
      });
      expectProblem(await api.http.get('/api/v1/me').auth(forged, { type: 'bearer' }), 401);
    });

    it('refuses an unsigned token (alg none)', async () => {
      const account = await register(api);
      const unsigned = jwt.sign({ role: 'admin', sub: account.id, iss: 'haven', aud: 'haven-api' }, '', {
        algorithm: 'none',
      });
      expectProblem(await api.http.get('/api/v1/me').auth(unsigned, { type: 'bearer' }), 401);
    });

    it('refuses an expired token', async () => {
      const account = await register(api);
      const expired = jwt.sign({ role: 'volunteer' }, api.config.jwtSecret, {
        subject: account.id,
        issuer: 'haven',
        audience: 'haven-api',
        expiresIn: -10,
      });
      expectProblem(await api.http.get('/api/v1/me').auth(expired, { type: 'bearer' }), 401);
    });

    it('refuses a token for another audience or issuer', async () => {
      const account = await register(api);
      for (const claims of [
        { issuer: 'haven', audience: 'someone-else' },
        { issuer: 'elsewhere', audience: 'haven-api' },
      ]) {
        const token = jwt.sign({ role: 'volunteer' }, api.config.jwtSecret, {
          subject: account.id,
          expiresIn: 900,
          ...claims,
        });
        expectProblem(await api.http.get('/api/v1/me').auth(token, { type: 'bearer' }), 401);
      }
    });

    it('refuses a signed token naming no account, without failing the callers asking with it', async () => {
      const accounts = await Promise.all([register(api), register(api), register(api)]);
      const sign = (subject: string) =>
        jwt.sign({ role: 'volunteer' }, api.config.jwtSecret, {
          subject,
          issuer: 'haven',
          audience: 'haven-api',
          expiresIn: 900,
        });
      // Asked together, so the accounts are read in one statement with the odd subjects.
      const answers = await Promise.all([
        ...['not-a-uuid', '00000000-0000-4000-8000-000000000000'].map((subject) =>
          api.http.get('/api/v1/me').auth(sign(subject), { type: 'bearer' }),
        ),
        ...accounts.map((account) =>
          api.http.get('/api/v1/me').auth(account.accessToken, { type: 'bearer' }),
        ),
      ]);
      expectProblem(answers[0], 401);
      expectProblem(answers[1], 401);
      expect(answers.slice(2).map((answer) => answer.body.id)).toEqual(accounts.map((account) => account.id));
    });

    it('refuses a suspended user on the very next request', async () => {
      const account = await register(api);
      await api.http.get('/api/v1/me').auth(account.accessToken, { type: 'bearer' }).expect(200);
      // Each API process holds account states for a few seconds; a change to the users table is
      // announced to every process (AccountStateCache.changed), as the admin routes do.
      const setStatus = async (status: 'suspended' | 'active') => {
        await api.db.query(`UPDATE users SET status = $2 WHERE id = $1`, [account.id, status]);
        await api.app.get(AccountStateCache).changed(account.id);
      };
      await setStatus('suspended');
      expectProblem(await api.http.get('/api/v1/me').auth(account.accessToken, { type: 'bearer' }), 403);
      expectProblem(
        await api.http.post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }),
        403,
      );
      await setStatus('active');
      await api.http.get('/api/v1/me').auth(account.accessToken, { type: 'bearer' }).expect(200);
    });
  });

  describe('refresh', () => {
    it('rotates: a new pair, and the old refresh token stops working', async () => {
      const account = await register(api);
      const first = await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      expect(first.body.refreshToken).not.toBe(account.refreshToken);
      await api.http.get('/api/v1/me').auth(first.body.accessToken, { type: 'bearer' }).expect(200);
      const second = await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    });

    /** Moves the family's use times back, as if `seconds` had passed since each token was used. */
    const age = (userId: string, seconds: number) =>
      api.db.query(
        `UPDATE refresh_tokens SET used_at = used_at - make_interval(secs => $2) WHERE user_id = $1 AND used_at IS NOT NULL`,
        [userId, seconds],
      );

    it('revokes the whole family when a used token is presented again after the grace period', async () => {
      expect(api.config.REFRESH_REUSE_GRACE_SECONDS).toBe(30);
      const account = await register(api);
      const rotated = await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      await age(account.id, 31);
      expectProblem(
        await api.http.post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }),
        401,
      );
      // The legitimate successor dies with the family.
      expectProblem(
        await api.http.post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }),
        401,
      );
      // Another sign-in (another family) is unaffected.
      const login = await api.http
        .post('/api/v1/auth/login')
        .send({ email: account.email, password: account.password });
      await api.http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    });

    it('gives the just-rotated token another successor in its family within the grace period', async () => {
      const account = await register(api);
      const first = await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      await age(account.id, 25);
      // A reload that still held the old token (the cookie of the first answer never arrived).
      const replay = await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      expect(replay.body.refreshToken).not.toBe(first.body.refreshToken);
      expect(String(replay.headers['set-cookie'])).toContain(`haven_refresh=${replay.body.refreshToken}`);
      const sid = (token: string) => (jwt.decode(token) as { sid: string }).sid;
      expect(sid(replay.body.accessToken)).toBe(sid(first.body.accessToken));
      // Both successors work: nothing was revoked.
      await api.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
      await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: replay.body.refreshToken })
        .expect(200);
    });

    it('lets two concurrent uses of one token both succeed, in the same family', async () => {
      const account = await register(api);
      const responses = await Promise.all([
        api.http.post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }),
        api.http.post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }),
      ]);
      expect(responses.map((response) => response.status)).toEqual([200, 200]);
      const [one, two] = responses.map((response) => response.body.refreshToken as string);
      expect(one).not.toBe(two);
      const families = await api.db.query(
        'SELECT count(DISTINCT family_id)::int AS n, count(*)::int AS tokens FROM refresh_tokens WHERE user_id = $1',
        [account.id],
      );
      expect(families[0]).toEqual({ n: 1, tokens: 3 });
      for (const refreshToken of [one, two]) {
        await api.http.post('/api/v1/auth/refresh').send({ refreshToken }).expect(200);
      }
    });

    it('revokes the family when an older token is replayed, even within the grace period', async () => {
      const account = await register(api);
      const first = await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      await age(account.id, 1); // the second use must come strictly after the first
      const second = await api.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      // The first token is no longer the one just rotated out: its successor has been used since.
      expectProblem(
        await api.http.post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }),
        401,
      );
      expectProblem(
        await api.http.post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }),
        401,
      );
    });

    it('refuses an unknown token and a malformed body', async () => {
      expectProblem(await api.http.post('/api/v1/auth/refresh').send({ refreshToken: 'x'.repeat(43) }), 401);
      expectProblem(await api.http.post('/api/v1/auth/refresh').send({}), 400, 'refreshToken');
      expectProblem(
        await api.http.post('/api/v1/auth/refresh').send({ refreshToken: 5 }),
        400,
        'refreshToken',
      );
    });

    it('stores only hashes of refresh tokens', async () => {
      const account = await register(api);
      const rows = await api.db.query('SELECT token_hash FROM refresh_tokens WHERE user_id = $1', [
        account.id,
      ]);
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).not.toContain(account.refreshToken);
      expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('logout', () => {
    it('ends the session: its refresh token stops working', async () => {
      const account = await register(api);
      await api.http
        .post('/api/v1/auth/logout')
        .auth(account.accessToken, { type: 'bearer' })
        .send({ refreshToken: account.refreshToken })
        .expect(204);
      expectProblem(
        await api.http.post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }),
        401,
      );
    });

    it("cannot end another user's session", async () => {
      const owner = await register(api);
      const other = await register(api);
      await api.http
        .post('/api/v1/auth/logout')
        .auth(other.accessToken, { type: 'bearer' })
        .send({ refreshToken: owner.refreshToken })
        .expect(204);
      await api.http.post('/api/v1/auth/refresh').send({ refreshToken: owner.refreshToken }).expect(200);
    });

    it('needs a signed-in caller', async () => {
      const account = await register(api);
      expectProblem(
        await api.http.post('/api/v1/auth/logout').send({ refreshToken: account.refreshToken }),
        401,
      );
    });
  });

  describe('my data', () => {
    it('exports what Haven holds about the caller, without secrets', async () => {
      const account = await register(api);
      const response = await api.http
        .get('/api/v1/me/export')
        .auth(account.accessToken, { type: 'bearer' })
        .expect(200);
      expect(response.body.account).toEqual(
        expect.objectContaining({ id: account.id, email: account.email, displayName: account.displayName }),
      );
      expect(response.body.sessions).toHaveLength(1);
      const text = JSON.stringify(response.body);
      expect(text).not.toContain('argon2');
      expect(text).not.toContain(account.refreshToken);
    });

    it('deletes the account by anonymising it, after the password is confirmed', async () => {
      const account = await register(api);
      const wrong = await api.http
        .delete('/api/v1/me')
        .auth(account.accessToken, { type: 'bearer' })
        .send({ password: 'not my password' });
      expectProblem(wrong, 400, 'password');
      expectProblem(
        await api.http.delete('/api/v1/me').auth(account.accessToken, { type: 'bearer' }).send({}),
        400,
        'password',
      );

      await api.http
        .delete('/api/v1/me')
        .auth(account.accessToken, { type: 'bearer' })
        .send({ password: account.password })
        .expect(204);

      const [row] = await api.db.query(
        'SELECT email, display_name, password_hash, deleted_at FROM users WHERE id = $1',
        [account.id],
      );
      expect(row.email).not.toBe(account.email);
      expect(row.display_name).toBe('Deleted user');
      expect(row.password_hash).toBeNull();
      expect(row.deleted_at).not.toBeNull();
      expectProblem(await api.http.get('/api/v1/me').auth(account.accessToken, { type: 'bearer' }), 401);
      expectProblem(
        await api.http.post('/api/v1/auth/login').send({ email: account.email, password: account.password }),
        401,
      );
      expectProblem(
        await api.http.post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }),
        401,
      );
      // The e-mail is free again for a new account.
      await api.http
        .post('/api/v1/auth/register')
        .send({ ...newAccount(), email: account.email })
        .expect(201);
    });
  });
});

import { expectProblem } from '@haven/testing';
import { Account, bearer, organizationWithNeed, register, TestApi } from './support/test-api';
import { AMMAN, utc, volunteerWorld } from './support/volunteer-journeys';

/** A volunteer’s confirmed shifts as an RFC 5545 feed behind a secret token. */
describe('the shift calendar feed (e2e)', () => {
  const { world, campIn, createTask, signUp, withdraw } = volunteerWorld();
  let api: TestApi;
  let admin: Account;

  beforeAll(() => {
    ({ api, admin } = world);
  });

  describe('the shift calendar', () => {
    let owner: Account;
    let need: string;
    let cal: Account;
    let other: Account;
    let campName: string;
    const signups: Record<string, string> = {};
    const tasks: Record<string, string> = {};

    const issue = async (account: Account) => {
      const response = await api.http
        .post('/api/v1/me/calendar-token')
        .set(bearer(account))
        .send({})
        .expect(201);
      return response.body as { token: string; path: string };
    };

    const feed = (token: string) =>
      api.http.get(`/api/v1/me/calendar.ics?token=${encodeURIComponent(token)}`);

    /** The feed's text with folded lines joined (RFC 5545 §3.1). */
    const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

    const events = (text: string) => unfold(text).match(/BEGIN:VEVENT[\s\S]*?END:VEVENT/g) ?? [];

    /** `2026-12-03T10:00:00.000Z` → `20261203T100000Z`. */
    const icsTime = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

    beforeAll(async () => {
      const camp = await campIn(AMMAN.timezone, 'Calendar');
      campName = camp.name;
      ({ owner, needId: need } = await organizationWithNeed(api, admin, camp.id));
      cal = await register(api, 'volunteer');
      other = await register(api, 'volunteer');
      const make = async (title: string, startHour: number, body: Record<string, unknown> = {}) => {
        tasks[title] = await createTask(owner, need, {
          title,
          skills: ['archiving'],
          languages: ['so'],
          startsAt: utc(startHour),
          endsAt: utc(startHour + 2),
          ...body,
        });
      };
      await make('Confirmed shift', 50);
      await make('Second shift', 74, { remote: true });
      await make('Waitlisted shift', 98, { capacity: 1 });
      await make('Withdrawn shift', 122);
      await make('Pending shift', 146, { signupMode: 'review' });
      await make('Cancelled shift', 170);
      await make('Someone else’s shift', 194);

      const sign = async (account: Account, title: string, status: string) => {
        const response = await signUp(account, tasks[title]).expect(201);
        expect(response.body.status).toBe(status);
        signups[title] = response.body.id;
      };
      await sign(cal, 'Confirmed shift', 'confirmed');
      await sign(cal, 'Second shift', 'confirmed');
      await api.db.query('UPDATE tasks SET confirmed = capacity WHERE id = $1', [tasks['Waitlisted shift']]);
      await sign(cal, 'Waitlisted shift', 'waitlisted');
      await sign(cal, 'Withdrawn shift', 'confirmed');
      await withdraw(cal, tasks['Withdrawn shift']);
      await sign(cal, 'Pending shift', 'pending');
      await sign(cal, 'Cancelled shift', 'confirmed');
      await api.http
        .post(`/api/v1/tasks/${tasks['Cancelled shift']}/cancel`)
        .set(bearer(owner))
        .send({ reason: 'Storm' })
        .expect(200);
      await sign(other, 'Someone else’s shift', 'confirmed');
    });

    it('issues a secret address for the feed', async () => {
      const { token, path } = await issue(cal);
      expect(token).toMatch(/^[A-Za-z0-9_-]{20,100}$/);
      expect(path).toBe(`/api/v1/me/calendar.ics?token=${token}`);
      const [row] = await api.db.query('SELECT token_hash FROM calendar_tokens WHERE user_id = $1', [cal.id]);
      expect(row.token_hash).not.toContain(token);
    });

    it('serves an RFC 5545 calendar of the volunteer’s confirmed shifts only, without a bearer token', async () => {
      const { path } = await issue(cal);
      const response = await api.http.get(path).buffer(true).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/calendar/);
      const text = response.text;
      expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
      expect(unfold(text)).toMatch(/\r\nVERSION:2\.0\r\n/);
      expect(unfold(text)).toMatch(/\r\nPRODID:/);
      // Every line ends in CRLF and no line is longer than 75 octets.
      for (const line of text.split('\r\n')) {
        expect(line).not.toContain('\n');
        expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      }
      const found = events(text);
      expect(found).toHaveLength(2);
      const [first, second] = found;
      expect(first).toMatch(/\r\nSUMMARY:Confirmed shift\r\n/);
      expect(first).toContain(`\r\nUID:${signups['Confirmed shift']}@haven\r\n`);
      expect(first).toMatch(new RegExp(`\\r\\nDTSTART[^:]*:${icsTime(utc(50))}\\r\\n`));
      expect(first).toMatch(new RegExp(`\\r\\nDTEND[^:]*:${icsTime(utc(52))}\\r\\n`));
      expect(first).toContain(`LOCATION:${campName}`);
      expect(second).toMatch(/\r\nSUMMARY:Second shift\r\n/);
      expect(second).toContain(`\r\nUID:${signups['Second shift']}@haven\r\n`);
      expect(second).toContain('LOCATION:Remote');
      for (const absent of [
        'Waitlisted shift',
        'Withdrawn shift',
        'Pending shift',
        'Cancelled shift',
        'Someone else’s shift',
      ]) {
        expect(unfold(text)).not.toContain(absent);
      }
    });

    it('escapes text as RFC 5545 requires', async () => {
      const title = 'Kitchen, stores; and a back\\slash';
      const taskId = await createTask(owner, need, {
        title,
        skills: ['archiving'],
        languages: ['so'],
        startsAt: utc(300),
        endsAt: utc(302),
      });
      const escaper = await register(api, 'volunteer');
      const signup = await signUp(escaper, taskId).expect(201);
      const { token } = await issue(escaper);
      const [event] = events((await feed(token).buffer(true).expect(200)).text);
      expect(event).toContain('SUMMARY:Kitchen\\, stores\\; and a back\\\\slash\r\n');
      expect(event).toContain(`UID:${signup.body.id}@haven`);
    });

    it('shows each volunteer their own shifts', async () => {
      const { token } = await issue(other);
      const response = await feed(token).buffer(true).expect(200);
      const found = events(response.text);
      expect(found).toHaveLength(1);
      expect(found[0]).toContain(`UID:${signups['Someone else’s shift']}@haven`);
    });

    it('serves an empty calendar to a volunteer with no shifts', async () => {
      const idle = await register(api, 'volunteer');
      const { token } = await issue(idle);
      const response = await feed(token).buffer(true).expect(200);
      expect(response.text).toContain('BEGIN:VCALENDAR');
      expect(events(response.text)).toEqual([]);
    });

    it('replaces the old token with each new one', async () => {
      const first = await issue(cal);
      await feed(first.token).expect(200);
      const second = await issue(cal);
      expect(second.token).not.toBe(first.token);
      expectProblem(await feed(first.token), 404);
      await feed(second.token).expect(200);
      const [row] = await api.db.query(
        'SELECT count(*)::int AS count FROM calendar_tokens WHERE user_id = $1',
        [cal.id],
      );
      expect(row.count).toBe(1);
    });

    it('revokes the token: the feed then answers 404', async () => {
      const { token } = await issue(cal);
      await feed(token).expect(200);
      await api.http.delete('/api/v1/me/calendar-token').set(bearer(cal)).expect(204);
      expectProblem(await feed(token), 404);
      // Revoking one volunteer's feed leaves another's alone.
      const { token: othersToken } = await issue(other);
      await api.http.delete('/api/v1/me/calendar-token').set(bearer(cal)).expect(204);
      await feed(othersToken).expect(200);
      const { token: renewed } = await issue(cal);
      await feed(renewed).expect(200);
    });

    it('closes the feed of a suspended account', async () => {
      const suspended = await register(api, 'volunteer');
      const { token } = await issue(suspended);
      await feed(token).expect(200);
      await api.http
        .post(`/api/v1/admin/users/${suspended.id}/suspend`)
        .set(bearer(admin))
        .send({ reason: 'Test suspension' })
        .expect(200);
      expectProblem(await feed(token), 404);
    });

    it('answers 404 for a well-formed token nobody holds', async () => {
      expectProblem(await feed('A'.repeat(43)), 404);
      expectProblem(await feed('unknown_token-0123456789'), 404);
    });

    it.each([
      ['no token', '/api/v1/me/calendar.ics'],
      ['an empty token', '/api/v1/me/calendar.ics?token='],
      ['a short token', '/api/v1/me/calendar.ics?token=abc'],
      ['a long token', `/api/v1/me/calendar.ics?token=${'a'.repeat(101)}`],
      [
        'a token with spaces',
        `/api/v1/me/calendar.ics?token=${encodeURIComponent('not a token at all, no')}`,
      ],
      ['a token with a NUL', `/api/v1/me/calendar.ics?token=${'a'.repeat(30)}%00`],
      ['a token with quotes', `/api/v1/me/calendar.ics?token=${encodeURIComponent("' OR 1=1 --aaaaaaaaaa")}`],
      ['two tokens', `/api/v1/me/calendar.ics?token=${'a'.repeat(43)}&token=${'b'.repeat(43)}`],
      ['a token-shaped object', `/api/v1/me/calendar.ics?token[x]=${'a'.repeat(43)}`],
    ])('refuses %s with 400 or 404, never 500', async (_what, path) => {
      const response = await api.http.get(path);
      expect([400, 404]).toContain(response.status);
      expectProblem(response, response.status);
    });

    it('is not opened by a bearer token alone', async () => {
      const response = await api.http.get('/api/v1/me/calendar.ics').set(bearer(cal));
      expectProblem(response, 400, 'token');
    });
  });
});

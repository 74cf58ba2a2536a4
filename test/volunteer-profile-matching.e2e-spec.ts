import { expectProblem } from '@haven/testing';
import {
  Account,
  bearer,
  createCamp,
  HOUR,
  needBody,
  organizationWithNeed,
  register,
  registerAdmin,
  startTestApi,
  taskBody,
  TestApi,
} from './support/test-api';

const DAY = 24 * HOUR;

/**
 * Midnight UTC a week from now: far enough ahead that every task below is upcoming. Asia/Amman is
 * UTC+3 all year and America/Bogota UTC−5 all year, so a local time on a day is a fixed offset from
 * UTC; `WEEKDAY` is the weekday of that day (0 = Sunday), in UTC and in both camps' local calendars.
 */
const DAY0 = Math.floor(Date.now() / DAY) * DAY + 7 * DAY;
const WEEKDAY = new Date(DAY0).getUTCDay();
const AMMAN = { timezone: 'Asia/Amman', offset: 3 };
const BOGOTA = { timezone: 'America/Bogota', offset: -5 };

/** The instant at local time `hh:mm`, `days` after DAY0, in a zone `offset` hours ahead of UTC. */
function local(zone: { offset: number }, days: number, time: string): string {
  const [hours, minutes] = time.split(':').map(Number);
  return new Date(DAY0 + days * DAY + (hours - zone.offset) * HOUR + minutes * 60_000).toISOString();
}

/** An instant DAY0 + `hours` (UTC). */
const utc = (hours: number) => new Date(DAY0 + hours * HOUR).toISOString();

interface Recommendation {
  id: string;
  title: string;
  score: number;
  reasons: string[];
  [key: string]: unknown;
}

function profileBody(overrides: Record<string, unknown> = {}) {
  return { skills: [], languages: [], availability: [], remote: false, campIds: [], ...overrides };
}

describe('volunteer profiles, recommendations and the shift calendar (e2e)', () => {
  let api: TestApi;
  let admin: Account;
  let volunteer: Account;
  let coordinator: Account;
  let campId: string;

  const putProfile = (account: { accessToken: string }, body: Record<string, unknown>) =>
    api.http.put('/api/v1/me/volunteer-profile').set(bearer(account)).send(body);

  /** A new volunteer with the given profile saved. */
  async function volunteerWithProfile(overrides: Record<string, unknown>) {
    const account = await register(api, 'volunteer');
    await putProfile(account, profileBody(overrides)).expect(200);
    return account;
  }

  async function recommended(account: { accessToken: string }, query = 'limit=50') {
    const response = await api.http
      .get(`/api/v1/tasks/recommended?${query}`)
      .set(bearer(account))
      .expect(200);
    expect(response.body.nextCursor).toBeNull();
    return response.body.items as Recommendation[];
  }

  const titles = async (account: { accessToken: string }) =>
    (await recommended(account)).map((task) => task.title);

  /** A camp in the given time zone, created by the admin; returns its id and name. */
  async function campIn(timezone: string, label: string) {
    const response = await api.http
      .post('/api/v1/camps')
      .set(bearer(admin))
      .send({
        name: `Fictional ${label} camp ${process.pid}-${Date.now()}`,
        country: timezone === 'Asia/Amman' ? 'JO' : 'CO',
        region: 'Testland',
        timezone,
      })
      .expect(201);
    expect(response.body.timezone).toBe(timezone);
    return { id: response.body.id as string, name: response.body.name as string };
  }

  async function needIn(owner: Account, camp: string) {
    const response = await api.http.post('/api/v1/needs').set(bearer(owner)).send(needBody(camp)).expect(201);
    return response.body.id as string;
  }

  async function createTask(owner: Account, need: string, body: Record<string, unknown>) {
    const response = await api.http
      .post(`/api/v1/needs/${need}/tasks`)
      .set(bearer(owner))
      .send(taskBody(body))
      .expect(201);
    return response.body.id as string;
  }

  const signUp = (account: Account, taskId: string) =>
    api.http.post(`/api/v1/tasks/${taskId}/signups`).set(bearer(account)).send({});

  const withdraw = (account: Account, taskId: string) =>
    api.http.delete(`/api/v1/tasks/${taskId}/signups/me`).set(bearer(account)).expect(204);

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    volunteer = await register(api, 'volunteer');
    coordinator = await register(api, 'coordinator');
    campId = await createCamp(api, admin);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('who may use each route', () => {
    const routes: [string, number, () => ReturnType<TestApi['http']['get']>][] = [
      ['GET /me/volunteer-profile', 200, () => api.http.get('/api/v1/me/volunteer-profile')],
      [
        'PUT /me/volunteer-profile',
        200,
        () => api.http.put('/api/v1/me/volunteer-profile').send(profileBody({ skills: ['teaching'] })),
      ],
      ['GET /tasks/recommended', 200, () => api.http.get('/api/v1/tasks/recommended')],
      ['POST /me/calendar-token', 201, () => api.http.post('/api/v1/me/calendar-token').send({})],
      ['DELETE /me/calendar-token', 204, () => api.http.delete('/api/v1/me/calendar-token')],
    ];

    describe.each(routes)('%s', (_name, status, call) => {
      it('refuses an anonymous caller with 401', async () => {
        expectProblem(await call(), 401);
      });

      it('refuses a coordinator with 403', async () => {
        expectProblem(await call().set(bearer(coordinator)), 403);
      });

      it('refuses an admin with 403', async () => {
        expectProblem(await call().set(bearer(admin)), 403);
      });

      it(`serves a volunteer with ${status}`, async () => {
        await call().set(bearer(volunteer)).expect(status);
      });
    });

    it('refuses a garbage bearer token on the profile with 401', async () => {
      expectProblem(
        await api.http.get('/api/v1/me/volunteer-profile').set({ Authorization: 'Bearer not-a-token' }),
        401,
      );
    });
  });

  describe('the volunteer profile', () => {
    it('is empty until first saved', async () => {
      const fresh = await register(api, 'volunteer');
      const response = await api.http.get('/api/v1/me/volunteer-profile').set(bearer(fresh)).expect(200);
      expect(response.body).toEqual({
        skills: [],
        languages: [],
        availability: [],
        remote: false,
        campIds: [],
        bio: null,
      });
    });

    it('saves a profile with lower-cased, de-duplicated skills and canonical language tags', async () => {
      const fresh = await register(api, 'volunteer');
      const body = {
        skills: [' First Aid ', 'first aid', 'COOKING', 'Cooking'],
        languages: ['AR', 'ku-latn', 'ar', 'EN-gb'],
        availability: [
          { weekday: 0, from: '09:00', to: '12:30' },
          { weekday: 6, from: '18:00', to: '24:00' },
        ],
        remote: true,
        campIds: [campId, campId],
        bio: '  Trained paramedic; happy to cook too.  ',
      };
      const expected = {
        skills: ['first aid', 'cooking'],
        languages: ['ar', 'ku-Latn', 'en-GB'],
        availability: [
          { weekday: 0, from: '09:00', to: '12:30' },
          { weekday: 6, from: '18:00', to: '24:00' },
        ],
        remote: true,
        campIds: [campId],
        bio: 'Trained paramedic; happy to cook too.',
      };
      const saved = await putProfile(fresh, body).expect(200);
      expect(saved.body).toEqual(expected);
      const read = await api.http.get('/api/v1/me/volunteer-profile').set(bearer(fresh)).expect(200);
      expect(read.body).toEqual(expected);
    });

    it('replaces the whole profile on every PUT, and takes bio null or left out', async () => {
      const fresh = await register(api, 'volunteer');
      await putProfile(
        fresh,
        profileBody({
          skills: ['teaching'],
          languages: ['fr'],
          availability: [{ weekday: 2, from: '08:00', to: '10:00' }],
          remote: true,
          campIds: [campId],
          bio: 'Teacher.',
        }),
      ).expect(200);
      const replaced = await putProfile(fresh, profileBody({ skills: ['Driving'], bio: null })).expect(200);
      expect(replaced.body).toEqual({
        skills: ['driving'],
        languages: [],
        availability: [],
        remote: false,
        campIds: [],
        bio: null,
      });
      await putProfile(fresh, profileBody({ bio: 'Back again.' })).expect(200);
      const withoutBio = await putProfile(fresh, profileBody()).expect(200);
      expect(withoutBio.body.bio).toBeNull();
      const read = await api.http.get('/api/v1/me/volunteer-profile').set(bearer(fresh)).expect(200);
      expect(read.body).toEqual(withoutBio.body);
    });

    it('keeps each volunteer’s profile to themselves', async () => {
      const first = await volunteerWithProfile({ skills: ['masonry'] });
      const second = await register(api, 'volunteer');
      const read = await api.http.get('/api/v1/me/volunteer-profile').set(bearer(second)).expect(200);
      expect(read.body.skills).toEqual([]);
      const own = await api.http.get('/api/v1/me/volunteer-profile').set(bearer(first)).expect(200);
      expect(own.body.skills).toEqual(['masonry']);
    });

    const window = (overrides: Record<string, unknown>) => ({
      weekday: 1,
      from: '09:00',
      to: '12:00',
      ...overrides,
    });

    it.each([
      ['skills', { skills: 'teaching' }],
      ['skills', { skills: [''] }],
      ['skills', { skills: ['x'.repeat(51)] }],
      ['skills', { skills: [42] }],
      ['skills', { skills: ['line\u0007break'] }],
      ['skills', { skills: Array.from({ length: 31 }, (_, index) => `skill ${index}`) }],
      ['skills', { skills: undefined }],
      ['languages', { languages: ['english'] }],
      ['languages', { languages: ['en_GB'] }],
      ['languages', { languages: 'en' }],
      ['languages', { languages: [7] }],
      ['languages', { languages: Array.from({ length: 21 }, () => 'ar') }],
      ['availability', { availability: 'mornings' }],
      ['availability', { availability: undefined }],
      ['availability.0.weekday', { availability: [window({ weekday: 7 })] }],
      ['availability.0.weekday', { availability: [window({ weekday: -1 })] }],
      ['availability.0.weekday', { availability: [window({ weekday: 1.5 })] }],
      ['availability.0.weekday', { availability: [window({ weekday: '1' })] }],
      ['availability.0.from', { availability: [window({ from: '9:00' })] }],
      ['availability.0.from', { availability: [window({ from: '25:00' })] }],
      ['availability.0.from', { availability: [window({ from: '09:60' })] }],
      ['availability.0.to', { availability: [window({ to: '24:01' })] }],
      ['availability.0.to', { availability: [window({ to: undefined })] }],
      ['availability.1.from', { availability: [window({}), window({ from: 'noon' })] }],
      ['availability.0.day', { availability: [window({ day: 'monday' })] }],
      ['remote', { remote: 'yes' }],
      ['remote', { remote: undefined }],
      ['remote', { remote: null }],
      ['campIds', { campIds: ['not-a-uuid'] }],
      ['campIds', { campIds: 'all' }],
      ['campIds', { campIds: undefined }],
      ['bio', { bio: 'x'.repeat(2001) }],
      ['bio', { bio: 42 }],
      ['extra', { extra: true }],
    ])('refuses a bad %s with 400', async (field, overrides) => {
      expectProblem(await putProfile(volunteer, profileBody(overrides)), 400, field);
    });

    it.each([
      ['equal', '10:00', '10:00'],
      ['before', '13:00', '09:00'],
      ['midnight', '24:00', '24:00'],
    ])('refuses a window whose end is %s its start with 400', async (_what, from, to) => {
      const refused = await putProfile(
        volunteer,
        profileBody({
          availability: [
            { weekday: 3, from: '08:00', to: '09:00' },
            { weekday: 3, from, to },
          ],
        }),
      );
      expectProblem(refused, 400);
      expect(JSON.stringify(refused.body.errors)).toMatch(/availability\.1/);
    });

    it('answers with the canonical (lower-case) camp id, as GET does', async () => {
      const fresh = await register(api, 'volunteer');
      const saved = await putProfile(fresh, profileBody({ campIds: [campId.toUpperCase()] })).expect(200);
      const read = await api.http.get('/api/v1/me/volunteer-profile').set(bearer(fresh)).expect(200);
      expect(read.body.campIds).toEqual([campId]);
      expect(saved.body.campIds).toEqual([campId]);
    });

    it('treats one camp id written in two letter cases as one known camp', async () => {
      const fresh = await register(api, 'volunteer');
      const saved = await putProfile(fresh, profileBody({ campIds: [campId, campId.toUpperCase()] }));
      expect(saved.status).toBe(200);
      const read = await api.http.get('/api/v1/me/volunteer-profile').set(bearer(fresh)).expect(200);
      expect(read.body.campIds).toEqual([campId]);
    });

    it('saves a first profile sent several times at once, never failing with a 5xx', async () => {
      // PUT is idempotent: concurrent first saves of one volunteer's profile must all succeed (the
      // last one wins), not race each other into the table's primary key.
      const fresh = await Promise.all([1, 2, 3, 4, 5, 6].map(() => register(api, 'volunteer')));
      const letters = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
      const statuses = await Promise.all(
        fresh.map(async (account) => {
          const responses = await Promise.all(
            letters.map((letter) => putProfile(account, profileBody({ skills: [`skill ${letter}`] }))),
          );
          return responses.map((response) => response.status);
        }),
      );
      expect(statuses).toEqual(fresh.map(() => letters.map(() => 200)));
      for (const account of fresh) {
        const read = await api.http.get('/api/v1/me/volunteer-profile').set(bearer(account)).expect(200);
        expect(read.body.skills).toHaveLength(1);
      }
    });

    it('refuses camps Haven does not know with 400 on campIds, and saves nothing', async () => {
      const fresh = await volunteerWithProfile({ skills: ['weaving'] });
      expectProblem(
        await putProfile(
          fresh,
          profileBody({ skills: ['changed'], campIds: [campId, '00000000-0000-4000-8000-000000000000'] }),
        ),
        400,
        'campIds',
      );
      const read = await api.http.get('/api/v1/me/volunteer-profile').set(bearer(fresh)).expect(200);
      expect(read.body.skills).toEqual(['weaving']);
    });

    it.each([
      ['bio', { bio: 'Call me on +962 79 123 4567 any time.' }],
      ['skills', { skills: ['call +962 79 123 4567'] }],
    ])('refuses personal data in %s with 422', async (field, overrides) => {
      expectProblem(await putProfile(volunteer, profileBody(overrides)), 422, field);
    });

    it('refuses a body that is not JSON, or no body, with 400', async () => {
      expectProblem(
        await api.http
          .put('/api/v1/me/volunteer-profile')
          .set(bearer(volunteer))
          .set('Content-Type', 'application/json')
          .send('{"skills": ['),
        400,
      );
      expectProblem(await api.http.put('/api/v1/me/volunteer-profile').set(bearer(volunteer)).send({}), 400);
    });
  });

  describe('recommendations: ranking and reasons', () => {
    let amman: { id: string; name: string };
    let bogota: { id: string; name: string };
    let owner: Account;
    let organizationName: string;
    let ranker: Account;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      amman = await campIn(AMMAN.timezone, 'Amman');
      bogota = await campIn(BOGOTA.timezone, 'Bogota');
      let ammanNeed: string;
      ({ owner, needId: ammanNeed } = await organizationWithNeed(api, admin, amman.id));
      const bogotaNeed = await needIn(owner, bogota.id);
      const make = async (title: string, need: string, body: Record<string, unknown>) => {
        ids[title] = await createTask(owner, need, { title, remote: false, ...body });
      };
      // 10:00–11:30 in Amman is 07:00–08:30 UTC: inside the 09:00–12:00 window only in local time.
      await make('Amman morning first aid', ammanNeed, {
        startsAt: local(AMMAN, 0, '10:00'),
        endsAt: local(AMMAN, 0, '11:30'),
        skills: ['First Aid', 'Cooking'],
        languages: ['ar', 'en'],
      });
      await make('Amman remote kitchen', ammanNeed, {
        startsAt: local(AMMAN, 1, '10:00'),
        endsAt: local(AMMAN, 1, '11:00'),
        skills: ['cooking'],
        languages: ['ku-Latn', 'ar'],
        remote: true,
      });
      // Runs past the window's end (12:00).
      await make('Amman long shift', ammanNeed, {
        startsAt: local(AMMAN, 0, '11:00'),
        endsAt: local(AMMAN, 0, '13:00'),
        skills: ['cooking'],
        languages: ['ar'],
      });
      // 21:00 in Bogota is 02:00 UTC the next day: the window's weekday holds in local time only.
      await make('Bogota evening meal', bogotaNeed, {
        startsAt: local(BOGOTA, 0, '21:00'),
        endsAt: local(BOGOTA, 0, '22:00'),
        skills: ['cooking'],
        languages: ['ku-Latn'],
      });
      // 05:00–06:00 in Bogota is 10:00–11:00 UTC: it would fit 09:00–12:00 if read in UTC.
      await make('Bogota dawn first aid', bogotaNeed, {
        startsAt: local(BOGOTA, 0, '05:00'),
        endsAt: local(BOGOTA, 0, '06:00'),
        skills: ['first aid'],
        languages: ['so'],
      });
      await make('Bogota morning repairs', bogotaNeed, {
        startsAt: local(BOGOTA, 0, '09:30'),
        endsAt: local(BOGOTA, 0, '11:00'),
        skills: ['plumbing'],
        languages: ['ar'],
      });
      await make('Remote paperwork', bogotaNeed, {
        startsAt: local(BOGOTA, 2, '12:00'),
        endsAt: local(BOGOTA, 2, '13:00'),
        skills: ['plumbing'],
        languages: ['so'],
        remote: true,
      });
      // Shares nothing with the ranker's profile, and is not in any of their windows.
      await make('Unrelated repairs', bogotaNeed, {
        startsAt: local(BOGOTA, 1, '10:00'),
        endsAt: local(BOGOTA, 1, '11:00'),
        skills: ['plumbing'],
        languages: ['so'],
      });
      organizationName = (
        await api.http.get(`/api/v1/tasks/${ids['Amman remote kitchen']}`).set(bearer(owner))
      ).body.organizationName;
      ranker = await volunteerWithProfile({
        skills: [' First Aid ', 'COOKING', 'first aid'],
        languages: ['AR', 'ku-latn'],
        availability: [
          { weekday: WEEKDAY, from: '09:00', to: '12:00' },
          { weekday: WEEKDAY, from: '20:00', to: '23:00' },
        ],
        remote: true,
        campIds: [amman.id],
        bio: 'Paramedic who also cooks.',
      });
    });

    it('ranks by score, then start time, with the reasons for each score', async () => {
      const items = await recommended(ranker);
      expect(items.map(({ title, score, reasons }) => ({ title, score, reasons }))).toEqual([
        {
          // 2 skills × 3 + ar × 2 + availability 2 + preferred camp 2
          title: 'Amman morning first aid',
          score: 12,
          reasons: ['speaks ar', 'cooking', 'first aid', 'fits your availability', `at ${amman.name}`],
        },
        {
          // cooking 3 + ar, ku-Latn 2 × 2 + preferred camp 2 + remote 1 (another weekday)
          title: 'Amman remote kitchen',
          score: 10,
          reasons: ['speaks ar', 'speaks ku-Latn', 'cooking', `at ${amman.name}`, 'remote'],
        },
        {
          // cooking 3 + ar 2 + preferred camp 2; runs past the window. Starts 08:00 UTC on DAY0 …
          title: 'Amman long shift',
          score: 7,
          reasons: ['speaks ar', 'cooking', `at ${amman.name}`],
        },
        {
          // … and this one, also 7 (cooking 3 + ku-Latn 2 + availability 2), at 02:00 UTC the day after.
          title: 'Bogota evening meal',
          score: 7,
          reasons: ['speaks ku-Latn', 'cooking', 'fits your availability'],
        },
        {
          // ar 2 + availability 2 (09:30–11:00 Bogota time)
          title: 'Bogota morning repairs',
          score: 4,
          reasons: ['speaks ar', 'fits your availability'],
        },
        {
          // first aid 3; 05:00 in Bogota is outside the window, whatever the UTC clock says
          title: 'Bogota dawn first aid',
          score: 3,
          reasons: ['first aid'],
        },
        { title: 'Remote paperwork', score: 1, reasons: ['remote'] },
      ]);
    });

    it('returns full task views alongside the score', async () => {
      const [first] = await recommended(ranker, 'limit=1');
      expect(first).toEqual(
        expect.objectContaining({
          id: ids['Amman morning first aid'],
          title: 'Amman morning first aid',
          campId: amman.id,
          campName: amman.name,
          timezone: 'Asia/Amman',
          organizationName,
          startsAt: local(AMMAN, 0, '10:00'),
          endsAt: local(AMMAN, 0, '11:30'),
          skills: ['first aid', 'cooking'],
          languages: ['ar', 'en'],
          capacity: 5,
          confirmed: 0,
          waitlisted: 0,
          status: 'open',
          score: 12,
        }),
      );
      const bogotaTask = (await recommended(ranker)).find((task) => task.title === 'Bogota evening meal');
      expect(bogotaTask).toEqual(
        expect.objectContaining({ campId: bogota.id, campName: bogota.name, timezone: 'America/Bogota' }),
      );
    });

    it('honours limit, and refuses a bad limit with 400', async () => {
      expect((await recommended(ranker, 'limit=3')).map((task) => task.title)).toEqual([
        'Amman morning first aid',
        'Amman remote kitchen',
        'Amman long shift',
      ]);
      expect(await recommended(ranker, '')).toHaveLength(7);
      for (const limit of ['0', '51', '-1', '2.5', 'ten']) {
        expectProblem(
          await api.http.get(`/api/v1/tasks/recommended?limit=${limit}`).set(bearer(ranker)),
          400,
          'limit',
        );
      }
      expectProblem(
        await api.http.get('/api/v1/tasks/recommended?sort=score').set(bearer(ranker)),
        400,
        'sort',
      );
    });

    it('counts remote only for a volunteer who works remotely, and orders ties by start time', async () => {
      const plumber = await volunteerWithProfile({ skills: ['Plumbing'] });
      const items = await recommended(plumber);
      expect(items.map(({ title, score, reasons }) => ({ title, score, reasons }))).toEqual([
        { title: 'Bogota morning repairs', score: 3, reasons: ['plumbing'] },
        { title: 'Unrelated repairs', score: 3, reasons: ['plumbing'] },
        { title: 'Remote paperwork', score: 3, reasons: ['plumbing'] },
      ]);
      const remoteOnly = await volunteerWithProfile({ remote: true });
      const remote = await recommended(remoteOnly);
      expect(remote.map(({ title, score, reasons }) => ({ title, score, reasons }))).toEqual([
        { title: 'Amman remote kitchen', score: 1, reasons: ['remote'] },
        { title: 'Remote paperwork', score: 1, reasons: ['remote'] },
      ]);
    });

    it('recommends by preferred camp alone', async () => {
      const neighbour = await volunteerWithProfile({ campIds: [bogota.id] });
      const items = await recommended(neighbour);
      expect(items.map((task) => task.title)).toEqual([
        'Bogota dawn first aid',
        'Bogota morning repairs',
        'Bogota evening meal',
        'Unrelated repairs',
        'Remote paperwork',
      ]);
      expect(new Set(items.map((task) => task.score))).toEqual(new Set([2]));
      expect(new Set(items.map((task) => task.reasons.join('|')))).toEqual(new Set([`at ${bogota.name}`]));
    });

    it('recommends nothing to a volunteer without a profile, or with nothing to match on', async () => {
      const fresh = await register(api, 'volunteer');
      expect(await recommended(fresh)).toEqual([]);
      const idle = await volunteerWithProfile({ bio: 'Still deciding.' });
      expect(await recommended(idle)).toEqual([]);
    });

    it('follows the profile as soon as it changes', async () => {
      const changing = await volunteerWithProfile({ languages: ['ku-Latn'] });
      expect(await titles(changing)).toEqual(['Bogota evening meal', 'Amman remote kitchen']);
      await putProfile(changing, profileBody({ languages: ['en'] })).expect(200);
      expect(await titles(changing)).toEqual(['Amman morning first aid']);
    });
  });

  describe('recommendations: the availability window, in the camp’s local time', () => {
    let owner: Account;
    let ammanNeed: string;
    let bogotaNeed: string;

    beforeAll(async () => {
      const amman = await campIn(AMMAN.timezone, 'Amman windows');
      const bogota = await campIn(BOGOTA.timezone, 'Bogota windows');
      ({ owner, needId: ammanNeed } = await organizationWithNeed(api, admin, amman.id));
      bogotaNeed = await needIn(owner, bogota.id);
    });

    it('judges start and end against the window, inclusive, in Amman time', async () => {
      const skill = 'sorting';
      const make = (title: string, from: string, to: string, days = 0) =>
        createTask(owner, ammanNeed, {
          title,
          skills: [skill],
          languages: ['so'],
          startsAt: local(AMMAN, days, from),
          endsAt: local(AMMAN, days, to),
        });
      await make('exactly the window', '09:00', '12:00');
      await make('ten in Amman', '10:00', '11:00');
      await make('a minute early', '08:59', '11:00');
      await make('a minute late', '10:00', '12:01');
      await make('noon in Amman, nine in UTC', '12:00', '13:00');
      await make('the next weekday', '10:00', '11:00', 1);
      const sorter = await volunteerWithProfile({
        skills: [skill],
        availability: [{ weekday: WEEKDAY, from: '09:00', to: '12:00' }],
      });
      const items = await recommended(sorter);
      expect(items.map(({ title, score }) => [title, score])).toEqual([
        ['exactly the window', 5],
        ['ten in Amman', 5],
        ['a minute early', 3],
        ['a minute late', 3],
        ['noon in Amman, nine in UTC', 3],
        ['the next weekday', 3],
      ]);
      expect(items[1].reasons).toEqual([skill, 'fits your availability']);
      expect(items[4].reasons).toEqual([skill]);
    });

    it('lets a window that ends at 24:00 take a task that ends at local midnight', async () => {
      const skill = 'night kitchen';
      // 21:00–24:00 in Amman on WEEKDAY is 18:00–21:00 UTC.
      await createTask(owner, ammanNeed, {
        title: 'until midnight',
        skills: [skill],
        languages: ['so'],
        startsAt: local(AMMAN, 0, '21:00'),
        endsAt: local(AMMAN, 1, '00:00'),
      });
      await createTask(owner, ammanNeed, {
        title: 'past midnight',
        skills: [skill],
        languages: ['so'],
        startsAt: local(AMMAN, 0, '23:00'),
        endsAt: local(AMMAN, 1, '01:00'),
      });
      const nightOwl = await volunteerWithProfile({
        skills: [skill],
        availability: [{ weekday: WEEKDAY, from: '18:00', to: '24:00' }],
      });
      const items = await recommended(nightOwl);
      expect(items.map(({ title, score, reasons }) => ({ title, score, reasons }))).toEqual([
        { title: 'until midnight', score: 5, reasons: [skill, 'fits your availability'] },
        { title: 'past midnight', score: 3, reasons: [skill] },
      ]);
    });

    it('uses the weekday as the camp reckons it, not as UTC does', async () => {
      const skill = 'night watch';
      // Monday 21:00 in Bogota is Tuesday 02:00 UTC (with Monday standing for WEEKDAY).
      await createTask(owner, bogotaNeed, {
        title: 'late evening in Bogota',
        skills: [skill],
        languages: ['so'],
        startsAt: local(BOGOTA, 0, '21:00'),
        endsAt: local(BOGOTA, 0, '22:30'),
      });
      expect(new Date(local(BOGOTA, 0, '21:00')).getUTCDay()).toBe((WEEKDAY + 1) % 7);
      const localDay = await volunteerWithProfile({
        skills: [skill],
        availability: [{ weekday: WEEKDAY, from: '20:00', to: '23:00' }],
      });
      const utcDay = await volunteerWithProfile({
        skills: [skill],
        availability: [{ weekday: (WEEKDAY + 1) % 7, from: '01:00', to: '04:00' }],
      });
      expect((await recommended(localDay)).map(({ title, score }) => [title, score])).toEqual([
        ['late evening in Bogota', 5],
      ]);
      expect((await recommended(utcDay)).map(({ title, score }) => [title, score])).toEqual([
        ['late evening in Bogota', 3],
      ]);
    });
  });

  describe('recommendations: what is left out', () => {
    let camp: string;
    let owner: Account;
    let need: string;
    let counter = 0;

    beforeAll(async () => {
      camp = (await campIn(AMMAN.timezone, 'Exclusions')).id;
      ({ owner, needId: need } = await organizationWithNeed(api, admin, camp));
    });

    /** A volunteer whose only interest is a skill of their own, and a task maker for that skill. */
    async function scenario() {
      counter += 1;
      const skill = `carpentry ${'abcdefghijklmnopqrstuvwxyz'[counter]}`;
      const seeker = await volunteerWithProfile({ skills: [skill] });
      const make = (title: string, startHour: number, endHour: number, body: Record<string, unknown> = {}) =>
        createTask(owner, need, {
          title,
          skills: [skill],
          languages: ['so'],
          startsAt: utc(startHour),
          endsAt: utc(endHour),
          ...body,
        });
      return { seeker, make, skill };
    }

    it('leaves out tasks the volunteer holds a live sign-up for, and brings one back on withdrawal', async () => {
      const { seeker, make } = await scenario();
      const confirmed = await make('confirmed', 72, 74);
      const pending = await make('pending', 76, 78, { signupMode: 'review' });
      const waitlisted = await make('waitlisted', 80, 82, { capacity: 1 });
      await make('free', 84, 86);
      const othersTask = await make('held by someone else', 88, 90);
      expect(await titles(seeker)).toEqual([
        'confirmed',
        'pending',
        'waitlisted',
        'free',
        'held by someone else',
      ]);

      expect((await signUp(seeker, confirmed).expect(201)).body.status).toBe('confirmed');
      expect((await signUp(seeker, pending).expect(201)).body.status).toBe('pending');
      await api.db.query('UPDATE tasks SET confirmed = capacity WHERE id = $1', [waitlisted]);
      expect((await signUp(seeker, waitlisted).expect(201)).body.status).toBe('waitlisted');
      // The waitlisted task gets space again, but the volunteer already queues for it.
      await api.http
        .patch(`/api/v1/tasks/${waitlisted}`)
        .set(bearer(owner))
        .send({ capacity: 3 })
        .expect(200);
      const other = await register(api, 'volunteer');
      await signUp(other, othersTask).expect(201);

      expect(await titles(seeker)).toEqual(['free', 'held by someone else']);

      await withdraw(seeker, confirmed);
      await withdraw(seeker, pending);
      expect(await titles(seeker)).toEqual(['confirmed', 'pending', 'free', 'held by someone else']);
    });

    it('leaves out a task with no space left, and brings it back when a place frees up', async () => {
      const { seeker, make } = await scenario();
      const full = await make('full', 72, 74, { capacity: 2 });
      await make('roomy', 76, 78, { capacity: 2 });
      await api.db.query('UPDATE tasks SET confirmed = capacity WHERE id = $1', [full]);
      expect(await titles(seeker)).toEqual(['roomy']);
      await api.db.query('UPDATE tasks SET confirmed = capacity - 1 WHERE id = $1', [full]);
      const items = await recommended(seeker);
      expect(items.map((task) => task.title)).toEqual(['full', 'roomy']);
      expect(items[0]).toEqual(expect.objectContaining({ capacity: 2, confirmed: 1 }));
    });

    it('leaves out the tasks of a suspended organisation at once', async () => {
      const { seeker, make, skill } = await scenario();
      await make('approved', 72, 74);
      const {
        owner: otherOwner,
        organizationId,
        needId: otherNeed,
      } = await organizationWithNeed(api, admin, camp);
      await createTask(otherOwner, otherNeed, {
        title: 'soon suspended',
        skills: [skill],
        languages: ['so'],
        startsAt: utc(76),
        endsAt: utc(78),
      });
      expect(await titles(seeker)).toEqual(['approved', 'soon suspended']);
      await api.http
        .post(`/api/v1/organizations/${organizationId}/suspend`)
        .set(bearer(admin))
        .send({ reason: 'Vetting review' })
        .expect(200);
      expect(await titles(seeker)).toEqual(['approved']);
    });

    it('leaves out tasks overlapping one the volunteer is confirmed for, and only those', async () => {
      const { seeker, make } = await scenario();
      const blocker = await make('blocker', 72, 75);
      await make('overlaps the start', 70, 73);
      await make('inside', 73, 74);
      await make('overlaps the end', 74, 77);
      await make('just before', 71, 72);
      await make('just after', 75, 77);
      const review = await make('pending review', 96, 99, { signupMode: 'review' });
      await make('overlaps the pending one', 97, 100);
      expect(await titles(seeker)).toHaveLength(8);

      await signUp(seeker, blocker).expect(201);
      await signUp(seeker, review).expect(201);
      expect(await titles(seeker)).toEqual([
        'just before',
        'just after',
        // A pending sign-up holds its own task, but blocks nothing else.
        'overlaps the pending one',
      ]);

      await withdraw(seeker, blocker);
      expect(await titles(seeker)).toEqual([
        'overlaps the start',
        'just before',
        'blocker',
        'inside',
        'overlaps the end',
        'just after',
        'overlaps the pending one',
      ]);
    });

    it('counts a confirmed task in another camp and time zone as an overlap, by the instant', async () => {
      const { seeker, make } = await scenario();
      const bogota = await campIn(BOGOTA.timezone, 'Bogota overlap');
      const bogotaNeed = await needIn(owner, bogota.id);
      // 10:00–12:00 in Bogota is 15:00–17:00 UTC, the same instants as 18:00–20:00 in Amman.
      const elsewhere = await createTask(owner, bogotaNeed, {
        title: 'Bogota shift',
        skills: ['unrelated'],
        languages: ['so'],
        startsAt: local(BOGOTA, 3, '10:00'),
        endsAt: local(BOGOTA, 3, '12:00'),
      });
      await make('Amman evening', 3 * 24 + 16, 3 * 24 + 18);
      await make('Amman morning', 3 * 24 + 6, 3 * 24 + 8);
      await signUp(seeker, elsewhere).expect(201);
      expect(await titles(seeker)).toEqual(['Amman morning']);
      // A confirmed place on a task that was then cancelled blocks nothing.
      await api.http.post(`/api/v1/tasks/${elsewhere}/cancel`).set(bearer(owner)).send({}).expect(200);
      expect(await titles(seeker)).toEqual(['Amman morning', 'Amman evening']);
    });

    it('leaves out cancelled tasks and tasks that have started', async () => {
      const { seeker, make } = await scenario();
      const cancelled = await make('cancelled', 72, 74);
      const started = await make('started', 76, 78);
      await make('upcoming', 80, 82);
      expect(await titles(seeker)).toEqual(['cancelled', 'started', 'upcoming']);
      await api.http.post(`/api/v1/tasks/${cancelled}/cancel`).set(bearer(owner)).send({}).expect(200);
      await api.db.query(
        `UPDATE tasks SET starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' WHERE id = $1`,
        [started],
      );
      expect(await titles(seeker)).toEqual(['upcoming']);
    });
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

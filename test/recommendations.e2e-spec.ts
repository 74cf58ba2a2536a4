import { expectProblem } from '@haven/testing';
import { Account, bearer, organizationWithNeed, register, TestApi } from './support/test-api';
import {
  AMMAN,
  BOGOTA,
  local,
  profileBody,
  utc,
  volunteerWorld,
  WEEKDAY,
} from './support/volunteer-journeys';

/** Recommendations from a volunteer’s profile: the score and its reasons, the camp’s local time, and the tasks left out. */
describe('recommended tasks: ranking, availability windows and what is left out (e2e)', () => {
  const {
    world,
    putProfile,
    volunteerWithProfile,
    recommended,
    titles,
    campIn,
    needIn,
    createTask,
    signUp,
    withdraw,
  } = volunteerWorld();
  let api: TestApi;
  let admin: Account;

  beforeAll(() => {
    ({ api, admin } = world);
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
});

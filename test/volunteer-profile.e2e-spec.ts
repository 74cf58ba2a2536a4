import { expectProblem } from '@haven/testing';
import { Account, bearer, register, TestApi } from './support/test-api';
import { profileBody, volunteerWorld } from './support/volunteer-journeys';

/** A volunteer saves their profile; only volunteers use the profile, recommendation and calendar routes. */
describe('volunteer profiles and who may use the volunteer routes (e2e)', () => {
  const { world, putProfile, volunteerWithProfile } = volunteerWorld();
  let api: TestApi;
  let admin: Account;
  let volunteer: Account;
  let coordinator: Account;
  let campId: string;

  beforeAll(() => {
    ({ api, admin, volunteer, coordinator, campId } = world);
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
});

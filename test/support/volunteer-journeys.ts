import {
  Account,
  bearer,
  createCamp,
  HOUR,
  needBody,
  register,
  registerAdmin,
  startTestApi,
  taskBody,
  TestApi,
} from './test-api';

/**
 * What the volunteer-side suites share (volunteer-profile, recommendations, shift-calendar): fixed
 * instants in two camps' time zones, and the API calls their journeys are made of.
 */
const DAY = 24 * HOUR;

/**
 * Midnight UTC a week from now: far enough ahead that every task below is upcoming. Asia/Amman is
 * UTC+3 all year and America/Bogota UTC−5 all year, so a local time on a day is a fixed offset from
 * UTC; `WEEKDAY` is the weekday of that day (0 = Sunday), in UTC and in both camps' local calendars.
 */
const DAY0 = Math.floor(Date.now() / DAY) * DAY + 7 * DAY;
export const WEEKDAY = new Date(DAY0).getUTCDay();
export const AMMAN = { timezone: 'Asia/Amman', offset: 3 };
export const BOGOTA = { timezone: 'America/Bogota', offset: -5 };

/** The instant at local time `hh:mm`, `days` after DAY0, in a zone `offset` hours ahead of UTC. */
export function local(zone: { offset: number }, days: number, time: string): string {
  const [hours, minutes] = time.split(':').map(Number);
  return new Date(DAY0 + days * DAY + (hours - zone.offset) * HOUR + minutes * 60_000).toISOString();
}

/** An instant DAY0 + `hours` (UTC). */
export const utc = (hours: number) => new Date(DAY0 + hours * HOUR).toISOString();

interface Recommendation {
  id: string;
  title: string;
  score: number;
  reasons: string[];
  [key: string]: unknown;
}

export function profileBody(overrides: Record<string, unknown> = {}) {
  return { skills: [], languages: [], availability: [], remote: false, campIds: [], ...overrides };
}

/** A suite's API with an admin, a volunteer, a coordinator and a camp, started before its tests. */
export function volunteerWorld() {
  const world = {} as {
    api: TestApi;
    admin: Account;
    volunteer: Account;
    coordinator: Account;
    campId: string;
  };

  beforeAll(async () => {
    world.api = await startTestApi();
    world.admin = await registerAdmin(world.api);
    world.volunteer = await register(world.api, 'volunteer');
    world.coordinator = await register(world.api, 'coordinator');
    world.campId = await createCamp(world.api, world.admin);
  });

  afterAll(async () => {
    await world.api?.close();
  });

  const api = () => world.api;
  const admin = () => world.admin;
  const putProfile = (account: { accessToken: string }, body: Record<string, unknown>) =>
    api().http.put('/api/v1/me/volunteer-profile').set(bearer(account)).send(body);

  /** A new volunteer with the given profile saved. */
  async function volunteerWithProfile(overrides: Record<string, unknown>) {
    const account = await register(api(), 'volunteer');
    await putProfile(account, profileBody(overrides)).expect(200);
    return account;
  }

  async function recommended(account: { accessToken: string }, query = 'limit=50') {
    const response = await api()
      .http.get(`/api/v1/tasks/recommended?${query}`)
      .set(bearer(account))
      .expect(200);
    expect(response.body.nextCursor).toBeNull();
    return response.body.items as Recommendation[];
  }

  const titles = async (account: { accessToken: string }) =>
    (await recommended(account)).map((task) => task.title);

  /** A camp in the given time zone, created by the admin; returns its id and name. */
  async function campIn(timezone: string, label: string) {
    const response = await api()
      .http.post('/api/v1/camps')
      .set(bearer(admin()))
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
    const response = await api()
      .http.post('/api/v1/needs')
      .set(bearer(owner))
      .send(needBody(camp))
      .expect(201);
    return response.body.id as string;
  }

  async function createTask(owner: Account, need: string, body: Record<string, unknown>) {
    const response = await api()
      .http.post(`/api/v1/needs/${need}/tasks`)
      .set(bearer(owner))
      .send(taskBody(body))
      .expect(201);
    return response.body.id as string;
  }

  const signUp = (account: Account, taskId: string) =>
    api().http.post(`/api/v1/tasks/${taskId}/signups`).set(bearer(account)).send({});

  const withdraw = (account: Account, taskId: string) =>
    api().http.delete(`/api/v1/tasks/${taskId}/signups/me`).set(bearer(account)).expect(204);

  return {
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
  };
}

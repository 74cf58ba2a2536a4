import {
  ACTORS,
  ActorName,
  createAccountToken,
  createCalendarToken,
  createClearance,
  createInvitation,
  createMember,
  createNeed,
  createNotification,
  createOrganization,
  createPledge,
  createRefreshToken,
  createSignup,
  createTask,
  createVolunteer,
  needBody,
  newAccount,
  organizationApplication,
  seedWorld,
  taskBody,
  World,
} from './support/matrix-world';
import { startTestApi, TestApi } from './support/test-api';

/**
 * The authorisation matrix (issue 17, OWASP API1 and API5): every route the API serves, read from
 * its OpenAPI document, called as every actor, with the status each must get. A route without a row
 * fails the suite, so a route added tomorrow cannot forget its check unnoticed.
 */

type Expect = Record<ActorName, number>;
type Target = Record<string, string>;

interface Row {
  /** `METHOD /path` exactly as the OpenAPI document names it. */
  route: string;
  /** Resources the row needs, made once for the row, or once per cell when `perCell`. */
  target?: (world: World) => Promise<Target>;
  perCell?: boolean;
  path?: (world: World, target: Target) => Record<string, string>;
  query?: (world: World, target: Target) => Record<string, string>;
  body?: (world: World, target: Target, actor: ActorName) => object;
  expect: Expect;
}

const VOLUNTEERS = ['volunteer', 'otherVolunteer'] as const;
const OTHER_COORDINATORS = [
  'otherCoordinator',
  'pendingCoordinator',
  'rejectedCoordinator',
  'suspendedOrgCoordinator',
] as const;
const COORDINATORS = ['owner', ...OTHER_COORDINATORS] as const;

type Group = ActorName | readonly ActorName[];
/** Signed-in route: anonymous and a deleted user's token 401, a suspended user 403, everyone else `rest`, then the exceptions. */
function signedIn(rest: number, ...exceptions: [Group, number][]): Expect {
  const expect = Object.fromEntries(ACTORS.map((actor) => [actor, rest])) as Expect;
  for (const [group, status] of exceptions) {
    for (const actor of typeof group === 'string' ? [group] : group) expect[actor] = status;
  }
  return { ...expect, anonymous: 401, suspendedUser: 403, deletedUser: 401 };
}
/** Public route: everyone the same. */
const everyone = (status: number): Expect =>
  Object.fromEntries(ACTORS.map((actor) => [actor, status])) as Expect;

const reason = { reason: 'Recorded for the matrix.' };
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

const ROWS: Row[] = [
  // --- Auth: open to anyone; a token, even a dead one, changes nothing.
  { route: 'POST /api/v1/auth/register', body: () => newAccount('volunteer'), expect: everyone(201) },
  {
    route: 'POST /api/v1/auth/login',
    target: async (world) => ({ email: world.actors.otherVolunteer.email }),
    body: (world) => ({
      email: world.actors.otherVolunteer.email,
      password: world.actors.otherVolunteer.password,
    }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/v1/auth/refresh',
    perCell: true,
    target: async (world) => ({ refreshToken: await createRefreshToken(world) }),
    body: (_, target) => ({ refreshToken: target.refreshToken }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/v1/auth/logout',
    perCell: true,
    target: async (world) => ({ refreshToken: await createRefreshToken(world) }),
    body: (_, target) => ({ refreshToken: target.refreshToken }),
    expect: signedIn(204),
  },
  {
    route: 'POST /api/v1/auth/verify-email',
    perCell: true,
    target: async (world) => ({ token: await createAccountToken(world, 'verify_email') }),
    body: (_, target) => ({ token: target.token }),
    expect: everyone(204),
  },
  { route: 'POST /api/v1/auth/verify-email/resend', expect: signedIn(202) },
  {
    route: 'POST /api/v1/auth/password-reset',
    // Unknown and known addresses get the same answer; each cell its own (the sending is rate-limited).
    body: () => ({ email: newAccount('volunteer').email }),
    expect: everyone(202),
  },
  {
    route: 'POST /api/v1/auth/password-reset/confirm',
    perCell: true,
    target: async (world) => ({ token: await createAccountToken(world, 'password_reset') }),
    body: (_, target) => ({ token: target.token, password: 'another sturdy passphrase 7' }),
    expect: everyone(204),
  },

  // --- The caller's own account.
  { route: 'GET /api/v1/me', expect: signedIn(200) },
  { route: 'PATCH /api/v1/me', body: () => ({ locale: 'en' }), expect: signedIn(200) },
  { route: 'GET /api/v1/me/export', expect: signedIn(200) },
  {
    // A fictional number of the shape the SMS suite uses, one per actor.
    route: 'PUT /api/v1/me/phone',
    body: (_, __, actor) => ({ phone: `+96479123456${String(10 + ACTORS.indexOf(actor))}` }),
    expect: signedIn(403, [VOLUNTEERS, 202]),
  },
  {
    // The code exists only in the text message: a guessed one is refused (400) — but only volunteers get that far.
    route: 'POST /api/v1/me/phone/verify',
    body: () => ({ code: '000000' }),
    expect: signedIn(403, [VOLUNTEERS, 400]),
  },
  { route: 'DELETE /api/v1/me/phone', expect: signedIn(403, [VOLUNTEERS, 204]) },
  { route: 'GET /api/v1/me/pledges', expect: signedIn(403, [VOLUNTEERS, 200]) },
  {
    route: 'POST /api/v1/me/password',
    body: (world, _, actor) => ({
      currentPassword: actorPassword(world, actor),
      newPassword: actorPassword(world, actor),
    }),
    expect: signedIn(204),
  },

  // --- Organisations.
  {
    route: 'POST /api/v1/organizations',
    body: () => organizationApplication(),
    expect: signedIn(403, [COORDINATORS, 409]),
  },
  { route: 'GET /api/v1/organizations', expect: signedIn(200) },
  { route: 'GET /api/v1/organizations/{id}', path: (world) => ({ id: world.orgA }), expect: signedIn(200) },
  {
    route: 'GET /api/v1/organizations/{id}',
    path: (world) => ({ id: world.pendingOrg }),
    expect: signedIn(404, ['pendingCoordinator', 200], ['admin', 200]),
  },
  ...(['approve', 'reject'] as const).map((action): Row => ({
    route: `POST /api/v1/organizations/{id}/${action}`,
    target: async (world) => ({ id: await createOrganization(world, 'pending') }),
    path: (_, target) => ({ id: target.id }),
    body: () => (action === 'reject' ? reason : {}),
    expect: signedIn(403, ['admin', 200]),
  })),
  {
    route: 'POST /api/v1/organizations/{id}/suspend',
    target: async (world) => ({ id: await createOrganization(world, 'approved') }),
    path: (_, target) => ({ id: target.id }),
    body: () => reason,
    expect: signedIn(403, ['admin', 200]),
  },
  {
    route: 'POST /api/v1/organizations/{id}/reinstate',
    target: async (world) => ({ id: await createOrganization(world, 'suspended') }),
    path: (_, target) => ({ id: target.id }),
    body: () => ({}),
    expect: signedIn(403, ['admin', 200]),
  },
  {
    route: 'GET /api/v1/organizations/{id}/members',
    path: (world) => ({ id: world.orgA }),
    expect: signedIn(404, ['owner', 200], ['admin', 200]),
  },
  {
    route: 'POST /api/v1/organizations/{id}/invitations',
    path: (world) => ({ id: world.orgA }),
    body: () => ({ email: newAccount('coordinator').email }),
    expect: signedIn(403, ['owner', 202]),
  },
  {
    route: 'PATCH /api/v1/organizations/{id}/members/{userId}',
    target: async (world) => ({ userId: (await createMember(world)).id }),
    path: (world, target) => ({ id: world.orgA, userId: target.userId }),
    body: () => ({ memberRole: 'coordinator' }),
    expect: signedIn(403, ['owner', 200]),
  },
  {
    route: 'DELETE /api/v1/organizations/{id}/members/{userId}',
    target: async (world) => ({ userId: (await createMember(world)).id }),
    path: (world, target) => ({ id: world.orgA, userId: target.userId }),
    expect: signedIn(403, ['owner', 204]),
  },
  { route: 'GET /api/v1/me/invitations', expect: signedIn(403, [COORDINATORS, 200]) },
  ...(['accept', 'decline'] as const).map((action): Row => ({
    route: `POST /api/v1/me/invitations/{id}/${action}`,
    target: async (world) => ({ id: await createInvitation(world) }),
    path: (_, target) => ({ id: target.id }),
    // Somebody else's invitation: nobody in the matrix is its invitee.
    expect: signedIn(404, [VOLUNTEERS, 403], ['admin', 403]),
  })),

  // --- Camps.
  { route: 'GET /api/v1/camps', expect: signedIn(200) },
  {
    route: 'POST /api/v1/camps',
    body: () => ({
      name: `Matrix camp ${Math.random().toString(36).slice(2)}`,
      country: 'JO',
      region: 'Testland',
      timezone: 'Asia/Amman',
    }),
    expect: signedIn(403, ['admin', 201]),
  },
  { route: 'GET /api/v1/camps/{id}', path: (world) => ({ id: world.campId }), expect: signedIn(200) },
  {
    route: 'PATCH /api/v1/camps/{id}',
    path: (world) => ({ id: world.campId }),
    body: () => ({ region: 'Testland' }),
    expect: signedIn(403, ['admin', 200]),
  },

  // --- Needs and pledges.
  {
    route: 'POST /api/v1/needs',
    body: (world) => needBody(world.campId),
    expect: signedIn(403, ['owner', 201], ['otherCoordinator', 201]),
  },
  { route: 'GET /api/v1/needs', expect: signedIn(200) },
  { route: 'GET /api/v1/needs/{id}', path: (world) => ({ id: world.needA }), expect: signedIn(200) },
  {
    route: 'PATCH /api/v1/needs/{id}',
    path: (world) => ({ id: world.needA }),
    body: () => ({ urgency: 'high' }),
    expect: signedIn(403, ['owner', 200]),
  },
  ...(['close', 'cancel'] as const).map((action): Row => ({
    route: `POST /api/v1/needs/{id}/${action}`,
    target: async (world) => ({ id: (await createNeed(world)).id }),
    path: (_, target) => ({ id: target.id }),
    body: () => ({}),
    expect: signedIn(403, ['owner', 200]),
  })),
  {
    route: 'POST /api/v1/needs/{id}/tasks',
    path: (world) => ({ id: world.needA }),
    body: () => taskBody(),
    expect: signedIn(403, ['owner', 201]),
  },
  {
    route: 'POST /api/v1/needs/{id}/items/{itemId}/pledges',
    path: (world) => ({ id: world.needA, itemId: world.itemA }),
    body: () => ({ quantity: 1 }),
    expect: signedIn(403, [VOLUNTEERS, 201]),
  },
  {
    route: 'GET /api/v1/needs/{id}/pledges',
    path: (world) => ({ id: world.needA }),
    // Admins read every organisation's records for oversight; they change none of them.
    expect: signedIn(403, ['owner', 200], ['admin', 200]),
  },
  {
    route: 'POST /api/v1/pledges/{id}/delivered',
    target: async (world) => ({ id: await createPledge(world) }),
    path: (_, target) => ({ id: target.id }),
    body: () => ({}),
    expect: signedIn(403, ['owner', 200]),
  },
  {
    route: 'POST /api/v1/pledges/{id}/cancel',
    perCell: true,
    target: async (world) => ({ id: await createPledge(world) }),
    path: (_, target) => ({ id: target.id }),
    body: () => ({}),
    expect: signedIn(403, ['owner', 200], ['volunteer', 200], ['otherVolunteer', 404]),
  },

  // --- Tasks and sign-ups.
  { route: 'GET /api/v1/tasks', expect: signedIn(200) },
  { route: 'GET /api/v1/tasks/recommended', expect: signedIn(403, [VOLUNTEERS, 200]) },
  { route: 'GET /api/v1/tasks/{id}', path: (world) => ({ id: world.taskA }), expect: signedIn(200) },
  {
    route: 'PATCH /api/v1/tasks/{id}',
    path: (world) => ({ id: world.taskA }),
    body: () => ({ title: 'Conversation circle' }),
    expect: signedIn(403, ['owner', 200]),
  },
  {
    route: 'POST /api/v1/tasks/{id}/cancel',
    target: async (world) => ({ id: await createTask(world) }),
    path: (_, target) => ({ id: target.id }),
    body: () => ({}),
    expect: signedIn(403, ['owner', 200]),
  },
  {
    route: 'POST /api/v1/tasks/{id}/signups',
    target: async (world) => ({ id: await createTask(world) }),
    path: (_, target) => ({ id: target.id }),
    body: () => ({}),
    expect: signedIn(403, [VOLUNTEERS, 201]),
  },
  {
    route: 'GET /api/v1/tasks/{id}/signups',
    path: (world) => ({ id: world.taskA }),
    expect: signedIn(403, ['owner', 200], ['admin', 200]),
  },
  {
    route: 'DELETE /api/v1/tasks/{id}/signups/me',
    target: async (world) => ({ id: (await createSignup(world, world.actors.volunteer)).taskId }),
    path: (_, target) => ({ id: target.id }),
    expect: signedIn(403, ['volunteer', 204], ['otherVolunteer', 404]),
  },
  ...(['approve', 'decline'] as const).map((action): Row => ({
    route: `POST /api/v1/signups/{id}/${action}`,
    target: async (world) => ({
      id: (await createSignup(world, world.actors.volunteer, { signupMode: 'review' })).signupId,
    }),
    path: (_, target) => ({ id: target.id }),
    body: () => ({}),
    expect: signedIn(404, ['owner', 200], [VOLUNTEERS, 403], ['admin', 403]),
  })),
  {
    route: 'POST /api/v1/signups/{id}/attendance',
    target: async (world) => {
      const { signupId, taskId } = await createSignup(world, world.actors.volunteer);
      // The task took place yesterday (set in the database: the API refuses to create past tasks).
      await world.api.db.query(
        `UPDATE tasks SET starts_at = now() - interval '26 hours', ends_at = now() - interval '25 hours' WHERE id = $1`,
        [taskId],
      );
      return { id: signupId };
    },
    path: (_, target) => ({ id: target.id }),
    body: () => ({ status: 'attended' }),
    expect: signedIn(404, ['owner', 200], [VOLUNTEERS, 403], ['admin', 403]),
  },
  { route: 'GET /api/v1/me/volunteer-profile', expect: signedIn(403, [VOLUNTEERS, 200]) },
  {
    route: 'PUT /api/v1/me/volunteer-profile',
    body: () => ({ skills: ['Teaching'], languages: ['en'], availability: [], remote: false, campIds: [] }),
    expect: signedIn(403, [VOLUNTEERS, 200]),
  },
  { route: 'GET /api/v1/me/signups', expect: signedIn(403, [VOLUNTEERS, 200]) },
  { route: 'POST /api/v1/me/calendar-token', expect: signedIn(403, [VOLUNTEERS, 201]) },
  { route: 'DELETE /api/v1/me/calendar-token', expect: signedIn(403, [VOLUNTEERS, 204]) },
  {
    // The feed's own secret is the credential: a bearer token, live or dead, neither helps nor hurts.
    route: 'GET /api/v1/me/calendar.ics',
    target: async (world) => ({ token: await createCalendarToken(world) }),
    query: (_, target) => ({ token: target.token }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/v1/organizations/{id}/safeguarding-clearances',
    path: (world) => ({ id: world.orgA }),
    body: (world) => ({ volunteerId: world.actors.volunteer.id, validUntil: tomorrow() }),
    expect: signedIn(403, ['owner', 201]),
  },
  {
    route: 'GET /api/v1/organizations/{id}/safeguarding-clearances',
    path: (world) => ({ id: world.orgA }),
    expect: signedIn(403, ['owner', 200], ['admin', 200]),
  },
  {
    route: 'DELETE /api/v1/organizations/{id}/safeguarding-clearances/{clearanceId}',
    target: async (world) => ({ clearanceId: await createClearance(world) }),
    path: (world, target) => ({ id: world.orgA, clearanceId: target.clearanceId }),
    body: () => reason,
    expect: signedIn(403, ['owner', 204]),
  },

  // --- Notifications: each caller's own.
  { route: 'GET /api/v1/me/notifications', expect: signedIn(200) },
  { route: 'GET /api/v1/me/notifications/unread-count', expect: signedIn(200) },
  { route: 'POST /api/v1/me/notifications/read-all', body: () => ({}), expect: signedIn(204) },
  {
    route: 'POST /api/v1/me/notifications/{id}/read',
    target: async (world) => ({ id: await createNotification(world) }),
    path: (_, target) => ({ id: target.id }),
    body: () => ({}),
    expect: signedIn(404, ['volunteer', 204]),
  },
  { route: 'GET /api/v1/me/notification-preferences', expect: signedIn(200) },
  {
    route: 'PUT /api/v1/me/notification-preferences',
    body: () => ({ email: true, inApp: true, digest: 'off' }),
    expect: signedIn(200),
  },

  // --- Admin and reports.
  { route: 'POST /api/v1/admin/queues/session', expect: signedIn(403, ['admin', 200]) },
  { route: 'GET /api/v1/admin/audit-log', expect: signedIn(403, ['admin', 200]) },
  {
    route: 'POST /api/v1/admin/users/{id}/suspend',
    target: async (world) => ({ id: await createVolunteer(world) }),
    path: (_, target) => ({ id: target.id }),
    body: () => reason,
    expect: signedIn(403, ['admin', 200]),
  },
  {
    route: 'POST /api/v1/admin/users/{id}/reinstate',
    target: async (world) => ({ id: await createVolunteer(world, true) }),
    path: (_, target) => ({ id: target.id }),
    body: () => reason,
    expect: signedIn(403, ['admin', 200]),
  },
  { route: 'GET /api/v1/admin/stats', expect: signedIn(403, ['admin', 200]) },
  {
    route: 'GET /api/v1/organizations/{id}/reports/summary',
    path: (world) => ({ id: world.orgA }),
    expect: signedIn(404, ['owner', 200], ['admin', 200], [VOLUNTEERS, 403]),
  },
  {
    route: 'GET /api/v1/organizations/{id}/reports/hours.csv',
    path: (world) => ({ id: world.orgA }),
    expect: signedIn(404, ['owner', 200], ['admin', 200], [VOLUNTEERS, 403]),
  },
  { route: 'GET /api/v1/admin/reports/summary', expect: signedIn(403, ['admin', 200]) },
  { route: 'GET /health/live', expect: everyone(200) },
  { route: 'GET /health/ready', expect: everyone(200) },

  // Last: it ends the accounts that sign in above.
  {
    route: 'DELETE /api/v1/me',
    body: (world, _, actor) => ({ password: actorPassword(world, actor) }),
    // The last admin cannot delete themselves away, nor the sole owner of an organisation with
    // other members (A's, joined above); an owner alone in an organisation closes it.
    expect: signedIn(204, ['admin', 409], ['owner', 409]),
  },
];

function actorPassword(world: World, actor: ActorName): string {
  return actor === 'anonymous' ? 'a sturdy passphrase 42' : world.actors[actor].password;
}

describe('authorisation matrix (e2e)', () => {
  let api: TestApi;
  let world: World;
  let routes: string[];

  beforeAll(async () => {
    api = await startTestApi();
    world = await seedWorld(api);
    const document = (await api.http.get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
  }, 180_000);

  afterAll(async () => {
    await api.close();
  });

  it('has a row for every route the API serves, and no row for a route it does not', () => {
    const covered = new Set(ROWS.map((row) => row.route));
    expect(routes.filter((route) => !covered.has(route))).toEqual([]);
    expect([...covered].filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('shows coordinators their volunteers without an e-mail address, and admins cannot suspend themselves', async () => {
    const { owner, volunteer, admin } = world.actors;
    const signups = await api.http
      .get(`/api/v1/tasks/${world.taskA}/signups`)
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(200);
    expect(signups.body.items.map((item: { volunteer: { id: string } }) => item.volunteer.id)).toContain(
      volunteer.id,
    );
    expect(JSON.stringify(signups.body)).not.toContain('@');
    const self = await api.http
      .post(`/api/v1/admin/users/${admin.id}/suspend`)
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ reason: 'Trying.' });
    expect(self.status).toBe(409);
  });

  it('gives every actor the expected status on every route', async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const row of ROWS) {
      const shared = row.target && !row.perCell ? await row.target(world) : {};
      // Refusals first: an allowed call may change what the others would see.
      const order = [...ACTORS].sort((a, b) => Number(row.expect[a] < 400) - Number(row.expect[b] < 400));
      for (const actor of order) {
        const target = row.perCell && row.target ? await row.target(world) : shared;
        const response = await call(world, row, actor, target);
        cells += 1;
        if (response.status !== row.expect[actor]) {
          failures.push(
            `${row.route} as ${actor}: expected ${row.expect[actor]}, got ${response.status} ${response.body?.title ?? ''}`,
          );
        } else if (response.status >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
      }
    }
    process.stdout.write(
      `Authorisation matrix: ${ROWS.length} rows × ${ACTORS.length} actors = ${cells} cells\n`,
    );
    expect(failures).toEqual([]);
  }, 600_000);
});

/** One cell's request, from the actor's own network address (per-address limits stay per actor). */
async function call(world: World, row: Row, actor: ActorName, target: Target) {
  const [method, template] = row.route.split(' ');
  const params = row.path?.(world, target) ?? {};
  const query = row.query ? `?${new URLSearchParams(row.query(world, target))}` : '';
  const headers: Record<string, string> = {};
  if (actor !== 'anonymous') headers.authorization = `Bearer ${world.actors[actor].accessToken}`;
  const body = row.body?.(world, target, actor);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const reply = await world.api.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method: method as 'GET',
      url: template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]) + query,
      headers,
      payload: body === undefined ? undefined : JSON.stringify(body),
      remoteAddress: `198.51.100.${ACTORS.indexOf(actor) + 1}`,
    });
  const json = /json/.test(String(reply.headers['content-type'])) && reply.body ? JSON.parse(reply.body) : {};
  return { status: reply.statusCode, headers: reply.headers, body: json as { title?: string } };
}

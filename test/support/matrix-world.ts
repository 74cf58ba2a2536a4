import { randomUUID } from 'node:crypto';
import { UsersService } from '@haven/identity';
import { mintAccountToken, recordAccountToken } from '../../libs/identity/src/tokens/account-tokens';
import {
  Account,
  bearer,
  createCamp,
  inHours,
  joinOrganization,
  needBody,
  newAccount,
  organizationApplication,
  register,
  registerAdmin,
  registerOrganization,
  taskBody,
  TestApi,
} from './test-api';

/** Everyone the authorisation matrix calls every route as (issue 17). */
export const ACTORS = [
  'anonymous',
  'volunteer',
  'otherVolunteer',
  'owner',
  'otherCoordinator',
  'pendingCoordinator',
  'rejectedCoordinator',
  'suspendedOrgCoordinator',
  'suspendedUser',
  'deletedUser',
  'admin',
] as const;
export type ActorName = (typeof ACTORS)[number];

/**
 * One seeded world: organisation A (the owner's, approved) holds the resources the routes are called
 * on; organisation B (approved) belongs to another coordinator; three more are pending, rejected and
 * suspended. The volunteer has signed up for A's task and pledged to A's need.
 */
export async function seedWorld(api: TestApi) {
  const admin = await registerAdmin(api);
  const campId = await createCamp(api, admin);
  const a = await registerOrganization(api, admin);
  const b = await registerOrganization(api, admin);
  const pending = await registerOrganization(api);
  const rejected = await registerOrganization(api);
  const suspendedOrg = await registerOrganization(api, admin);
  const as = (account: { accessToken: string }) => bearer(account);
  await api.http
    .post(`/api/v1/organizations/${rejected.organizationId}/reject`)
    .set(as(admin))
    .send({ reason: 'Registration could not be confirmed.' })
    .expect(200);
  await api.http
    .post(`/api/v1/organizations/${suspendedOrg.organizationId}/suspend`)
    .set(as(admin))
    .send({ reason: 'Under review.' })
    .expect(200);
  const volunteer = await register(api, 'volunteer');
  const otherVolunteer = await register(api, 'volunteer');
  const suspendedUser = await register(api, 'volunteer');
  const deletedUser = await register(api, 'volunteer');
  await api.http
    .post(`/api/v1/admin/users/${suspendedUser.id}/suspend`)
    .set(as(admin))
    .send({ reason: 'Abuse report.' })
    .expect(200);
  await api.http
    .delete('/api/v1/me')
    .set(as(deletedUser))
    .send({ password: deletedUser.password })
    .expect(204);

  const world = {
    api,
    campId,
    orgA: a.organizationId,
    orgB: b.organizationId,
    pendingOrg: pending.organizationId,
    actors: {
      volunteer,
      otherVolunteer,
      owner: a.owner,
      otherCoordinator: b.owner,
      pendingCoordinator: pending.owner,
      rejectedCoordinator: rejected.owner,
      suspendedOrgCoordinator: suspendedOrg.owner,
      suspendedUser,
      deletedUser,
      admin,
    } as Record<Exclude<ActorName, 'anonymous'>, Account>,
    needA: '',
    itemA: '',
    taskA: '',
    needB: '',
    taskB: '',
  };
  const need = await createNeed(world);
  world.needA = need.id;
  world.itemA = need.itemId;
  world.taskA = await createTask(world);
  const needB = await api.http.post('/api/v1/needs').set(as(b.owner)).send(needBody(campId)).expect(201);
  world.needB = needB.body.id;
  world.taskB = (
    await api.http.post(`/api/v1/needs/${world.needB}/tasks`).set(as(b.owner)).send(taskBody()).expect(201)
  ).body.id;
  await api.http.post(`/api/v1/tasks/${world.taskA}/signups`).set(as(volunteer)).send({}).expect(201);
  return world;
}
export type World = Awaited<ReturnType<typeof seedWorld>>;

const owner = (world: World) => bearer(world.actors.owner);

/** A fresh need of organisation A with one item. */
export async function createNeed(world: World) {
  const response = await world.api.http
    .post('/api/v1/needs')
    .set(owner(world))
    .send(needBody(world.campId, { items: [{ name: 'Blankets', unit: 'boxes', quantity: 1000 }] }))
    .expect(201);
  return { id: response.body.id as string, itemId: response.body.items[0].id as string };
}

/** A fresh task on organisation A's need. */
export async function createTask(world: World, overrides: Record<string, unknown> = {}) {
  const startsAt = inHours(24 * 30 + Math.random() * 24 * 300);
  const response = await world.api.http
    .post(`/api/v1/needs/${world.needA}/tasks`)
    .set(owner(world))
    .send(
      taskBody({ startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), ...overrides }),
    )
    .expect(201);
  return response.body.id as string;
}

/** A sign-up of `who` for a fresh task of organisation A. */
export async function createSignup(world: World, who: Account, overrides: Record<string, unknown> = {}) {
  const taskId = await createTask(world, overrides);
  const response = await world.api.http
    .post(`/api/v1/tasks/${taskId}/signups`)
    .set(bearer(who))
    .send({})
    .expect(201);
  return { taskId, signupId: response.body.id as string };
}

/** A pledge of the volunteer to organisation A's need. */
export async function createPledge(world: World) {
  const response = await world.api.http
    .post(`/api/v1/needs/${world.needA}/items/${world.itemA}/pledges`)
    .set(bearer(world.actors.volunteer))
    .send({ quantity: 1 })
    .expect(201);
  return response.body.id as string;
}

/** A coordinator in no organisation, invited by A's owner; returns the invitation's id. */
export async function createInvitation(world: World) {
  const invitee = await register(world.api, 'coordinator');
  await world.api.http
    .post(`/api/v1/organizations/${world.orgA}/invitations`)
    .set(owner(world))
    .send({ email: invitee.email })
    .expect(202);
  const list = await world.api.http.get('/api/v1/me/invitations').set(bearer(invitee)).expect(200);
  return list.body.items[0].id as string;
}

/** A second coordinator of organisation A. */
export const createMember = (world: World) => joinOrganization(world.api, world.actors.owner, world.orgA);

/** An organisation in the given state, for the admin's transitions. */
export async function createOrganization(world: World, state: 'pending' | 'approved' | 'suspended') {
  const admin = world.actors.admin;
  const { organizationId } = await registerOrganization(world.api, state === 'pending' ? undefined : admin);
  if (state === 'suspended') {
    await world.api.http
      .post(`/api/v1/organizations/${organizationId}/suspend`)
      .set(bearer(admin))
      .send({ reason: 'Under review.' })
      .expect(200);
  }
  return organizationId;
}

/** A safeguarding clearance of organisation A for the volunteer (who has signed up for A's task). */
export async function createClearance(world: World) {
  const response = await world.api.http
    .post(`/api/v1/organizations/${world.orgA}/safeguarding-clearances`)
    .set(owner(world))
    .send({ volunteerId: world.actors.volunteer.id, validUntil: inYears(1) })
    .expect(201);
  return response.body.id as string;
}

function inYears(years: number) {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

/** An in-app notification of the volunteer's, written as the worker writes them. */
export async function createNotification(world: World) {
  const [row]: { id: string }[] = await world.api.db.query(
    `INSERT INTO notifications (outbox_id, user_id, type, title, body, in_app)
     VALUES ($1, $2, 'signup.confirmed', 'Confirmed', 'Your place is confirmed.', true) RETURNING id`,
    [randomUUID(), world.actors.volunteer.id],
  );
  return row.id;
}

/** A calendar feed token of the volunteer's. */
export async function createCalendarToken(world: World) {
  const response = await world.api.http
    .post('/api/v1/me/calendar-token')
    .set(bearer(world.actors.volunteer))
    .send()
    .expect(201);
  return response.body.token as string;
}

/** A volunteer the admin can suspend or reinstate. */
export async function createVolunteer(world: World, suspended = false) {
  const volunteer = await register(world.api, 'volunteer');
  if (suspended) {
    await world.api.http
      .post(`/api/v1/admin/users/${volunteer.id}/suspend`)
      .set(bearer(world.actors.admin))
      .send({ reason: 'Abuse report.' })
      .expect(200);
  }
  return volunteer.id;
}

/** A live e-mailed link's token, minted as the mail sender mints it, for a fresh account. */
export async function createAccountToken(world: World, purpose: 'verify_email' | 'password_reset') {
  const account = newAccount('volunteer');
  const user = await world.api.app
    .get(UsersService)
    .create({ ...account, emailVerified: purpose === 'password_reset' });
  return world.api.db.transaction(async (manager) => {
    const id = await recordAccountToken(manager, user.id, purpose);
    const minted = await mintAccountToken(manager, id);
    return minted!.token;
  });
}

/** A fresh sign-in of a throwaway account: its refresh token. */
export async function createRefreshToken(world: World) {
  const account = await register(world.api, 'volunteer');
  return account.refreshToken;
}

export { organizationApplication, needBody, taskBody, newAccount };

import { Actor } from '@haven/core';
import { NeedInput, NeedsService, TaskInput, TasksService } from '@haven/needs';
import { CampsService, OrganizationsService, VettingService } from '@haven/organizations';
import { ServiceWorld } from './services';

/**
 * Fictional data for the service tier, made through the contexts' public services; only people are
 * written straight in SQL (verified, without a password, so no argon2 cost), as `manyVolunteers`
 * does for the e2e suites.
 */
let counter = 0;

export async function people(world: ServiceWorld, role: Actor['role'], count = 1): Promise<Actor[]> {
  counter += 1;
  const rows: { id: string }[] = await world.db.query(
    `INSERT INTO users (email, display_name, role, password_hash, email_verified_at)
     SELECT 'service-' || $1 || '-' || n || '@example.org', 'Service ' || $3 || ' ' || n, $3, NULL, now()
       FROM generate_series(1, $2) AS n
     RETURNING id`,
    [`${process.pid}-${counter}`, count, role],
  );
  return rows.map(({ id }) => ({ id, role, emailVerified: true }));
}

export async function person(world: ServiceWorld, role: Actor['role']): Promise<Actor> {
  const [actor] = await people(world, role);
  return actor;
}

/** A platform admin, a camp, and an approved organisation with its owner. */
export async function approvedOrganization(world: ServiceWorld) {
  counter += 1;
  const admin = await person(world, 'admin');
  const owner = await person(world, 'coordinator');
  const camp = await world.get(CampsService).create(admin, {
    name: `Service camp ${process.pid}-${counter}`,
    country: 'JO',
    region: 'Testland',
    timezone: 'Asia/Amman',
  });
  const organization = await world.get(OrganizationsService).apply(owner, {
    name: `Fictional Service Collective ${process.pid}-${counter}`,
    country: 'JO',
    registrationNumber: `SERV-${process.pid}-${counter}`,
    contactEmail: `service${counter}@example.org`,
    description: 'A fictional NGO used in service tests.',
    focusAreas: ['education', 'supplies'],
  });
  await world.get(VettingService).decide(admin, organization.id, 'approve', {});
  return { admin, owner, organizationId: organization.id, campId: camp.id };
}

export async function need(
  world: ServiceWorld,
  owner: Actor,
  campId: string,
  overrides: Partial<NeedInput> = {},
) {
  return world.get(NeedsService).create(owner, {
    campId,
    category: 'education',
    title: 'Evening English classes',
    description: 'Volunteers to run conversation classes for a mixed group of teenagers.',
    urgency: 'medium',
    ...overrides,
  });
}

export const HOUR = 3_600_000;

/** A task on the need, two hours long, starting `startsInHours` from now (48 by default). */
export async function task(
  world: ServiceWorld,
  owner: Actor,
  needId: string,
  overrides: Partial<TaskInput> & { startsInHours?: number } = {},
) {
  const { startsInHours = 48, ...input } = overrides;
  const startsAt = new Date(Date.now() + startsInHours * HOUR);
  return world.get(TasksService).create(owner, needId, {
    title: 'Conversation circle',
    description: 'Lead a relaxed English conversation circle.',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    capacity: 5,
    skills: ['teaching'],
    languages: ['en'],
    remote: false,
    signupMode: 'open',
    requiresSafeguarding: false,
    ...input,
  });
}

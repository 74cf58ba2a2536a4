import { Actor } from '@haven/core';
import { TasksService } from '@haven/needs';
import { SafeguardingService, SignupQueries, SignupsService, VolunteeringModule } from '@haven/volunteering';
import { approvedOrganization, need, people, person, task } from '../support/service-fixtures';
import { ServiceWorld, startServices } from '../support/services';

/**
 * The sign-up rules through the volunteering services alone: capacity under concurrency, waitlist
 * order, overlapping tasks and safeguarding clearances. What HTTP adds (status codes, problem bodies,
 * the contract) is the e2e suites' business (signups, safeguarding).
 */
describe('sign-ups: capacity, waitlist order, overlap and clearance (service)', () => {
  let world: ServiceWorld;
  let signups: SignupsService;
  let owner: Actor;
  let organizationId: string;
  let needId: string;

  /** 'ok', or the code of the error the call failed with (thrown at once or rejected). */
  const codeOf = (call: () => Promise<unknown>) =>
    Promise.resolve()
      .then(call)
      .then(
        () => 'ok',
        (error: { code?: string }) => error.code ?? String(error),
      );

  /** Every sign-up of the task in commit order, as the organisation sees it. */
  async function roster(taskId: string) {
    const page = await world.get(SignupQueries).forTask(owner, taskId, { limit: 100 });
    return page.items.map((item) => ({
      volunteerId: item.volunteer.id,
      status: item.status,
      position: item.waitlistPosition,
    }));
  }

  async function counters(taskId: string) {
    const view = await world.get(TasksService).get(owner, taskId);
    return { confirmed: view.confirmed, waitlisted: view.waitlisted };
  }

  beforeAll(async () => {
    world = await startServices([VolunteeringModule]);
    signups = world.get(SignupsService);
    const organization = await approvedOrganization(world);
    ({ owner, organizationId } = organization);
    needId = (await need(world, owner, organization.campId)).id;
  });

  afterAll(async () => {
    await world?.close();
  });

  describe('capacity', () => {
    it('confirms exactly 5 of 50 concurrent sign-ups for 5 places and queues the rest in order', async () => {
      const { id: taskId } = await task(world, owner, needId, { capacity: 5 });
      const volunteers = await people(world, 'volunteer', 50);
      const results = await Promise.all(volunteers.map((volunteer) => signups.signUp(volunteer, taskId)));

      expect(results.filter((result) => result.status === 'confirmed')).toHaveLength(5);
      expect(results.filter((result) => result.status === 'waitlisted')).toHaveLength(45);
      const positions = results.map((result) => result.waitlistPosition).filter((p) => p !== null);
      expect([...positions].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
      expect(await counters(taskId)).toEqual({ confirmed: 5, waitlisted: 45 });

      // The roster (commit order) shows the first five confirmed and the rest numbered 1..45 after them.
      const listed = await roster(taskId);
      expect(listed.map((entry) => entry.status)).toEqual([
        ...Array<string>(5).fill('confirmed'),
        ...Array<string>(45).fill('waitlisted'),
      ]);
      expect(listed.slice(5).map((entry) => entry.position)).toEqual(
        Array.from({ length: 45 }, (_, i) => i + 1),
      );
      const [row] = await world.db.query(
        `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
                count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
           FROM signups WHERE task_id = $1`,
        [taskId],
      );
      expect(row).toEqual({ confirmed: 5, waitlisted: 45 });
    });

    it('lets one volunteer hold one live sign-up per task, however many arrive at once', async () => {
      const { id: taskId } = await task(world, owner, needId, { capacity: 5 });
      const volunteer = await person(world, 'volunteer');
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, () => codeOf(() => signups.signUp(volunteer, taskId))),
      );
      expect(outcomes.sort()).toEqual([
        'already_signed_up',
        'already_signed_up',
        'already_signed_up',
        'already_signed_up',
        'ok',
      ]);
      expect(await counters(taskId)).toEqual({ confirmed: 1, waitlisted: 0 });
    });

    it('takes no place for a pending sign-up on a reviewed task, and refuses cancelled and started tasks', async () => {
      const reviewed = await task(world, owner, needId, { capacity: 1, signupMode: 'review' });
      const [first, second] = await people(world, 'volunteer', 2);
      expect((await signups.signUp(first, reviewed.id)).status).toBe('pending');
      expect((await signups.signUp(second, reviewed.id)).status).toBe('pending');
      expect(await counters(reviewed.id)).toEqual({ confirmed: 0, waitlisted: 0 });

      const cancelled = await task(world, owner, needId);
      await world.get(TasksService).cancel(owner, cancelled.id, 'Rain');
      expect(await codeOf(() => signups.signUp(first, cancelled.id))).toBe('task_cancelled');

      const started = await task(world, owner, needId, { startsInHours: 48 });
      await world.db.query(`UPDATE tasks SET starts_at = now() - interval '1 minute' WHERE id = $1`, [
        started.id,
      ]);
      expect(await codeOf(() => signups.signUp(first, started.id))).toBe('task_started');
      expect(await codeOf(() => signups.signUp(owner, reviewed.id))).toBe('forbidden');
    });
  });

  describe('waitlist order', () => {
    it('gives a freed place to the first in the queue, and everyone behind moves up', async () => {
      const { id: taskId } = await task(world, owner, needId, { capacity: 2 });
      const volunteers = await people(world, 'volunteer', 5);
      for (const volunteer of volunteers) await signups.signUp(volunteer, taskId);
      await signups.withdraw(volunteers[0], taskId);
      expect(await roster(taskId)).toEqual([
        { volunteerId: volunteers[0].id, status: 'withdrawn', position: null },
        { volunteerId: volunteers[1].id, status: 'confirmed', position: null },
        { volunteerId: volunteers[2].id, status: 'confirmed', position: null },
        { volunteerId: volunteers[3].id, status: 'waitlisted', position: 1 },
        { volunteerId: volunteers[4].id, status: 'waitlisted', position: 2 },
      ]);
      expect(await counters(taskId)).toEqual({ confirmed: 2, waitlisted: 2 });
      // Withdrawing from the queue frees no place: nobody is promoted, the rest move up.
      await signups.withdraw(volunteers[3], taskId);
      expect((await roster(taskId)).slice(3)).toEqual([
        { volunteerId: volunteers[3].id, status: 'withdrawn', position: null },
        { volunteerId: volunteers[4].id, status: 'waitlisted', position: 1 },
      ]);
      expect(await codeOf(() => signups.withdraw(volunteers[3], taskId))).toBe('not_found');
    });

    it('promotes in queue order when every confirmed volunteer withdraws at once', async () => {
      const { id: taskId } = await task(world, owner, needId, { capacity: 5 });
      const volunteers = await people(world, 'volunteer', 15);
      for (const volunteer of volunteers) await signups.signUp(volunteer, taskId);
      await Promise.all(volunteers.slice(0, 5).map((volunteer) => signups.withdraw(volunteer, taskId)));
      const listed = await roster(taskId);
      expect(listed.map((entry) => entry.status)).toEqual([
        ...Array<string>(5).fill('withdrawn'),
        ...Array<string>(5).fill('confirmed'),
        ...Array<string>(5).fill('waitlisted'),
      ]);
      expect(listed.slice(10).map((entry) => entry.position)).toEqual([1, 2, 3, 4, 5]);
      expect(await counters(taskId)).toEqual({ confirmed: 5, waitlisted: 5 });
    });

    it('puts a pending sign-up approved into a full task at the back of the queue', async () => {
      const { id: taskId } = await task(world, owner, needId, { capacity: 1, signupMode: 'review' });
      const [early, late, third] = await people(world, 'volunteer', 3);
      const pending = await signups.signUp(early, taskId);
      const later = await signups.signUp(late, taskId);
      const last = await signups.signUp(third, taskId);
      expect((await signups.approve(owner, later.id)).status).toBe('confirmed');
      expect(await signups.approve(owner, last.id)).toEqual(
        expect.objectContaining({ status: 'waitlisted', waitlistPosition: 1 }),
      );
      // Signed up first, approved last: behind the one who was approved before.
      expect(await signups.approve(owner, pending.id)).toEqual(
        expect.objectContaining({ status: 'waitlisted', waitlistPosition: 2 }),
      );
      expect(await codeOf(() => signups.approve(owner, pending.id))).toBe('illegal_transition');
      const stranger = await person(world, 'coordinator');
      expect(await codeOf(() => signups.approve(stranger, last.id))).toBe('not_found');
    });
  });

  describe('overlap', () => {
    it('refuses a sign-up that overlaps a confirmed task, and allows one that starts when it ends', async () => {
      const first = await task(world, owner, needId, { startsInHours: 100 });
      const overlapping = await task(world, owner, needId, { startsInHours: 99, title: 'Homework club' });
      const adjacent = await task(world, owner, needId, { startsInHours: 102 });
      const volunteer = await person(world, 'volunteer');
      expect((await signups.signUp(volunteer, first.id)).status).toBe('confirmed');
      expect(await codeOf(() => signups.signUp(volunteer, overlapping.id))).toBe('overlapping_signup');
      expect((await signups.signUp(volunteer, adjacent.id)).status).toBe('confirmed');
      // Once they withdraw, the overlapping task is open to them again.
      await signups.withdraw(volunteer, first.id);
      expect((await signups.signUp(volunteer, overlapping.id)).status).toBe('confirmed');
    });

    it('confirms one of two overlapping tasks signed up for at the same moment', async () => {
      for (let round = 0; round < 5; round += 1) {
        const start = 200 + round * 10;
        const one = await task(world, owner, needId, { startsInHours: start });
        const other = await task(world, owner, needId, { startsInHours: start + 1 });
        const volunteer = await person(world, 'volunteer');
        const outcomes = await Promise.all([
          codeOf(() => signups.signUp(volunteer, one.id)),
          codeOf(() => signups.signUp(volunteer, other.id)),
        ]);
        expect(outcomes.sort()).toEqual(['ok', 'overlapping_signup']);
      }
    });

    it('skips a waitlisted volunteer now confirmed elsewhere at the same time, and promotes the next', async () => {
      const full = await task(world, owner, needId, { startsInHours: 300, capacity: 1 });
      const clash = await task(world, owner, needId, { startsInHours: 300, capacity: 1 });
      const [holder, busy, next] = await people(world, 'volunteer', 3);
      await signups.signUp(holder, full.id);
      await signups.signUp(busy, full.id);
      await signups.signUp(next, full.id);
      // Waiting on one, `busy` takes a place on the other at the same hour (no confirmed overlap yet).
      expect((await signups.signUp(busy, clash.id)).status).toBe('confirmed');
      await signups.withdraw(holder, full.id);
      expect((await roster(full.id)).map(({ status, position }) => ({ status, position }))).toEqual([
        { status: 'withdrawn', position: null },
        { status: 'waitlisted', position: 1 },
        { status: 'confirmed', position: null },
      ]);
    });
  });

  describe('safeguarding clearance', () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

    it('approves a safeguarded sign-up only with a clearance valid on the day the task ends', async () => {
      const safeguarded = await task(world, owner, needId, {
        startsInHours: 24 * 10,
        requiresSafeguarding: true,
        signupMode: 'open',
      });
      expect(safeguarded.signupMode).toBe('review');
      const volunteer = await person(world, 'volunteer');
      const signup = await signups.signUp(volunteer, safeguarded.id);
      expect(signup.status).toBe('pending');
      expect(await codeOf(() => signups.approve(owner, signup.id))).toBe('safeguarding_clearance_required');

      const clearances = world.get(SafeguardingService);
      const short = await clearances.record(owner, organizationId, volunteer.id, inDays(2));
      expect(await codeOf(() => signups.approve(owner, signup.id))).toBe('safeguarding_clearance_required');
      await clearances.revoke(owner, organizationId, short.id, 'Recorded in error');
      await clearances.record(owner, organizationId, volunteer.id, inDays(30));
      expect((await signups.approve(owner, signup.id)).status).toBe('confirmed');
    });

    it('sends a confirmed place back to review on revocation and promotes the next cleared volunteer', async () => {
      const safeguarded = await task(world, owner, needId, {
        startsInHours: 24 * 12,
        requiresSafeguarding: true,
        capacity: 1,
      });
      const [holder, uncleared, cleared] = await people(world, 'volunteer', 3);
      const clearances = world.get(SafeguardingService);
      const ids: Record<string, string> = {};
      for (const volunteer of [holder, uncleared, cleared]) {
        ids[volunteer.id] = (await signups.signUp(volunteer, safeguarded.id)).id;
      }
      const holderClearance = await clearances.record(owner, organizationId, holder.id, inDays(60));
      const unclearedClearance = await clearances.record(owner, organizationId, uncleared.id, inDays(60));
      await clearances.record(owner, organizationId, cleared.id, inDays(60));
      expect((await signups.approve(owner, ids[holder.id])).status).toBe('confirmed');
      expect((await signups.approve(owner, ids[uncleared.id])).status).toBe('waitlisted');
      expect((await signups.approve(owner, ids[cleared.id])).status).toBe('waitlisted');
      // The first in the queue loses their clearance while waiting: promotion passes them over.
      await clearances.revoke(owner, organizationId, unclearedClearance.id, 'Lapsed check');

      await clearances.revoke(owner, organizationId, holderClearance.id, 'New information');
      expect((await roster(safeguarded.id)).map(({ status, position }) => ({ status, position }))).toEqual([
        { status: 'pending', position: null },
        { status: 'waitlisted', position: 1 },
        { status: 'confirmed', position: null },
      ]);
      expect(await counters(safeguarded.id)).toEqual({ confirmed: 1, waitlisted: 1 });
      expect(await codeOf(() => clearances.revoke(owner, organizationId, holderClearance.id, 'Twice'))).toBe(
        'clearance_revoked',
      );
    });
  });
});

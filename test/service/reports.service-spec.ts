import { Actor } from '@haven/core';
import { ReportsModule, ReportsService } from '@haven/reports';
import { SignupsService, VolunteeringModule } from '@haven/volunteering';
import { approvedOrganization, need, people, task } from '../support/service-fixtures';
import { ServiceWorld, startServices } from '../support/services';

/**
 * Small-cell suppression of the people counts in an organisation's report, through ReportsService:
 * exact for the organisation's members, suppressed (primary and secondary) for an admin.
 */
describe('reports: small-cell suppression (service)', () => {
  let world: ServiceWorld;
  let admin: Actor;
  let owner: Actor;
  let organizationId: string;
  const RANGE = { from: '2025-01-01', to: '2025-02-28' };

  /** A task run at `startsAt` (in the past) that these volunteers attended for `hours` each. */
  async function attended(needId: string, startsAt: string, volunteers: Actor[], hours: number) {
    const signups = world.get(SignupsService);
    const { id: taskId } = await task(world, owner, needId, { capacity: 10 });
    const ids = [];
    for (const volunteer of volunteers) ids.push((await signups.signUp(volunteer, taskId)).id);
    // The work happened in the report's range: move the task there (no service backdates a task).
    await world.db.query(
      `UPDATE tasks SET starts_at = $2::timestamptz, ends_at = $2::timestamptz + interval '3 hours' WHERE id = $1`,
      [taskId, startsAt],
    );
    for (const id of ids) await signups.recordAttendance(owner, id, { status: 'attended', hours });
  }

  beforeAll(async () => {
    world = await startServices([ReportsModule, VolunteeringModule]);
    let campId: string;
    ({ admin, owner, organizationId, campId } = await approvedOrganization(world));
    const { id: needId } = await need(world, owner, campId);
    const volunteers = await people(world, 'volunteer', 5);
    await attended(needId, '2025-01-10T09:00:00Z', volunteers, 3);
    await attended(needId, '2025-02-05T09:00:00Z', volunteers.slice(0, 3), 2);
  });

  afterAll(async () => {
    await world?.close();
  });

  it('shows the organisation’s members every count exactly', async () => {
    const summary = await world.get(ReportsService).organizationSummary(owner, organizationId, RANGE);
    expect(summary).toMatchObject({
      volunteerHours: 21,
      volunteers: 5,
      byMonth: [
        { month: '2025-01', volunteers: 5 },
        { month: '2025-02', volunteers: 3 },
      ],
    });
  });

  it('hides a month of fewer than 5 people from an admin, and the total that would give it away', async () => {
    const summary = await world.get(ReportsService).organizationSummary(admin, organizationId, RANGE);
    expect(summary).toMatchObject({
      // Hours are not about people and stay exact.
      volunteerHours: 21,
      volunteers: 'suppressed',
      byMonth: [
        { month: '2025-01', volunteers: 5 },
        { month: '2025-02', volunteers: '<5' },
      ],
    });
  });

  it('answers a coordinator of another organisation as if the organisation did not exist', async () => {
    const stranger = (await approvedOrganization(world)).owner;
    await expect(
      world.get(ReportsService).organizationSummary(stranger, organizationId, RANGE),
    ).rejects.toMatchObject({ status: 404 });
  });
});

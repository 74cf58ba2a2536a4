import { Actor } from '@haven/core';
import { NeedsModule, NeedsService, PledgesService } from '@haven/needs';
import { VolunteeringModule } from '@haven/volunteering';
import { approvedOrganization, need, people, person } from '../support/service-fixtures';
import { ServiceWorld, startServices } from '../support/services';

/**
 * The needs rules through the needs services alone: small-cell suppression of beneficiary counts
 * by viewer, and pledges that never exceed the quantity wanted, under concurrency.
 */
describe('needs: small-cell suppression and pledges (service)', () => {
  let world: ServiceWorld;
  let needs: NeedsService;
  let pledges: PledgesService;
  let owner: Actor;
  let organizationId: string;
  let campId: string;
  let outsiders: Actor[];

  const codeOf = (call: () => Promise<unknown>) =>
    Promise.resolve()
      .then(call)
      .then(
        () => 'ok',
        (error: { code?: string }) => error.code ?? String(error),
      );

  beforeAll(async () => {
    // Volunteering provides the ports needs reads through (who is signed up to a task).
    world = await startServices([NeedsModule, VolunteeringModule]);
    needs = world.get(NeedsService);
    pledges = world.get(PledgesService);
    let admin: Actor;
    ({ admin, owner, organizationId, campId } = await approvedOrganization(world));
    const other = await approvedOrganization(world);
    outsiders = [await person(world, 'volunteer'), other.owner, admin];
  });

  afterAll(async () => {
    await world?.close();
  });

  describe('small-cell suppression', () => {
    it('shows a small beneficiary count exactly to its organisation and as "<5" to everyone else', async () => {
      const created = await need(world, owner, campId, { beneficiaries: { count: 3, ageGroup: 'children' } });
      expect(created.beneficiaries).toEqual({ count: 3, ageGroup: 'children' });
      expect((await needs.get(owner, created.id)).beneficiaries).toEqual({ count: 3, ageGroup: 'children' });
      for (const viewer of outsiders) {
        expect((await needs.get(viewer, created.id)).beneficiaries).toEqual({
          count: '<5',
          ageGroup: 'children',
        });
        const listed = await needs.list(viewer, { organizationId }, { limit: 100 });
        expect(listed.items.find((item) => item.id === created.id)?.beneficiaries?.count).toBe('<5');
      }
    });

    it('uses 10 for health and psychosocial needs, and shows counts at the threshold', async () => {
      const cases: [Parameters<typeof need>[3], unknown][] = [
        [{ category: 'health', beneficiaries: { count: 7, ageGroup: 'adults' } }, '<10'],
        [{ category: 'psychosocial', beneficiaries: { count: 9, ageGroup: 'adults' } }, '<10'],
        [{ category: 'psychosocial', beneficiaries: { count: 10, ageGroup: 'adults' } }, 10],
        [{ category: 'education', beneficiaries: { count: 5, ageGroup: 'youth' } }, 5],
        [{ category: 'education', beneficiaries: { count: 4, ageGroup: 'youth' } }, '<5'],
      ];
      for (const [input, shown] of cases) {
        const created = await need(world, owner, campId, input);
        expect((await needs.get(outsiders[0], created.id)).beneficiaries?.count).toBe(shown);
        expect((await needs.get(owner, created.id)).beneficiaries?.count).toBe(input!.beneficiaries!.count);
      }
    });
  });

  describe('pledges', () => {
    it('never pledges more than wanted: 20 concurrent pledges of 1 for 10 items', async () => {
      const created = await need(world, owner, campId, {
        category: 'supplies',
        items: [{ name: 'Blankets', unit: 'piece', quantity: 10 }],
      });
      const [item] = created.items;
      const volunteers = await people(world, 'volunteer', 20);
      const outcomes = await Promise.all(
        volunteers.map((volunteer) => codeOf(() => pledges.pledge(volunteer, created.id, item.id, 1))),
      );
      expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(10);
      // Pledges run one after another under the need's lock: once full, the need is filled and closed to more.
      expect(outcomes.filter((outcome) => outcome === 'need_not_open')).toHaveLength(10);
      const after = await needs.get(owner, created.id);
      expect(after.items[0]).toEqual(expect.objectContaining({ quantity: 10, pledged: 10, remaining: 0 }));
      expect(after.status).toBe('filled');
    });

    it('refuses a pledge larger than what remains, and a cancelled pledge frees its quantity', async () => {
      const created = await need(world, owner, campId, {
        category: 'supplies',
        items: [{ name: 'Notebooks', unit: 'piece', quantity: 5 }],
      });
      const [item] = created.items;
      const [first, second] = await people(world, 'volunteer', 2);
      const held = await pledges.pledge(first, created.id, item.id, 4);
      expect(await codeOf(() => pledges.pledge(second, created.id, item.id, 2))).toBe('over_pledged');
      expect(await codeOf(() => pledges.pledge(owner, created.id, item.id, 1))).toBe('forbidden');
      await pledges.cancel(first, held.id);
      expect((await pledges.pledge(second, created.id, item.id, 5)).quantity).toBe(5);
      expect((await needs.get(owner, created.id)).items[0]).toEqual(
        expect.objectContaining({ pledged: 5, remaining: 0 }),
      );
      await needs.cancel(owner, created.id, 'No longer needed');
      expect(await codeOf(() => pledges.pledge(first, created.id, item.id, 1))).toBe('need_not_open');
    });
  });
});

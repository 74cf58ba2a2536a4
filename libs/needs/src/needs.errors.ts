import { CommonErrors, DomainError } from '@haven/core';

export const NeedErrors = {
  notMember: () =>
    CommonErrors.forbidden('Only coordinators of the organisation that posted this can change it.'),
  noOrganization: () =>
    CommonErrors.forbidden('Only coordinators of an approved organisation post needs and tasks.'),
  organizationNotApproved: (status: string) =>
    new DomainError(
      'organization_not_active',
      403,
      `The organisation is ${status}; only approved organisations post or change needs and tasks.`,
    ),
  needNotOpen: (status: string) =>
    new DomainError('need_not_open', 409, `The need is ${status}; it no longer takes this change.`),
  illegalTransition: (from: string, action: string) =>
    new DomainError('illegal_transition', 409, `A need that is ${from} cannot be ${action}.`),
  overPledged: (remaining: number) =>
    new DomainError(
      'over_pledged',
      409,
      remaining === 0
        ? 'This item is fully pledged already.'
        : `Only ${remaining} more of this item ${remaining === 1 ? 'is' : 'are'} wanted.`,
    ),
  pledgeNotLive: (status: string) =>
    new DomainError('illegal_transition', 409, `The pledge is ${status} already.`),
  itemHasPledges: (field: string) =>
    new DomainError(
      'item_has_pledges',
      409,
      'An item that was pledged cannot be removed, nor cut below what is pledged.',
      [{ field, message: 'has pledges; keep at least the pledged quantity' }],
    ),
  taskCancelled: () => new DomainError('task_cancelled', 409, 'The task is cancelled.'),
  taskStarted: () =>
    new DomainError('task_started', 409, 'The task has started; its time and capacity no longer change.'),
  movedIntoConflicts: (count: number) =>
    new DomainError(
      'move_conflicts',
      409,
      `${count} confirmed volunteer${count === 1 ? '' : 's'} could not keep their place at that time (another confirmed task, or a safeguarding clearance that ends first). Choose another time, or create a new task.`,
    ),
  safeguardingAfterSignups: () =>
    new DomainError(
      'safeguarding_after_signups',
      409,
      'Volunteers already hold places on this task; create a new task that requires safeguarding instead.',
      [{ field: 'requiresSafeguarding', message: 'cannot be turned on once volunteers hold places' }],
    ),
  capacityBelowConfirmed: (confirmed: number) =>
    new DomainError(
      'capacity_below_confirmed',
      409,
      `${confirmed} volunteers are confirmed; capacity cannot go below that.`,
      [{ field: 'capacity', message: `must be at least ${confirmed}, the confirmed volunteers` }],
    ),
};

import { CommonErrors, DomainError } from '@haven/core';

export const VolunteeringErrors = {
  volunteersOnly: () => CommonErrors.forbidden('Only volunteers sign up for tasks.'),
  alreadySignedUp: () =>
    new DomainError('already_signed_up', 409, 'You already hold a sign-up for this task.'),
  overlapping: (title: string) =>
    new DomainError(
      'overlapping_signup',
      409,
      `You are already confirmed for "${title}", which overlaps this task; withdraw from it first.`,
    ),
  taskCancelled: () => new DomainError('task_cancelled', 409, 'The task is cancelled; it takes no sign-ups.'),
  taskStarted: () => new DomainError('task_started', 409, 'The task has started; sign-ups are closed.'),
  taskNotStarted: () =>
    new DomainError('task_not_started', 409, 'Attendance is recorded once the task has started.'),
  notSignedUp: () => CommonErrors.notFound('sign-up'),
  illegalTransition: (from: string, action: string) =>
    new DomainError('illegal_transition', 409, `A sign-up that is ${from} cannot be ${action}.`),
  clearanceRequired: () =>
    new DomainError(
      'safeguarding_clearance_required',
      409,
      'This task requires safeguarding: the volunteer needs a clearance from your organisation that is valid on the day the task ends.',
    ),
  notAVolunteer: () => CommonErrors.notFound('volunteer'),
  clearanceRevoked: () =>
    new DomainError('clearance_revoked', 409, 'This safeguarding clearance is already revoked.'),
  unknownCamps: () =>
    CommonErrors.validation([{ field: 'campIds', message: 'contains a camp Haven does not know' }]),
  calendarNotFound: () => CommonErrors.notFound('calendar'),
};

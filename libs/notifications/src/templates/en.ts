import { NotificationEvent, OutboxEvent } from '@haven/core';
import { Facts } from './facts';

export interface Message {
  title: string;
  body: string;
}

/** A time as the people at the camp read it. */
export const when = (at: Date, timezone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: timezone, dateStyle: 'medium', timeStyle: 'short' }).format(
    at,
  ) + ` (${timezone})`;

const task = (facts: Facts) => (facts.task ? `"${facts.task.title}"` : 'a task');
const taskTime = (facts: Facts) =>
  facts.task ? ` on ${when(facts.task.startsAt, facts.task.timezone)}, ${facts.task.place}` : '';
const organization = (facts: Facts) => facts.organization?.name ?? 'Your organisation';
const day = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : 'soon');
const taskList = (facts: Facts) =>
  (facts.tasks ?? []).map((entry) => `\n• ${entry.title}, ${when(entry.startsAt, entry.timezone)}`).join('');
const volunteer = (facts: Facts) => facts.volunteer?.displayName ?? 'a volunteer';

/** English messages, one per event. Other languages add a file of the same shape. */
export const EN: Record<NotificationEvent, (facts: Facts) => Message> = {
  [OutboxEvent.OrganizationApproved]: (facts) => ({
    title: `${organization(facts)} is approved`,
    body: `${organization(facts)} has been vetted and approved on Haven. You can now post needs and tasks.`,
  }),
  [OutboxEvent.OrganizationRejected]: (facts) => ({
    title: `${organization(facts)} was not approved`,
    body: `Haven's vetting did not approve ${organization(facts)}. The decision and its reason are on the organisation's page.`,
  }),
  [OutboxEvent.OrganizationSuspended]: (facts) => ({
    title: `${organization(facts)} is suspended`,
    body: `${organization(facts)} has been suspended: its needs and tasks are hidden and nothing can be changed until it is reinstated.`,
  }),
  [OutboxEvent.OrganizationReinstated]: (facts) => ({
    title: `${organization(facts)} is reinstated`,
    body: `${organization(facts)} is approved again; its open needs and tasks are visible once more.`,
  }),
  [OutboxEvent.OrganizationReviewDue]: (facts) => ({
    title: 'Organisations are due for re-vetting',
    body: `${Number(facts.payload.count ?? 0)} organisation(s) have reached their review date. See the vetting queue.`,
  }),
  [OutboxEvent.OrganizationInvitation]: (facts) => ({
    title: `${organization(facts)} invites you to join`,
    body: `${organization(facts)} invites you to join it on Haven as a coordinator. Accept or decline under Invitations on Haven before ${day(facts.payload.expiresAt)}; you join only if you accept.`,
  }),
  [OutboxEvent.NeedCancelled]: (facts) => ({
    title: `Cancelled: ${facts.need?.title ?? 'a need'}`,
    body: `The need "${facts.need?.title ?? ''}" was cancelled, with its tasks and open pledges. Thank you for offering your help.`,
  }),
  [OutboxEvent.TaskChanged]: (facts) => ({
    title: `Changed: ${task(facts)}`,
    body: `${task(facts)} has moved. It is now${taskTime(facts)}.`,
  }),
  [OutboxEvent.TaskCancelled]: (facts) => ({
    title: `Cancelled: ${task(facts)}`,
    body: `${task(facts)}${taskTime(facts)} was cancelled. Your place is released.`,
  }),
  [OutboxEvent.SignupReceived]: (facts) => ({
    title: `New sign-up to review: ${task(facts)}`,
    body: `A volunteer signed up for ${task(facts)}${taskTime(facts)}. Review it on the task's sign-ups page.`,
  }),
  [OutboxEvent.SignupConfirmed]: (facts) => ({
    title: `You're confirmed: ${task(facts)}`,
    body: `Your place on ${task(facts)}${taskTime(facts)} is confirmed.`,
  }),
  [OutboxEvent.SignupWaitlisted]: (facts) => ({
    title: `You're on the waitlist: ${task(facts)}`,
    body: `${task(facts)}${taskTime(facts)} is full. You are on the waitlist and will be told if a place frees up.`,
  }),
  [OutboxEvent.SignupPromoted]: (facts) => ({
    title: `A place opened up: ${task(facts)}`,
    body: `You moved from the waitlist to confirmed for ${task(facts)}${taskTime(facts)}.`,
  }),
  [OutboxEvent.SignupDeclined]: (facts) => ({
    title: `Not this time: ${task(facts)}`,
    body: `The organisers could not take your sign-up for ${task(facts)}. Other tasks may fit you: see your recommendations.`,
  }),
  [OutboxEvent.SignupWithdrawn]: (facts) => ({
    title: `You withdrew: ${task(facts)}`,
    body: `You are no longer signed up for ${task(facts)}${taskTime(facts)}.`,
  }),
  [OutboxEvent.AttendanceRecorded]: (facts) => ({
    title: `Thank you: ${task(facts)}`,
    body:
      facts.payload.status === 'attended'
        ? `Your attendance at ${task(facts)} is recorded. Thank you for your time.`
        : `You were recorded as absent from ${task(facts)}. If that is wrong, contact the organisers.`,
  }),
  [OutboxEvent.SignupReminder]: (facts) => ({
    title: `Tomorrow: ${task(facts)}`,
    body: `A reminder: ${task(facts)} starts${taskTime(facts)}.`,
  }),
  [OutboxEvent.ClearanceRevoked]: (facts) => ({
    title: 'Your safeguarding clearance was revoked',
    body:
      `${organization(facts)} revoked the safeguarding clearance it had recorded for you. ` +
      (facts.tasks?.length
        ? `Your places on these tasks that need safeguarding are back under review:${taskList(facts)}`
        : 'None of your confirmed places changed.'),
  }),
  [OutboxEvent.ClearanceRevokedReview]: (facts) => ({
    title: `Safeguarding clearance revoked: ${volunteer(facts)}`,
    body:
      `The safeguarding clearance of ${volunteer(facts)} was revoked. ` +
      (facts.tasks?.length
        ? `Their confirmed places on these tasks went back to review, and the waitlists moved up:${taskList(facts)}`
        : 'They held no confirmed place on a task that needs safeguarding.'),
  }),
  [OutboxEvent.ClearanceExpiring]: (facts) => ({
    title: `Safeguarding clearance ends on ${day(facts.payload.validUntil)}`,
    body: `The safeguarding clearance that ${organization(facts)} recorded for ${volunteer(facts)} is valid until ${day(facts.payload.validUntil)}. After that day they cannot be confirmed for its tasks that need safeguarding until a new clearance is recorded.`,
  }),
  [OutboxEvent.Digest]: (facts) => ({
    title: `${facts.tasks?.length ?? 0} new task(s) that fit you`,
    body: (facts.tasks ?? [])
      .map((entry) => `• ${entry.title}, ${when(entry.startsAt, entry.timezone)}`)
      .join('\n'),
  }),
};

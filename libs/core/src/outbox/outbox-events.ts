/** Every event that notifies someone. The notifications context turns each into messages. */
export enum OutboxEvent {
  OrganizationApproved = 'organization.approved',
  OrganizationRejected = 'organization.rejected',
  OrganizationSuspended = 'organization.suspended',
  OrganizationReinstated = 'organization.reinstated',
  OrganizationReviewDue = 'organization.review_due',
  OrganizationInvitation = 'organization.invitation',
  NeedCancelled = 'need.cancelled',
  TaskChanged = 'task.changed',
  TaskCancelled = 'task.cancelled',
  SignupReceived = 'signup.received',
  SignupConfirmed = 'signup.confirmed',
  SignupWaitlisted = 'signup.waitlisted',
  SignupPromoted = 'signup.promoted',
  SignupDeclined = 'signup.declined',
  AttendanceRecorded = 'signup.attendance_recorded',
  SignupWithdrawn = 'signup.withdrawn',
  SignupReminder = 'signup.reminder',
  Digest = 'digest',
  /** Account mails: always e-mailed (whatever the preferences), never in the feed; the link is made at sending. */
  AccountVerifyEmail = 'account.verify_email',
  AccountPasswordReset = 'account.password_reset',
  /** A phone verification code: always by SMS, never in the feed; the code is made at sending. */
  AccountPhoneCode = 'account.phone_code',
  /** To the volunteer whose clearance an organisation revoked. */
  ClearanceRevoked = 'safeguarding.revoked',
  /** To the organisation's coordinators: places that went back to review after a revocation. */
  ClearanceRevokedReview = 'safeguarding.revoked_review',
  ClearanceExpiring = 'safeguarding.expiring',
  /** The account has not been used for a long time and will be anonymised unless its owner signs in. */
  AccountInactive = 'account.inactive',
}

interface OrganizationDecision {
  organizationId: string;
  /** The organisation's status after the decision. */
  status: string;
}
interface SignupChange {
  signupId: string;
  taskId: string;
  /** The sign-up's status after the change. */
  status: string;
}
interface ClearanceRevocation {
  clearanceId: string;
  organizationId: string;
  volunteerId: string;
  /** Places that went back to review, and their tasks. */
  signupIds: string[];
  taskIds: string[];
}

/**
 * The one map from event type to payload type: the writer accepts a row only with its event's
 * payload, and the reader hands rows out as a union discriminated by `type`. Payloads carry ids
 * and non-personal facts only; the notifier reads the rest, fresh, from the owning contexts.
 */
export interface OutboxPayloads {
  [OutboxEvent.OrganizationApproved]: OrganizationDecision;
  [OutboxEvent.OrganizationRejected]: OrganizationDecision;
  [OutboxEvent.OrganizationSuspended]: OrganizationDecision;
  [OutboxEvent.OrganizationReinstated]: OrganizationDecision;
  [OutboxEvent.OrganizationReviewDue]: { organizationIds: string[]; count: number };
  [OutboxEvent.OrganizationInvitation]: { invitationId: string; organizationId: string; expiresAt: string };
  [OutboxEvent.NeedCancelled]: { needId: string; organizationId: string };
  [OutboxEvent.TaskChanged]: { taskId: string; needId: string; change?: 'place' };
  [OutboxEvent.TaskCancelled]: { taskId: string; needId: string };
  [OutboxEvent.SignupReceived]: { signupId: string; taskId: string };
  [OutboxEvent.SignupConfirmed]: SignupChange;
  [OutboxEvent.SignupWaitlisted]: SignupChange;
  [OutboxEvent.SignupPromoted]: SignupChange;
  [OutboxEvent.SignupDeclined]: SignupChange;
  [OutboxEvent.AttendanceRecorded]: SignupChange;
  [OutboxEvent.SignupWithdrawn]: SignupChange;
  [OutboxEvent.SignupReminder]: { signupId: string; taskId: string };
  [OutboxEvent.Digest]: { taskIds: string[]; frequency: 'daily' | 'weekly' };
  [OutboxEvent.AccountVerifyEmail]: { tokenId: string };
  [OutboxEvent.AccountPasswordReset]: { tokenId: string };
  [OutboxEvent.AccountPhoneCode]: { challengeId: string };
  [OutboxEvent.ClearanceRevoked]: ClearanceRevocation;
  [OutboxEvent.ClearanceRevokedReview]: ClearanceRevocation;
  [OutboxEvent.ClearanceExpiring]: {
    clearanceId: string;
    organizationId: string;
    volunteerId: string;
    /** YYYY-MM-DD */
    validUntil: string;
  };
  [OutboxEvent.AccountInactive]: { deleteOn: string };
}

export type OutboxPayload<E extends OutboxEvent = OutboxEvent> = OutboxPayloads[E];

/** What a context writes: an event and its own payload type. */
export interface OutboxRecord<E extends OutboxEvent = OutboxEvent> {
  /** A fixed id makes the write idempotent: a job that runs twice writes one row. */
  id?: string;
  type: E;
  recipientIds: string[];
  payload: OutboxPayloads[E];
}

/** A row as the notifier reads it: narrowing `type` narrows `payload`. */
export type OutboxRow = {
  [E in OutboxEvent]: { id: string; type: E; recipientIds: string[]; payload: OutboxPayloads[E] };
}[OutboxEvent];

export const ACCOUNT_EVENTS: readonly OutboxEvent[] = [
  OutboxEvent.AccountVerifyEmail,
  OutboxEvent.AccountPasswordReset,
];

/** Events that become notifications (feed and e-mail by preference). */
export type NotificationEvent = Exclude<
  OutboxEvent,
  OutboxEvent.AccountVerifyEmail | OutboxEvent.AccountPasswordReset | OutboxEvent.AccountPhoneCode
>;

export type NotificationRow = Extract<OutboxRow, { type: NotificationEvent }>;

const KNOWN_EVENTS = new Set<string>(Object.values(OutboxEvent));

export const isOutboxEvent = (type: string): type is OutboxEvent => KNOWN_EVENTS.has(type);

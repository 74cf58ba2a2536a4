import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

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

export const ACCOUNT_EVENTS: readonly OutboxEvent[] = [
  OutboxEvent.AccountVerifyEmail,
  OutboxEvent.AccountPasswordReset,
];

/** Events that become notifications (feed and e-mail by preference). */
export type NotificationEvent = Exclude<
  OutboxEvent,
  OutboxEvent.AccountVerifyEmail | OutboxEvent.AccountPasswordReset | OutboxEvent.AccountPhoneCode
>;

export interface OutboxRecord {
  /** A fixed id makes the write idempotent: a job that runs twice writes one row. */
  id?: string;
  type: OutboxEvent;
  recipientIds: string[];
  payload: Record<string, string | number | boolean | null | string[]>;
}

/**
 * Writes an outbox row in the caller's transaction, so a notification exists if and only if the
 * state change it announces committed. Contexts call this; none of them knows the notifier.
 */
@Injectable()
export class OutboxWriter {
  async write(manager: EntityManager, record: OutboxRecord): Promise<void> {
    if (record.recipientIds.length === 0) return;
    await manager.query(
      `INSERT INTO outbox (id, event_type, recipient_ids, payload)
       VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
      [record.id ?? null, record.type, [...new Set(record.recipientIds)], JSON.stringify(record.payload)],
    );
  }
}

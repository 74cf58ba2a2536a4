import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxMessageEntity } from './outbox-message.entity';

/** Every event that notifies someone. The notifications context turns each into messages. */
export enum OutboxEvent {
  OrganizationApproved = 'organization.approved',
  OrganizationRejected = 'organization.rejected',
  OrganizationSuspended = 'organization.suspended',
  OrganizationReinstated = 'organization.reinstated',
  OrganizationReviewDue = 'organization.review_due',
  NeedCancelled = 'need.cancelled',
  TaskChanged = 'task.changed',
  TaskCancelled = 'task.cancelled',
  SignupReceived = 'signup.received',
  SignupConfirmed = 'signup.confirmed',
  SignupWaitlisted = 'signup.waitlisted',
  SignupPromoted = 'signup.promoted',
  SignupDeclined = 'signup.declined',
  AttendanceRecorded = 'signup.attendance_recorded',
}

export interface OutboxRecord {
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
    const message = manager.create(OutboxMessageEntity, {
      eventType: record.type,
      recipientIds: [...new Set(record.recipientIds)],
    });
    message.payload = record.payload;
    await manager.save(message);
  }
}

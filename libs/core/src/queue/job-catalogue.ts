/** Every queue Haven runs. Only apps/worker registers processors for them. */
export enum QueueName {
  System = 'system',
  Notifications = 'notifications',
}

/** Every job Haven runs, each on exactly one queue with one payload type. */
export enum JobName {
  Heartbeat = 'heartbeat',
  ReviewsDue = 'organizations.reviews-due',
  /** Daily: warns of safeguarding clearances that end within 30 days, once per clearance. */
  ClearanceExpiryWarnings = 'safeguarding.expiry-warnings',
  /** Turns a batch of outbox rows into notifications and their deliveries; the job id is the first row's. */
  Deliver = 'notifications.deliver',
  /** A confirmed volunteer's reminder, delayed until 24 hours before the task. */
  Reminder = 'notifications.reminder',
  /** Recreates reminder jobs from PostgreSQL (Redis holds nothing that cannot be rebuilt). */
  RemindersSweep = 'notifications.reminders-sweep',
  Digest = 'notifications.digest',
  /** Daily: warns, then anonymises, long-inactive accounts; deletes old notifications and delivery errors. */
  Retention = 'privacy.retention',
  /** Sends the texts held through their recipients' quiet hours once those have ended. */
  SmsRelease = 'notifications.sms-release',
}

export interface JobPayloads {
  [JobName.Heartbeat]: { requestedAt: string };
  [JobName.ReviewsDue]: Record<string, never>;
  [JobName.ClearanceExpiryWarnings]: Record<string, never>;
  [JobName.Deliver]: { outboxIds: string[] };
  [JobName.Reminder]: { signupId: string; startsAt: string };
  [JobName.RemindersSweep]: Record<string, never>;
  [JobName.Digest]: { frequency: 'daily' | 'weekly' };
  [JobName.Retention]: Record<string, never>;
  [JobName.SmsRelease]: Record<string, never>;
}

export const JOB_QUEUE: { [name in JobName]: QueueName } = {
  [JobName.Heartbeat]: QueueName.System,
  [JobName.ReviewsDue]: QueueName.System,
  [JobName.ClearanceExpiryWarnings]: QueueName.System,
  [JobName.Deliver]: QueueName.Notifications,
  [JobName.Reminder]: QueueName.Notifications,
  [JobName.RemindersSweep]: QueueName.Notifications,
  [JobName.Digest]: QueueName.Notifications,
  [JobName.Retention]: QueueName.System,
  [JobName.SmsRelease]: QueueName.Notifications,
};

/** Redis key where the worker records its last heartbeat (ISO time), read by the API's readiness details. */
export const WORKER_HEARTBEAT_KEY = 'worker:heartbeat';

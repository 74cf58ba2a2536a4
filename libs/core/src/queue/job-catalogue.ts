/** Every queue Haven runs. Only apps/worker registers processors for them. */
export enum QueueName {
  System = 'system',
}

/** Every job Haven runs, each on exactly one queue with one payload type. */
export enum JobName {
  Heartbeat = 'heartbeat',
  ReviewsDue = 'organizations.reviews-due',
}

export interface JobPayloads {
  [JobName.Heartbeat]: { requestedAt: string };
  [JobName.ReviewsDue]: Record<string, never>;
}

export const JOB_QUEUE: { [name in JobName]: QueueName } = {
  [JobName.Heartbeat]: QueueName.System,
  [JobName.ReviewsDue]: QueueName.System,
};

/** Redis key where the worker records its last heartbeat (ISO time), read by the API's readiness details. */
export const WORKER_HEARTBEAT_KEY = 'worker:heartbeat';

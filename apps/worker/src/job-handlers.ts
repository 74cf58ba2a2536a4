import { Job } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from '@haven/core';

export type JobHandlers<N extends JobName> = {
  [name in N]: (job: Job<JobPayloads[name]>) => Promise<unknown>;
};

export interface ProcessorClass {
  name: string;
  handles: readonly JobName[];
}

/**
 * The worker refuses to start unless every job of the catalogue has exactly one handler, on the
 * queue the catalogue puts it on: a job nobody handles would wait forever.
 */
export function checkJobCoverage(processors: { processor: ProcessorClass; queue: QueueName }[]): void {
  const problems: string[] = [];
  for (const name of Object.values(JobName)) {
    const owners = processors.filter(({ processor }) => processor.handles.includes(name));
    if (owners.length === 0) problems.push(`job ${name} has no handler`);
    if (owners.length > 1) problems.push(`job ${name} has ${owners.length} handlers`);
    for (const owner of owners) {
      if (owner.queue !== JOB_QUEUE[name]) {
        problems.push(`job ${name} is handled on ${owner.queue} but queued on ${JOB_QUEUE[name]}`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`Job catalogue is not covered: ${problems.join('; ')}`);
}

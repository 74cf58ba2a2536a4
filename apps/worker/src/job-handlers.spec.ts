import { JOB_QUEUE, JobName, QueueName } from '@haven/core';
import { checkJobCoverage } from './job-handlers';

/** One processor per queue, handling exactly that queue's jobs. */
const correct = Object.values(QueueName).map((queue) => ({
  processor: { name: queue, handles: Object.values(JobName).filter((name) => JOB_QUEUE[name] === queue) },
  queue,
}));

describe('checkJobCoverage', () => {
  it('accepts one handler per job on its queue', () => {
    expect(() => checkJobCoverage(correct)).not.toThrow();
  });

  it('refuses a job without a handler', () => {
    const missing = correct.map(({ processor, queue }) => ({
      processor: { ...processor, handles: processor.handles.filter((name) => name !== JobName.Heartbeat) },
      queue,
    }));
    expect(() => checkJobCoverage(missing)).toThrow(/job heartbeat has no handler/);
  });

  it('refuses a job with two handlers', () => {
    const twice = { name: 'Twice', handles: [JobName.Heartbeat] };
    expect(() => checkJobCoverage([...correct, { processor: twice, queue: QueueName.System }])).toThrow(
      /job heartbeat has 2 handlers/,
    );
  });

  it('refuses a job handled on another queue than the one it is queued on', () => {
    const astray = correct.map(({ processor }) => ({ processor, queue: QueueName.System }));
    expect(() => checkJobCoverage(astray)).toThrow(/job notifications.deliver is handled on system/);
  });
});

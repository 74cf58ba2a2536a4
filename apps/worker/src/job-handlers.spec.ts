import { JobName, QueueName } from '@haven/core';
import { checkJobCoverage } from './job-handlers';

describe('checkJobCoverage', () => {
  const heartbeat = { name: 'A', handles: [JobName.Heartbeat] };

  it('accepts one handler per job on its queue', () => {
    expect(() => checkJobCoverage([{ processor: heartbeat, queue: QueueName.System }])).not.toThrow();
  });

  it('refuses a job without a handler', () => {
    expect(() => checkJobCoverage([])).toThrow(/heartbeat has no handler/);
  });

  it('refuses a job with two handlers', () => {
    const twice = { name: 'B', handles: [JobName.Heartbeat] };
    expect(() =>
      checkJobCoverage([
        { processor: heartbeat, queue: QueueName.System },
        { processor: twice, queue: QueueName.System },
      ]),
    ).toThrow(/heartbeat has 2 handlers/);
  });
});

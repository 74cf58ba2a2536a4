import { JobName, QueueName } from '@haven/core';
import { checkJobCoverage } from './job-handlers';

describe('checkJobCoverage', () => {
  const everything = { name: 'All', handles: Object.values(JobName) };
  const allButHeartbeat = {
    name: 'Most',
    handles: Object.values(JobName).filter((name) => name !== JobName.Heartbeat),
  };

  it('accepts one handler per job on its queue', () => {
    expect(() => checkJobCoverage([{ processor: everything, queue: QueueName.System }])).not.toThrow();
  });

  it('refuses a job without a handler', () => {
    expect(() => checkJobCoverage([{ processor: allButHeartbeat, queue: QueueName.System }])).toThrow(
      /job heartbeat has no handler/,
    );
  });

  it('refuses a job with two handlers', () => {
    const twice = { name: 'Twice', handles: [JobName.Heartbeat] };
    expect(() =>
      checkJobCoverage([
        { processor: everything, queue: QueueName.System },
        { processor: twice, queue: QueueName.System },
      ]),
    ).toThrow(/job heartbeat has 2 handlers/);
  });
});

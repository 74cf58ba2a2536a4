import { SharedReads } from './shared-reads';

/** A read of the versions that the test answers by hand, recording what was asked. */
function manualReads() {
  const sent: { keys: string[]; answer(versions: Record<string, string>): void; fail(): void }[] = [];
  const reads = new SharedReads<string>(
    (keys) =>
      new Promise((resolve, reject) =>
        sent.push({
          keys,
          answer: (versions) => resolve(new Map(Object.entries(versions))),
          fail: () => reject(new Error('database unavailable')),
        }),
      ),
  );
  return { reads, sent };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedReads', () => {
  it('sends one read for the requests of one turn of the event loop', async () => {
    const { reads, sent } = manualReads();
    const first = reads.read(['all', 'tasks']);
    const second = reads.read(['all', 'needs']);
    expect(sent).toHaveLength(0); // not before the turn's other requests have asked
    await flush();
    expect(sent.map((read) => read.keys)).toEqual([['all', 'tasks', 'needs']]);
    sent[0].answer({ all: '1', tasks: '7' });
    expect(await second).toBe(await first);
  });

  it('answers each request from the read it joined', async () => {
    const { reads, sent } = manualReads();
    const first = reads.read(['all', 'tasks']);
    await flush();
    expect(sent.map((read) => read.keys)).toEqual([['all', 'tasks']]);
    sent[0].answer({ all: '1', tasks: '7' });
    expect(await first).toEqual(
      new Map([
        ['all', '1'],
        ['tasks', '7'],
      ]),
    );
  });

  it('never answers a request from a read sent before it came', async () => {
    const { reads, sent } = manualReads();
    const early = reads.read(['all']);
    await flush();
    // These arrive while the first read is on its way: they wait for the next.
    const late = [reads.read(['all', 'tasks']), reads.read(['all', 'camp:x'])];
    await flush();
    expect(sent).toHaveLength(1);
    sent[0].answer({ all: '1' });
    expect(await early).toEqual(new Map([['all', '1']]));
    await flush();
    expect(sent).toHaveLength(2);
    expect(sent[1].keys.sort()).toEqual(['all', 'camp:x', 'tasks']);
    sent[1].answer({ all: '2', tasks: '3' });
    for (const versions of await Promise.all(late)) expect(versions.get('all')).toBe('2');
  });

  it('reads alone again when nothing is waiting', async () => {
    const { reads, sent } = manualReads();
    const first = reads.read(['all']);
    await flush();
    sent[0].answer({ all: '1' });
    await first;
    const second = reads.read(['needs']);
    await flush();
    expect(sent[1].keys).toEqual(['needs']);
    sent[1].answer({ needs: '4' });
    expect(await second).toEqual(new Map([['needs', '4']]));
  });

  it('fails only the requests of a failed read, and goes on with the next', async () => {
    const { reads, sent } = manualReads();
    const failing = reads.read(['all']);
    await flush();
    const after = reads.read(['all']);
    sent[0].fail();
    await expect(failing).rejects.toThrow('database unavailable');
    await flush();
    sent[1].answer({ all: '5' });
    expect(await after).toEqual(new Map([['all', '5']]));
  });
});

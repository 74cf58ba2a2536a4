import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { TurnBatchedLines } from './turn-batched-lines';

async function fileDestination() {
  const file = join(mkdtempSync(join(tmpdir(), 'haven-log-')), 'log.jsonl');
  const target = pino.destination({ dest: file, sync: false });
  await once(target, 'ready');
  return { file, target };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('TurnBatchedLines', () => {
  it("hands a turn's lines to the destination in one write, in order", async () => {
    const { file, target } = await fileDestination();
    const writes = jest.spyOn(target, 'write');
    const lines = new TurnBatchedLines(target);
    const logger = pino({ base: null }, lines);
    for (let n = 0; n < 50; n++) logger.info({ n }, 'line');
    expect(writes).not.toHaveBeenCalled();
    await turn();
    expect(writes).toHaveBeenCalledTimes(1);
    logger.info({ n: 50 }, 'line');
    await turn();
    expect(writes).toHaveBeenCalledTimes(2);
    lines.flushSync();
    const written = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { n: number });
    expect(written.map((line) => line.n)).toEqual([...Array(51).keys()]);
  });

  it('writes what waits when flushed synchronously, as on exit', async () => {
    const { file, target } = await fileDestination();
    const lines = new TurnBatchedLines(target);
    const logger = pino({ base: null }, lines);
    logger.info('the last words');
    lines.flushSync();
    expect(readFileSync(file, 'utf8')).toContain('the last words');
  });
});

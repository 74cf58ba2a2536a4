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
const numbers = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { n: number }).n);

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
    // Written asynchronously: wait for all 51, then check their order.
    for (let wait = 0; wait < 200 && readFileSync(file, 'utf8').split('\n').length <= 51; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(numbers(file)).toEqual([...Array(51).keys()]);
  });

  it('writes what waits before returning when flushed synchronously, as on exit', async () => {
    const { file, target } = await fileDestination();
    const lines = new TurnBatchedLines(target);
    const logger = pino({ base: null }, lines);
    logger.info({ n: 1 }, 'the last words');
    lines.flushSync();
    expect(numbers(file)).toEqual([1]);
  });
});

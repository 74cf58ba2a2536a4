import { Writable } from 'node:stream';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { safeError, safeErrorMessage, sqlState, withoutRequestContent } from './safe-error';

/** A database error as pg and TypeORM raise it: the SQL, its parameters, and a detail quoting them. */
function failedInsert() {
  const driverError = Object.assign(new Error('invalid input syntax for type uuid: "Private words"'), {
    code: '22P02',
    severity: 'ERROR',
    detail: 'Failing row contains (Private words, 0791234567).',
    routine: 'string_to_uuid',
    table: 'tasks',
  });
  return new QueryFailedError('INSERT INTO tasks (title) VALUES ($1)', ['Private words'], driverError);
}

describe('safe error logging (API and worker share the logger)', () => {
  it('keeps the SQLSTATE and where, never the SQL, parameters, message or detail', () => {
    const error = failedInsert();
    const safe = safeError(error);
    expect(safe).toEqual(
      expect.objectContaining({
        type: 'QueryFailedError',
        code: '22P02',
        routine: 'string_to_uuid',
        table: 'tasks',
      }),
    );
    expect(JSON.stringify(safe)).not.toMatch(/Private|0791234567|INSERT/);
    expect(sqlState(error)).toBe('22P02');
    expect(safeErrorMessage(error)).toBe('QueryFailedError 22P02');
  });

  it('gives failed jobs an error without request content (BullMQ keeps it in Redis)', () => {
    const replaced = withoutRequestContent(failedInsert()) as Error;
    expect(replaced.message).toBe('QueryFailedError 22P02');
    expect(`${replaced.message}${replaced.stack}`).not.toMatch(/Private|INSERT/);
    const other = new Error('not a database error');
    expect(withoutRequestContent(other)).toBe(other);
  });

  it('is the serializer of `err` in log lines, so no call site can leak one', () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ serializers: { err: safeError } }, stream);
    logger.error({ err: failedInsert() }, 'relay failed');
    logger.error({ err: new Error('plain failure'), cause: 'x' }, 'other');
    expect(lines.join('')).not.toMatch(/Private|0791234567|INSERT/);
    expect(lines.join('')).toContain('plain failure');
  });
});

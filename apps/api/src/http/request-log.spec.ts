import { Writable } from 'node:stream';
import pino from 'pino';
import { quietBootChatter, redaction } from '@haven/core';
import { writeInfoLine } from './request-log';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  // As HavenLoggerModule makes the API's logger.
  const logger = pino({ ...redaction, name: 'api', hooks: { logMethod: quietBootChatter } }, stream);
  return { logger, lines };
}

const withoutTime = (line: string) => line.replace(/"time":\d+/, '"time":0');

describe('the request line', () => {
  const requests = [
    {
      id: 'c0f5752c-5641-4f84-bc9e-87b5ca98f075',
      method: 'GET',
      url: '/api/v1/tasks?limit=20',
      ip: '127.0.0.1',
    },
    // Escaped characters, a secret parameter redacted, no address (a socket already gone).
    { id: 'trace-0123456789', method: 'POST', url: '/api/v1/x?token=abc&q="é\\\n"', ip: undefined },
  ];

  it.each(requests)('is written as pino writes it: $url', (request) => {
    const { logger, lines } = capture();
    writeInfoLine(logger, request as never, 201, 3, 'request completed');
    logger.info({ req: request, res: { statusCode: 201 }, responseTime: 3 }, 'request completed');
    expect(lines).toHaveLength(2);
    expect(withoutTime(lines[0])).toBe(withoutTime(lines[1]));
    expect(JSON.parse(lines[0])).toMatchObject({ level: 30, name: 'api', res: { statusCode: 201 } });
    expect(lines[0]).not.toContain('abc');
  });

  it('carries a child logger’s bindings, as pino does', () => {
    const { logger, lines } = capture();
    const child = logger.child({ context: 'Requests' });
    writeInfoLine(child, requests[0] as never, 200, 0, 'request aborted');
    child.info({ req: requests[0], res: { statusCode: 200 }, responseTime: 0 }, 'request aborted');
    expect(withoutTime(lines[0])).toBe(withoutTime(lines[1]));
    expect(JSON.parse(lines[0])).toMatchObject({ context: 'Requests', msg: 'request aborted' });
  });
});

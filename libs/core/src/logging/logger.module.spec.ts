import pino from 'pino';
import { Writable } from 'node:stream';
import { REDACTED_PATHS, redactUrl } from './logger.module';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ redact: { paths: REDACTED_PATHS, censor: '[Redacted]' } }, stream), lines };
}

describe('log redaction', () => {
  it('never writes credentials, tokens or bodies', () => {
    const { logger, lines } = capture();
    logger.info({
      req: {
        headers: { authorization: 'Bearer abc.def.ghi', cookie: 'session=xyz' },
        body: { note: 'private words' },
      },
      dto: { password: 'hunter2hunter2', refreshToken: 'r-token-value' },
      accessToken: 'a-token-value',
    });
    const line = lines.join('');
    for (const secret of [
      'abc.def.ghi',
      'session=xyz',
      'private words',
      'hunter2hunter2',
      'r-token-value',
      'a-token-value',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[Redacted]');
  });

  it('strips tokens from logged URLs and keeps the rest', () => {
    expect(redactUrl('/api/v1/me/calendar.ics?token=secret123&x=1')).toBe(
      '/api/v1/me/calendar.ics?token=[Redacted]&x=1',
    );
    expect(redactUrl('/api/v1/needs?q=water')).toBe('/api/v1/needs?q=water');
  });
});

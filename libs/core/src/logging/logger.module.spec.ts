import pino from 'pino';
import { Writable } from 'node:stream';
import { loadConfig } from '../config/app-config';
import { prettyTransport, quietBootChatter, redaction, redactUrl } from './logger.module';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino(redaction, stream), lines };
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

  it('redacts secret fields at the top and one level down, and leaves other objects untouched', () => {
    const { logger, lines } = capture();
    logger.child({ context: 'Auth' }).info({ password: 'p-value', account: { token: 't-value', id: 'a1' } });
    const entry = { dto: { title: 'Water', count: 3 } };
    logger.info(entry, 'two');
    const [one, two] = lines.map((line) => JSON.parse(line));
    expect(one).toMatchObject({
      context: 'Auth',
      account: { token: '[Redacted]', id: 'a1' },
      password: '[Redacted]',
    });
    expect(two.dto).toEqual({ title: 'Water', count: 3 });
    expect(entry.dto).toEqual({ title: 'Water', count: 3 });
  });

  it('keeps what an object writes of itself (toJSON), and reads own fields only', () => {
    const { logger, lines } = capture();
    class Account {
      constructor(
        readonly token: string,
        readonly secretHash: string,
      ) {}
      toJSON() {
        return { kind: 'account' };
      }
    }
    const inherited = Object.create({ dto: { password: 'inherited-value' } }) as object;
    logger.info({ account: new Account('t-value', 'h-value'), currentPassword: 'c-value' }, 'one');
    logger.info(inherited, 'two');
    const [one, two] = lines.map((line) => JSON.parse(line));
    expect(one).toMatchObject({ account: { kind: 'account' }, currentPassword: '[Redacted]' });
    expect(lines.join('')).not.toMatch(/t-value|h-value|c-value/);
    expect(two.dto).toBeUndefined();
  });

  it('strips tokens from logged URLs and keeps the rest', () => {
    expect(redactUrl('/admin/link?token=secret123&x=1')).toBe('/admin/link?token=[Redacted]&x=1');
    expect(redactUrl('/admin/link?%74oken=secret123&x=1')).toBe('/admin/link?%74oken=[Redacted]&x=1');
    expect(redactUrl('/admin/link?%E0%A4%A=secret123')).toBe('/admin/link?[Redacted]');
    expect(redactUrl('/api/v1/needs?q=water')).toBe('/api/v1/needs?q=water');
    expect(redactUrl('/admin/link?x=1&My_Token=a&TOKEN=b&+token=c')).toBe(
      '/admin/link?x=1&My_Token=a&TOKEN=[Redacted]&+token=[Redacted]',
    );
  });

  it("redacts the calendar feed's whole query string, however it is encoded", () => {
    for (const query of [
      'token=secret123',
      '%74oken=secret123',
      '%74%6F%6B%65%6E=secret123',
      'x=1&TOKEN=secret123',
    ]) {
      expect(redactUrl(`/api/v1/me/calendar.ics?${query}`)).toBe('/api/v1/me/calendar.ics?[Redacted]');
    }
    expect(redactUrl('/api/v1/me/calendar%2Eics?token=secret123')).toBe(
      '/api/v1/me/calendar%2Eics?[Redacted]',
    );
  });
});

describe('start-up output', () => {
  function capture(level: string) {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    return { logger: pino({ level, hooks: { logMethod: quietBootChatter } }, stream), lines };
  }

  it("moves Nest's per-module and per-route lines to debug, and keeps the rest", () => {
    const info = capture('info');
    info.logger.info({ context: 'RouterExplorer' }, 'Mapped {/api/v1/needs, GET} route');
    info.logger.info({ context: 'InstanceLoader' }, 'ApiModule dependencies initialized');
    info.logger.info({ context: 'Haven' }, 'Haven API listening');
    info.logger.warn({ context: 'RouterExplorer' }, 'a warning stays a warning');
    expect(info.lines.map((line) => JSON.parse(line).msg)).toEqual([
      'Haven API listening',
      'a warning stays a warning',
    ]);

    const debug = capture('debug');
    debug.logger.info({ context: 'RouterExplorer' }, 'Mapped {/api/v1/needs, GET} route');
    expect(debug.lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: 20,
        context: 'RouterExplorer',
        msg: 'Mapped {/api/v1/needs, GET} route',
      }),
    ]);
  });

  it('is readable lines at a terminal in development, JSON everywhere else', () => {
    const development = loadConfig({ NODE_ENV: 'development', JWT_SECRET: 'x'.repeat(40) });
    const test = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) });
    expect(prettyTransport(development, 'api', true)).toEqual(
      expect.objectContaining({
        target: 'pino-pretty',
        options: expect.objectContaining({ singleLine: true }),
      }),
    );
    expect(prettyTransport(development, 'api', false)).toBeUndefined();
    expect(prettyTransport(test, 'api', true)).toBeUndefined();
  });
});

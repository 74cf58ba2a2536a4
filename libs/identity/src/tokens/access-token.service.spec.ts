import * as jwt from 'jsonwebtoken';
import { loadConfig } from '@haven/core';
import { AccessTokenService } from './access-token.service';

const SECRET = 'a test signing secret that is long enough for HS256';
const tokens = () => new AccessTokenService(loadConfig({ JWT_SECRET: SECRET, NODE_ENV: 'test' }));
const options = { issuer: 'haven', audience: 'haven-api', subject: 'user-1' } as const;

describe('AccessTokenService.verify', () => {
  afterEach(() => jest.useRealTimers());

  it('gives the claims of a token it signed, the same when asked again', () => {
    const service = tokens();
    const token = service.sign({ sub: 'user-1', role: 'volunteer', sid: 'session-1' });
    const claims = { sub: 'user-1', role: 'volunteer', sid: 'session-1' };
    expect(service.verify(token)).toEqual(claims);
    expect(service.verify(token)).toEqual(claims);
  });

  it('refuses a remembered token once it expires', () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T12:00:00Z') });
    const service = tokens();
    const token = service.sign({ sub: 'user-1', role: 'volunteer' });
    expect(service.verify(token)).not.toBeNull();
    jest.setSystemTime(new Date('2026-11-30T12:14:59Z'));
    expect(service.verify(token)).not.toBeNull();
    jest.setSystemTime(new Date('2026-11-30T12:15:00Z'));
    expect(service.verify(token)).toBeNull();
  });

  it.each([
    [
      'another key',
      () => jwt.sign({ role: 'admin' }, 'another secret that is long enough for HS256', options),
    ],
    ['another issuer', () => jwt.sign({ role: 'admin' }, SECRET, { ...options, issuer: 'elsewhere' })],
    ['another audience', () => jwt.sign({ role: 'admin' }, SECRET, { ...options, audience: 'other' })],
    ['another algorithm', () => jwt.sign({ role: 'admin' }, SECRET, { ...options, algorithm: 'HS512' })],
    ['no algorithm', () => jwt.sign({ role: 'admin' }, '', { ...options, algorithm: 'none' })],
    ['no expiry', () => jwt.sign({ role: 'admin' }, SECRET, options)],
    [
      'no subject',
      () => jwt.sign({ role: 'admin' }, SECRET, { issuer: 'haven', audience: 'haven-api', expiresIn: 60 }),
    ],
    ['an expired one', () => jwt.sign({ role: 'admin' }, SECRET, { ...options, expiresIn: -1 })],
    ['no token at all', () => 'not.a.token'],
  ])('refuses %s, asked twice', (_name, make) => {
    const service = tokens();
    const token = make();
    expect(service.verify(token)).toBeNull();
    expect(service.verify(token)).toBeNull();
  });

  it('refuses a token changed by one character after the original was remembered', () => {
    const service = tokens();
    const token = service.sign({ sub: 'user-1', role: 'volunteer' });
    expect(service.verify(token)).not.toBeNull();
    // A character inside the signature (the last one may only carry padding bits).
    const at = token.length - 10;
    const changed = token[at] === 'A' ? 'B' : 'A';
    expect(service.verify(`${token.slice(0, at)}${changed}${token.slice(at + 1)}`)).toBeNull();
  });
});

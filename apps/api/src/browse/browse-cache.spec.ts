import { acceptsGzip } from './browse-cache';

describe('acceptsGzip', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1.0, GZIP;q=0.5', true],
    ['x-gzip', true],
    [['deflate', 'gzip'], true],
    [undefined, false],
    ['', false],
    ['identity', false],
    ['br, deflate', false],
    ['gzip;q=0', false],
    ['gzip; q=0.0, identity', false],
    ['gzipped', false],
  ])('%j → %s', (header, accepted) => {
    expect(acceptsGzip(header as string | string[] | undefined)).toBe(accepted);
  });
});

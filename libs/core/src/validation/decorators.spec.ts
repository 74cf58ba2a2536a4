import { canonicalLanguageTag } from './decorators';

describe('canonicalLanguageTag', () => {
  it.each([
    ['en', 'en'],
    ['en-gb', 'en-GB'],
    ['AR', 'ar'],
    ['ku-latn', 'ku-Latn'],
    ['ckb', 'ckb'],
    ['ckb-IQ', 'ckb-IQ'],
    ['es-419', 'es-419'],
    ['iw', 'he'],
  ])('canonicalises %s to %s', (input, expected) => {
    expect(canonicalLanguageTag(input)).toBe(expected);
  });

  it.each([
    '',
    'english',
    'e',
    'en_GB',
    '12',
    'x'.repeat(40),
    42,
    null,
    'ar-x-amira-age12-tent4',
    'en-u-ca-gregory',
    'de-t-en',
    'ar-amira',
    'sl-rozaj',
    'x-private',
  ])('refuses %p', (input) => {
    expect(canonicalLanguageTag(input)).toBeNull();
  });
});

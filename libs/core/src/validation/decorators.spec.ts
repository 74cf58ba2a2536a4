import { canonicalLanguageTag } from './decorators';

describe('canonicalLanguageTag', () => {
  it.each([
    ['en', 'en'],
    ['en-gb', 'en-GB'],
    ['AR', 'ar'],
    ['ku-latn', 'ku-Latn'],
    ['ckb', 'ckb'],
    ['ckb-IQ', 'ckb-IQ'],
  ])('canonicalises %s to %s', (input, expected) => {
    expect(canonicalLanguageTag(input)).toBe(expected);
  });

  it.each(['', 'english', 'e', 'en_GB', '12', 'x'.repeat(40), 42, null])('refuses %p', (input) => {
    expect(canonicalLanguageTag(input)).toBeNull();
  });
});

import { localeFromAcceptLanguage } from './locale';

describe('localeFromAcceptLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ar', 'ar'],
    ['ar-JO,ar;q=0.9,en;q=0.8', 'ar'],
    ['fr-FR, ckb;q=0.5, en;q=0.4', 'ckb'],
    ['en;q=0.2, kmr;q=0.9', 'kmr'],
    ['de, fr', 'en'],
    ['ar;q=0, en;q=0.1', 'en'],
    ['*', 'en'],
  ])('%p gives %p', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});

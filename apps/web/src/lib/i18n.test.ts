import { beforeAll, describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import ar from '../locales/ar.json';
import ckb from '../locales/ckb.json';
import kmr from '../locales/kmr.json';
import i18n, { changeLocale, setupI18n } from './i18n';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

/** Plural and ordinal forms differ by language; compare the base keys. */
const base = (list: string[]) =>
  new Set(list.map((key) => key.replace(/_(ordinal_)?(zero|one|two|few|many|other)$/, '')));

describe('languages', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });

  it('switches the whole page to right to left for Arabic and Sorani, and back', async () => {
    await changeLocale('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(i18n.t('signup.signUp')).toBe('سجّل');
    await changeLocale('ckb');
    expect(document.documentElement.dir).toBe('rtl');
    await changeLocale('kmr');
    expect(document.documentElement.dir).toBe('ltr');
    expect(i18n.t('signup.signUp')).toBe('Xwe tomar bike');
    await changeLocale('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(localStorage.getItem('haven.locale')).toBe('en');
  });

  it('has Arabic complete, and Sorani and Kurmanji for every volunteer page', () => {
    const english = base(keys(en as Tree));
    expect([...english].filter((key) => !base(keys(ar as Tree)).has(key))).toEqual([]);
    const volunteer = [...english].filter(
      (key) =>
        !/^(org|coord|admin|reports|nav\.(needs|clearances|reports|organization|organizations|camps|users|audit|platformReport))\b/.test(
          key,
        ) &&
        !key.startsWith('needStatus') &&
        !key.startsWith('problems.'),
    );
    for (const locale of [ckb, kmr]) {
      expect(volunteer.filter((key) => !base(keys(locale as Tree)).has(key))).toEqual([]);
    }
  });

  it('says the waitlist place with the right ordinal', async () => {
    await changeLocale('en');
    expect(i18n.t('signup.waitlistPosition', { count: 3, ordinal: true })).toBe(
      'You are 3rd on the waitlist',
    );
    expect(i18n.t('signup.waitlistPosition', { count: 1, ordinal: true })).toBe(
      'You are 1st on the waitlist',
    );
    expect(i18n.t('offline.pending', { count: 2 })).toBe('2 changes waiting to send');
  });
});

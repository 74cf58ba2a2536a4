import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import type { Locale } from './api/types';

export const LOCALES: { code: Locale; name: string; dir: 'ltr' | 'rtl' }[] = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'ckb', name: 'کوردی (سۆرانی)', dir: 'rtl' },
  { code: 'kmr', name: 'Kurdî (Kurmancî)', dir: 'ltr' },
];

const STORAGE_KEY = 'haven.locale';

/** Other languages load when chosen, so the first page carries English only. */
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Record<string, unknown> }>> = {
  ar: () => import('../locales/ar.json'),
  ckb: () => import('../locales/ckb.json'),
  kmr: () => import('../locales/kmr.json'),
};

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((locale) => locale.code === value);
}

export function directionOf(locale: string): 'ltr' | 'rtl' {
  return LOCALES.find((entry) => entry.code === locale)?.dir ?? 'ltr';
}

/** Sets `lang` and `dir` on <html>: the whole layout mirrors through logical CSS properties. */
function applyToDocument(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

export async function changeLocale(locale: Locale): Promise<void> {
  if (locale !== 'en' && !i18n.hasResourceBundle(locale, 'translation')) {
    const module = await loaders[locale]();
    i18n.addResourceBundle(locale, 'translation', module.default, true, true);
  }
  await i18n.changeLanguage(locale);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this visit.
  }
  applyToDocument(locale);
}

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // fall through to the browser's languages
  }
  for (const language of navigator.languages ?? []) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'ar') return 'ar';
    if (base === 'ckb') return 'ckb';
    if (base === 'ku' || base === 'kmr') return language.toLowerCase().includes('arab') ? 'ckb' : 'kmr';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export async function setupI18n(locale: Locale = initialLocale()): Promise<typeof i18n> {
  if (!i18n.isInitialized) {
    await i18n.use(initReactI18next).init({
      resources: { en: { translation: en } },
      lng: 'en',
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  await changeLocale(locale);
  return i18n;
}

export default i18n;

import { AR } from './ar';
import { CKB } from './ckb';
import { Catalogue, EN } from './en';
import { KMR } from './kmr';

export type { Catalogue, MessageKey } from './en';

export type Locale = 'en' | 'ar' | 'ckb' | 'kmr';

/** One catalogue per language Haven speaks. */
export const CATALOGUES: Record<Locale, Catalogue> = { en: EN, ar: AR, ckb: CKB, kmr: KMR };

/** Right-to-left languages: Arabic and Sorani (Arabic script). Kurmanji is written in Latin letters. */
export const DIRECTION: Record<Locale, 'ltr' | 'rtl'> = { en: 'ltr', ar: 'rtl', ckb: 'rtl', kmr: 'ltr' };

/** The Intl locale for dates and numbers: CLDR names Kurmanji `ku`; English dates read as in Britain. */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', ar: 'ar', ckb: 'ckb', kmr: 'ku' };

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(CATALOGUES, value);

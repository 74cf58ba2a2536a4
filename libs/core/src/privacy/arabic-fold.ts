/**
 * Arabic-script letters that people write interchangeably, folded to one form for matching:
 * hamza-carrying alefs to bare alef, Persian/Kurdish yeh and kaf to the Arabic ones, alef maksura
 * to yeh, ta marbuta to heh ("الخيمه" for "الخيمة"). Sorani's own letters (ە, ێ, ڵ, ۆ, ڕ) are kept.
 */
export const ARABIC_FOLD: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ی: 'ي',
  ې: 'ي',
  ى: 'ي',
  ک: 'ك',
  ھ: 'ه',
  ة: 'ه',
};

/** A word with its Arabic-script letters folded (for tables written in the ordinary spelling). */
export function foldArabicWord(word: string): string {
  let out = '';
  for (const character of word) out += ARABIC_FOLD[character] ?? character;
  return out;
}

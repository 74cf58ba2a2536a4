import confusables from 'unhomoglyph/data.json';
import { ARABIC_FOLD } from './arabic-fold';
import { readNumberWords } from './number-words';

/**
 * The one normalisation step before every check of the privacy guard (DESIGN.md, Privacy). The
 * guard matches on what this returns; what is stored is what the person wrote.
 *
 * 1. Unicode NFKC (full-width and mathematical letters and digits, Arabic presentation forms).
 * 2. One pass over the code points: invisible and bidirectional control characters and combining
 *    marks (Arabic harakat, tatweel, strike-through overlays) are dropped; digits of every script
 *    become ASCII digits; letters of other scripts that are confusable with one Latin letter
 *    (Unicode TR39 confusables, from the `unhomoglyph` table) are folded to it; Arabic-script
 *    letters that TR39 lists as confusable with a basic Arabic letter are folded to it (ڪ → ك),
 *    and the variants people write interchangeably too (arabic-fold.ts: أ إ آ → ا, ی ى → ي,
 *    ک → ك, ة → ه); Sorani's own letters are kept.
 * 3. Letters spaced out as one word are joined ("t e n t"); O, o, l and I in a word that is mostly
 *    digits are read as digits ("O79l"); number words (0–120, cardinal and ordinal; English,
 *    Arabic, Sorani, Kurmanji) become digits.
 */

/** Code points that are dropped: default-ignorable (zero-width, bidi controls, soft hyphen…) and marks. */
const DROPPED = /[\p{Default_Ignorable_Code_Point}\p{Mn}\p{Me}\u0640]/u;
const DIGIT = /\p{Nd}/u;
const ARABIC_SCRIPT = /\p{Script=Arabic}/u;

/** The value of every decimal digit of every script (Unicode encodes each script's 0–9 in a row). */
const DIGIT_VALUE = new Map<number, string>();
{
  let runStart = -1;
  for (let codePoint = 0x30; codePoint <= 0x1fbff; codePoint += 1) {
    if (DIGIT.test(String.fromCodePoint(codePoint))) {
      if (runStart < 0) runStart = codePoint;
      DIGIT_VALUE.set(codePoint, String((codePoint - runStart) % 10));
    } else {
      runStart = -1;
    }
  }
}

/** A non-Latin, non-Arabic letter that TR39 lists as confusable with one ASCII letter. */
const LATIN_SKELETON = new Map<string, string>();
for (const [from, to] of Object.entries(confusables as Record<string, string>)) {
  if ([...from].length === 1 && from.codePointAt(0)! > 0x7f && /^[A-Za-z]$/.test(to) && /\p{L}/u.test(from)) {
    // Letters with diacritics that Kurmanji writes (ê, î, û, ç, ş) are not confusables and keep their form.
    if (!/\p{Script=Latin}/u.test(from) || !/[êîûçşÊÎÛÇŞ]/u.test(from)) LATIN_SKELETON.set(from, to);
  }
}

/** An Arabic-script letter that TR39 lists as confusable with a basic Arabic letter (ڪ → ك, ٮ → ى). */
const ARABIC_SKELETON = new Map<string, string>();
for (const [from, to] of Object.entries(confusables as Record<string, string>)) {
  if (
    [...from].length === 1 &&
    ARABIC_SCRIPT.test(from) &&
    /^[\u0621-\u064A]$/.test(to) &&
    /\p{L}/u.test(from)
  ) {
    ARABIC_SKELETON.set(from, ARABIC_FOLD[to] ?? to);
  }
}

/** Work counter for the guard's cost test: characters and words visited. */
export interface WorkCounter {
  steps: number;
}

/** Folds one character as described above, or returns '' to drop it. */
function foldCharacter(character: string): string {
  if (character.charCodeAt(0) < 0x80) return character;
  if (DROPPED.test(character)) return '';
  const digit = DIGIT_VALUE.get(character.codePointAt(0)!);
  if (digit !== undefined) return digit;
  if (ARABIC_SCRIPT.test(character))
    return ARABIC_FOLD[character] ?? ARABIC_SKELETON.get(character) ?? character;
  return LATIN_SKELETON.get(character) ?? character;
}

/** Steps 1 and 2 only: the text with its characters folded, number words left as they are. */
export function foldCharacters(text: string, work?: WorkCounter): string {
  const nfkc = text.normalize('NFKC');
  let out = '';
  for (const character of nfkc) out += foldCharacter(character);
  if (work) work.steps += nfkc.length;
  return out;
}

/** Three or more single letters spaced out as one word: "t e n t", "T-E-N-T", "U.N.H.C.R". */
const SPACED_LETTERS = /(?<![\p{L}\p{N}])\p{L}(?:[ .\-_*]\p{L}(?![\p{L}\p{N}])){2,}/gu;

/** Letters standing in for digits in a word that is mostly digits: "O79l 234 567" is 079 1234 567. */
const DIGIT_LOOK_ALIKES = /(?<![\p{L}\p{N}])[\dOolI]{3,20}(?![\p{L}\p{N}])/gu;
function asDigits(word: string): string {
  const digits = word.replace(/\D/g, '').length;
  return digits >= 2 && digits >= word.length - digits
    ? word.replace(/[Oo]/g, '0').replace(/[lI]/g, '1')
    : word;
}

/** The text the guard matches on. Linear in the length of the text. */
export function normaliseForMatching(text: string, work?: WorkCounter): string {
  const folded = foldCharacters(text, work)
    .replace(SPACED_LETTERS, (letters) => letters.replace(/[ .\-_*]/g, ''))
    .replace(DIGIT_LOOK_ALIKES, asDigits);
  if (work) work.steps += folded.length;
  return readNumberWords(folded, (steps) => {
    if (work) work.steps += steps;
  });
}

/** Digits of every script read as ASCII digits (kept for callers of the earlier guard). */
export function normaliseDigits(text: string): string {
  let out = '';
  for (const character of text) out += DIGIT_VALUE.get(character.codePointAt(0)!) ?? character;
  return out;
}

import { Kind, NumberWord, WORDS } from './number-word-tables';

/**
 * Number words read as numbers (0–120, cardinal and ordinal) in English, Arabic, Central Kurdish
 * (Sorani) and Northern Kurdish (Kurmanji), so that "aged twelve", "اثنا عشر", "دوازدە" and
 * "yanzdeh" meet the same patterns as "12". The words are in `number-word-tables.ts`.
 */

/** Words that join the parts of one number: "twenty-one", "واحد وعشرون", "bîst û yek", "بيست و يەك". */
const JOINERS = new Set(['and', 'و', 'û', 'u']);

interface Token {
  start: number;
  end: number;
  word: NumberWord | undefined;
  joinedBefore: boolean; // an Arabic و written onto this word
  joiner: boolean;
}

const WORD = /[\p{L}\p{M}]+/gu;

function lookup(raw: string): { word: NumberWord | undefined; joinedBefore: boolean } {
  const lower = raw.toLowerCase();
  const direct = WORDS.get(lower);
  if (direct) return { word: direct, joinedBefore: false };
  if (lower.length > 2 && lower.startsWith('و')) {
    const rest = WORDS.get(lower.slice(1));
    if (rest) return { word: rest, joinedBefore: true };
  }
  return { word: undefined, joinedBefore: false };
}

/**
 * Rewrites each run of number words as its digits ("one hundred and twenty" → "120", "zero seven
 * nine" → "0 7 9"); one pass over the words, so the cost is linear in the text. `onStep` counts
 * the words looked at.
 */
export function readNumberWords(text: string, onStep: (steps: number) => void = () => undefined): string {
  const tokens: Token[] = [];
  for (const found of text.matchAll(WORD)) {
    const { word, joinedBefore } = lookup(found[0]);
    tokens.push({
      start: found.index,
      end: found.index + found[0].length,
      word,
      joinedBefore,
      joiner: JOINERS.has(found[0].toLowerCase()),
    });
  }
  onStep(tokens.length + text.length);
  if (!tokens.some((token) => token.word)) return text;

  /** Only spaces or one hyphen between two parts of a number. */
  const close = (a: Token, b: Token) => /^[\s-]{1,3}$/u.test(text.slice(a.end, b.start));
  /** The next part of the same number after token i: directly, or after a joiner word. */
  const next = (i: number): number => {
    const after = tokens[i + 1];
    if (!after || !close(tokens[i], after)) return -1;
    if (after.word) return i + 1;
    const then = tokens[i + 2];
    if (after.joiner && then?.word && close(after, then)) return i + 2;
    return -1;
  };

  /**
   * English "one" before a word is mostly "a" or a pronoun ("one of the coaches", "one girl, one
   * boy"); it is read as a number only before a unit, "hundred", or punctuation ("aged one").
   */
  const isDeterminerOne = (i: number): boolean => {
    if (text.slice(tokens[i].start, tokens[i].end).toLowerCase() !== 'one') return false;
    const after = tokens[i + 1];
    if (!after || !/^[\s-]{1,3}$/u.test(text.slice(tokens[i].end, after.start))) return false;
    return (
      !after.word &&
      !/^(?:years?|yrs?|months?|weeks?|days?|year-old|and)$/iu.test(text.slice(after.start, after.end))
    );
  };

  let out = '';
  let copied = 0;
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i];
    if (!first.word || isDeterminerOne(i)) {
      i += 1;
      continue;
    }
    let value = first.word.kind === 'arabicTen' ? 10 : first.word.value;
    let state: Kind | 'hundredTen' | 'hundredUnit' | 'done' =
      first.word.kind === 'arabicTen' ? 'teen' : first.word.kind;
    let last = i;
    // Each step adds one part; at most four parts ("one hundred and twenty one"), so this is bounded.
    for (let parts = 0; parts < 4 && state !== 'done'; parts += 1) {
      const j = next(last);
      if (j < 0) break;
      const part = tokens[j].word!;
      const joined = j === last + 2 || tokens[j].joinedBefore;
      if (state === 'unit' && part.kind === 'arabicTen') {
        value += 10; // اثنا عشر
        state = 'done';
      } else if (state === 'unit' && part.kind === 'hundred' && value > 0 && !joined) {
        value *= 100; // one hundred
        state = 'hundred';
      } else if (state === 'hundred' && part.kind === 'unit' && part.value > 0) {
        value += part.value; // a hundred and five; مئة واثنا (عشر)
        state = 'hundredUnit';
      } else if (state === 'hundred' && part.kind === 'teen') {
        value += part.value; // a hundred and twelve
        state = 'done';
      } else if (state === 'hundredUnit' && part.kind === 'arabicTen') {
        value += 10; // مئة واثنا عشر
        state = 'done';
      } else if (state === 'hundred' && part.kind === 'ten') {
        value += part.value; // hundred and twenty
        state = 'hundredTen';
      } else if ((state === 'ten' || state === 'hundredTen') && part.kind === 'unit' && part.value > 0) {
        value += part.value; // twenty-one, bîst û yek
        state = 'done';
      } else if (state === 'unit' && value > 0 && part.kind === 'ten' && joined) {
        value += part.value; // واحد وعشرون
        state = 'done';
      } else {
        break;
      }
      last = j;
    }
    out += text.slice(copied, first.start) + String(value);
    copied = tokens[last].end;
    i = last + 1;
  }
  return out + text.slice(copied);
}

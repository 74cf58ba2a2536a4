import { foldArabicWord } from './arabic-fold';

/**
 * Number words read as numbers (0–120, cardinal and ordinal) in English, Arabic, Central Kurdish
 * (Sorani) and Northern Kurdish (Kurmanji), so that "aged twelve", "اثنا عشر", "دوازدە" and
 * "yanzdeh" meet the same patterns as "12". The tables are written in the folded form that
 * `normalise.ts` produces (Arabic alef variants as ا, Persian ی and ک as ي and ك); `add` folds
 * the rest (ة → ه, ى → ي).
 */

type Kind = 'unit' | 'teen' | 'ten' | 'hundred' | 'arabicTen';
interface NumberWord {
  value: number;
  kind: Kind;
}

const WORDS = new Map<string, NumberWord>();

function add(kind: Kind, value: number, ...words: string[]): void {
  for (const word of words) WORDS.set(foldArabicWord(word), { value, kind });
}

function addAll(kind: Kind, table: [number, string[]][]): void {
  for (const [value, words] of table) add(kind, value, ...words);
}

// English
const EN_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_UNIT_ORDINALS = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
];
EN_UNITS.forEach((word, value) => add('unit', value, word, EN_UNIT_ORDINALS[value]));
addAll('teen', [
  [10, ['ten', 'tenth']],
  [11, ['eleven', 'eleventh']],
  [12, ['twelve', 'twelfth']],
  [13, ['thirteen', 'thirteenth']],
  [14, ['fourteen', 'fourteenth']],
  [15, ['fifteen', 'fifteenth']],
  [16, ['sixteen', 'sixteenth']],
  [17, ['seventeen', 'seventeenth']],
  [18, ['eighteen', 'eighteenth']],
  [19, ['nineteen', 'nineteenth']],
]);
addAll('ten', [
  [20, ['twenty', 'twentieth']],
  [30, ['thirty', 'thirtieth']],
  [40, ['forty', 'fortieth']],
  [50, ['fifty', 'fiftieth']],
  [60, ['sixty', 'sixtieth']],
  [70, ['seventy', 'seventieth']],
  [80, ['eighty', 'eightieth']],
  [90, ['ninety', 'ninetieth']],
]);
add('hundred', 100, 'hundred', 'hundredth');

// Arabic (folded: أ إ آ → ا), masculine, feminine and the oblique forms; ordinals with and without ال
addAll('unit', [
  [0, ['صفر']],
  [
    1,
    ['واحد', 'واحدة', 'احد', 'احدى', 'اول', 'الاول', 'اولى', 'الاولى', 'حادي', 'الحادي', 'حادية', 'الحادية'],
  ],
  [
    2,
    [
      'اثنان',
      'اثنين',
      'اثنا',
      'اثني',
      'اثنتان',
      'اثنتين',
      'اثنتا',
      'اثنتي',
      'ثاني',
      'الثاني',
      'ثانية',
      'الثانية',
    ],
  ],
  [3, ['ثلاث', 'ثلاثة', 'ثالث', 'الثالث', 'ثالثة', 'الثالثة']],
  [4, ['اربع', 'اربعة', 'رابع', 'الرابع', 'رابعة', 'الرابعة']],
  [5, ['خمس', 'خمسة', 'خامس', 'الخامس', 'خامسة', 'الخامسة']],
  [6, ['ست', 'ستة', 'سادس', 'السادس', 'سادسة', 'السادسة']],
  [7, ['سبع', 'سبعة', 'سابع', 'السابع', 'سابعة', 'السابعة']],
  [8, ['ثمان', 'ثماني', 'ثمانية', 'ثامن', 'الثامن', 'ثامنة', 'الثامنة']],
  [9, ['تسع', 'تسعة', 'تاسع', 'التاسع', 'تاسعة', 'التاسعة']],
]);
add('arabicTen', 10, 'عشر', 'عشرة');
add('teen', 10, 'عاشر', 'العاشر', 'عاشرة', 'العاشرة');
addAll('ten', [
  [20, ['عشرون', 'عشرين', 'العشرون', 'العشرين']],
  [30, ['ثلاثون', 'ثلاثين', 'الثلاثون', 'الثلاثين']],
  [40, ['اربعون', 'اربعين', 'الاربعون', 'الاربعين']],
  [50, ['خمسون', 'خمسين', 'الخمسون', 'الخمسين']],
  [60, ['ستون', 'ستين', 'الستون', 'الستين']],
  [70, ['سبعون', 'سبعين', 'السبعون', 'السبعين']],
  [80, ['ثمانون', 'ثمانين', 'الثمانون', 'الثمانين']],
  [90, ['تسعون', 'تسعين', 'التسعون', 'التسعين']],
]);
add('hundred', 100, 'مئة', 'مائة', 'مية', 'المئة', 'المائة');

// Central Kurdish (Sorani), folded (ی → ي, ک → ك); ordinals add ەم / ەمين / يەم
const SORANI: [Kind, number, string[]][] = [
  ['unit', 0, ['سفر']],
  ['unit', 1, ['يەك', 'يەكەم', 'يەكەمين']],
  ['unit', 2, ['دوو', 'دووەم', 'دووەمين']],
  ['unit', 3, ['سێ', 'سێيەم', 'سێيەمين']],
  ['unit', 4, ['چوار']],
  ['unit', 5, ['پێنج']],
  ['unit', 6, ['شەش']],
  ['unit', 7, ['حەوت']],
  ['unit', 8, ['هەشت']],
  ['unit', 9, ['نۆ', 'نۆيەم']],
  ['teen', 10, ['دە', 'دەيەم']],
  ['teen', 11, ['يازدە']],
  ['teen', 12, ['دوازدە']],
  ['teen', 13, ['سيازدە', 'سێزدە']],
  ['teen', 14, ['چواردە']],
  ['teen', 15, ['پازدە', 'پانزدە']],
  ['teen', 16, ['شازدە', 'شانزدە']],
  ['teen', 17, ['حەڤدە', 'حەفدە']],
  ['teen', 18, ['هەژدە', 'هەجدە']],
  ['teen', 19, ['نۆزدە']],
  ['ten', 20, ['بيست']],
  ['ten', 30, ['سي']],
  ['ten', 40, ['چل']],
  ['ten', 50, ['پەنجا']],
  ['ten', 60, ['شەست']],
  ['ten', 70, ['حەفتا']],
  ['ten', 80, ['هەشتا']],
  ['ten', 90, ['نەوەد']],
  ['hundred', 100, ['سەد']],
];
for (const [kind, value, words] of SORANI) {
  for (const word of words) {
    add(kind, value, word);
    if (!/(?:ەم|ەمين)$/u.test(word))
      add(kind, value, `${word}ەم`, `${word}ەمين`, `${word}يەم`, `${word}يەمين`);
  }
}

// Northern Kurdish (Kurmanji); ordinals add em / emîn / yem
const KURMANJI: [Kind, number, string[]][] = [
  ['unit', 0, ['sifir']],
  ['unit', 1, ['yek']],
  ['unit', 2, ['du', 'dudu']],
  ['unit', 3, ['sê']],
  ['unit', 4, ['çar']],
  ['unit', 5, ['pênc']],
  ['unit', 6, ['şeş']],
  ['unit', 7, ['heft']],
  ['unit', 8, ['heşt']],
  ['unit', 9, ['neh']],
  ['teen', 10, ['deh']],
  ['teen', 11, ['yanzdeh', 'yazdeh', 'yanzde']],
  ['teen', 12, ['donzdeh', 'dozdeh', 'diwanzdeh', 'duwanzdeh', 'donzde']],
  ['teen', 13, ['sêzdeh', 'sêzde']],
  ['teen', 14, ['çardeh', 'çarde']],
  ['teen', 15, ['panzdeh', 'pazdeh', 'panzde']],
  ['teen', 16, ['şanzdeh', 'şazdeh', 'şanzde']],
  ['teen', 17, ['hivdeh', 'hevdeh', 'hivde']],
  ['teen', 18, ['hijdeh', 'hîjdeh', 'hejdeh', 'hijde']],
  ['teen', 19, ['nozdeh', 'nozde']],
  ['ten', 20, ['bîst']],
  ['ten', 30, ['sî']],
  ['ten', 40, ['çil']],
  ['ten', 50, ['pêncî']],
  ['ten', 60, ['şêst']],
  ['ten', 70, ['heftê']],
  ['ten', 80, ['heştê']],
  ['ten', 90, ['nod']],
  ['hundred', 100, ['sed']],
];
for (const [kind, value, words] of KURMANJI) {
  for (const word of words) add(kind, value, word, `${word}em`, `${word}emîn`, `${word}yem`, `${word}yemîn`);
}

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

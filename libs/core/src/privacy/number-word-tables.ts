import { foldArabicWord } from './arabic-fold';

/**
 * The number words 0–120, cardinal and ordinal, of English, Arabic, Central Kurdish (Sorani) and
 * Northern Kurdish (Kurmanji), as `number-words.ts` reads them. Arabic-script words are written in
 * the folded form of `normalise.ts` (alef variants as ا, Persian ی and ک as ي and ك); `add` folds
 * the rest (ة → ه, ى → ي).
 */
export type Kind = 'unit' | 'teen' | 'ten' | 'hundred' | 'arabicTen';
export interface NumberWord {
  value: number;
  kind: Kind;
}

/** Every number word, folded, with its value and the part it plays in a compound number. */
export const WORDS = new Map<string, NumberWord>();

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

import { findPhoneNumbersInText, CountryCode } from 'libphonenumber-js/max';

export type IdentifierKind = 'phone' | 'email' | 'id_number' | 'date_of_birth' | 'address' | 'person_age';

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  phone: 'a phone number',
  email: 'an e-mail address',
  id_number: 'an ID, passport or case number',
  date_of_birth: 'a date of birth',
  address: 'an address or shelter location',
  person_age: "a person's name or description with their age",
};

/** Where local numbers are read when written without a country code: the camps' host countries. */
const HOME_REGIONS: CountryCode[] = [
  'JO',
  'LB',
  'TR',
  'IQ',
  'SY',
  'EG',
  'GR',
  'IT',
  'DE',
  'GB',
  'BD',
  'KE',
  'UG',
  'ET',
  'SD',
  'PS',
];

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;

const ID_WORDS =
  /\b(?:passports?|pass\.?|id|ids|identity|national\s+id|id\s+card|card|case|case\s+file|file|registration|reg|unhcr|progres|individual|certificate|residence\s+permit|permit|family\s+book|booklet|nasname|doz)\b|pasaport\p{L}*|jimar\p{L}*|الرقم\s+الوطني|الرقم\s+الشخصي|جواز|هوية|الهوية|ملف|قضية|تسجيل|بطاقة|المفوضية|دفتر\s+العائلة/iu;
const ID_VALUE = /(?:[A-Z]{0,3}[-\s]?)?\d[\dA-Z-]{4,}\d|\b[A-Z]{1,2}\d{6,9}\b/iu;
const UNHCR_CASE = /\b\d{3}-\d{2}[A-Z]\d{4,}\b|\b\d{3}-\d{8}\b/iu;

const BIRTH_WORDS =
  /\b(?:born|dob|date\s+of\s+birth|birth\s*date|birthday|birth)\b|\b(?:d\.o\.b\.?|b\.)(?!\p{L})|مواليد|تاريخ\s+الميلاد|ميلاد|ولد|ولدت|مولود|مولودة|jidayik|hatiye\s+dinê|ji\s+dayik/iu;
const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|' +
  'يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين';
const FULL_DATE = new RegExp(
  `\\b\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}(?!\\d)|\\b\\d{4}[./-]\\d{1,2}[./-]\\d{1,2}(?!\\d)|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})(?!\\p{L})|(?:${MONTHS})\\s+\\d{1,2}\\b`,
  'iu',
);

const SHELTER =
  /(?<!\b(?:toilet|toilets|latrine|latrines|washing|sanitation|shower|showers|school|storage|office|kitchen|admin|water)\s)\b(?:tent|tents|caravan|caravans|shelter|block|row|container|plot|hut|house|apartment|flat|street|st\.|road|lane|avenue|kon|karavan|blok|kolan|xanî)\s*(?:no\.?|number|nr\.?|#|num\.?)?\s*[A-Z]?-?\d+[A-Z]?\b|(?:\b(?:kon|karavan|blok|kolan|xanî|malê)\p{L}{0,3})\s*(?:yê|ya|a|ê)?\s*(?:no\.?|hejmar\p{L}*)?\s*\d+|(?:خيمة|كرفان|كرافان|الكرفان|الخيمة|بلوك|البلوك|شارع|منزل|بيت|صف|قطاع|بناية|عمارة|شقة)\s*(?:رقم)?\s*[A-Z]?-?\d+/iu;
const STREET_ADDRESS =
  /\b\d{1,5}[A-Z]?,?\s+(?:[\p{Lu}][\p{L}'-]+\s+){1,3}(?:street|st\.?|road|rd\.?|avenue|ave\.?|lane|boulevard|blvd\.?|way|square)\b|\blives?\s+(?:at|on|in)\s+(?:no\.?\s*)?\d+/iu;

const PERSON_WORDS =
  'boy|girl|child|kid|son|daughter|woman|man|widow|widower|orphan|baby|infant|toddler|teen|teenager|brother|sister|' +
  'mother|father|mum|dad|husband|wife|grandmother|grandfather|grandson|granddaughter|uncle|aunt|niece|nephew|' +
  'student|pupil|survivor|victim|beneficiary|he|she|him|her';
const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty';
/** A number that is one age, not the bound of a range ("6-12", "8 to 10", "10 and over"). */
const ONE_AGE = String.raw`(?<![-–]\s?)(?<!\bto\s)(?<!\d\s?)(\d{1,2})(?!\s*(?:-|–|to|and\s+(?:over|above|up|older)|or|\+|\d))`;
const AGE_UNIT = String.raw`\s*(?:years?|yrs?|y\/?o|-year-old|year-old|months?|-month-old)\b`;

const PERSON_AGE_PATTERNS: RegExp[] = [
  // a single person (not a plural group) near one age: "a boy named Karim, 9 years old"
  new RegExp(String.raw`\b(?:${PERSON_WORDS})\b[^.;\n]{0,40}?${ONE_AGE}${AGE_UNIT}`, 'iu'),
  // "the widow, 67,", "her daughter, aged 4", "the eldest son is 17", "an elderly man of 82"
  new RegExp(
    String.raw`\b(?:${PERSON_WORDS})\b\s*(?:,\s*(?:aged?\s+)?|\(\s*|\s+(?:aged?|is|of)\s+)${ONE_AGE}\b`,
    'iu',
  ),
  // "the 13-year-old girl", "a 9-year-old", "a 19 yr old"
  new RegExp(
    String.raw`\b\d{1,2}[-\s](?:years?|yrs?|yr)[-\s]old\s+(?:${PERSON_WORDS})\b|\ban?\s+\d{1,2}[-\s]?(?:years?|yrs?|yr)[-\s]old\b`,
    'iu',
  ),
  // "who is twelve years old"
  new RegExp(String.raw`\b(?:who\s+is|is|aged?)\s+(?:${NUMBER_WORDS}|\d{1,2})\s+years?\s+old\b`, 'iu'),
  // Arabic: a child, son or daughter with an age; "عمره ١٠"; "أمل، ١٢ سنة"
  /(?:الطفل|الطفلة|طفل|طفلة|الولد|ولد|البنت|بنت|الفتاة|فتاة|ابن|ابنة|ابنه|ابنها|ابنتها|ابنته|الصبي|صبي|أرملة|يتيم|يتيمة)[^.،\n]{0,30}?(?<![-–]\s?)(?<!(?:إلى|الى)\s)\d{1,2}\s*(?:سنة|سنوات|عام|أعوام|شهر|أشهر)(?!\s*(?:-|–|إلى|الى)\s*\d)|(?:عمره|عمرها)\s*\d{1,2}|[\u0621-\u064A]{2,}\s*[،,(]\s*\d{1,2}\s*(?:سنة|سنوات|عام|\))/u,
  // Kurmanji: "temenê Baran 8 sal e", "kurê wê yê 7 salî"
  /\btemen\p{L}*[^.\n]{0,25}?\d{1,2}\s+sal(?!\p{L})|\b(?:kur|keç|keçik|kurik|jin|mêr|pîr|xort|zarok)(?:ê|a|ek|eke)?(?!\p{L})[^.\n]{0,30}?(?<![-–]\s?)(?<!heta\s)(?<!\d)\d{1,2}\s+salî(?!\p{L})/iu,
];

/** A capitalised name followed by an age: "Amira, 12", "Ahmed (14)", "Layla aged 7", "Rami, age 11", "Rojda 11 salî". */
const NAME_WITH_AGE = new RegExp(
  String.raw`(?<![\p{L}])(\p{Lu}[\p{Ll}'’-]{1,20})(?:\s*,\s*(?:age[ds]?\s+)?|\s*\(\s*|,?\s+(?:aged?|is|who\s+is)\s+)${ONE_AGE}(?:\s*\)|${AGE_UNIT}|\s*(?=[,.;:!]|$)|\s+(?=and\b|is\b|has\b|needs?\b|lives\b|wants\b))` +
    String.raw`|(?<![\p{L}])(\p{Lu}[\p{Ll}'’-]{1,20}),?\s+(?:bi\s+)?${ONE_AGE}\s+salî(?!\p{L})`,
  'gu',
);
/** "Hasan 8 years old" */
const NAME_YEARS_OLD = new RegExp(
  String.raw`(?<![\p{L}])(\p{Lu}[\p{Ll}'’-]{1,20})\s+${ONE_AGE}\s*(?:years?|yrs?)[-\s]old\b`,
  'gu',
);
/** Several names each with a number, as in a list of children: "Adam 5, Sara 8 and Jana 11". */
const NAME_NUMBER_PAIR = /(?<![\p{L}])(\p{Lu}\p{Ll}{1,20})\s+(\d{1,2})(?![\d:.\-–\p{L}])/gu;

/** Capitalised words that precede ", N" in ordinary needs and are not names. */
const NOT_NAMES = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays ' +
    'january february march april may june july august september october november december ' +
    'room rooms hall grade level size sizes module unit units class classes group groups bus line building floor session sessions ' +
    'week weeks day days phase step stage part chapter lesson lessons box boxes kit kits item items total age ages aged ' +
    'children kids girls boys women men adults youth families pupils students volunteers people participants teachers ' +
    'english arabic kurdish french math maths science covid team teams shift shifts table tables year years tent tents ' +
    'block row caravan district sector zone area camp camps school centre center clinic capacity budget price cost ' +
    'number count quantity limit max minimum maximum duration attendance kids: ticket order invoice room: floor: page version'
  ).split(' '),
);

const ARABIC_INDIC = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Arabic-Indic and Persian digits read as ASCII digits, so one set of patterns covers them. */
export function normaliseDigits(text: string): string {
  return text.replace(ARABIC_INDIC, (digit) => String((digit.charCodeAt(0) & 0xf) % 10));
}

const NUMERIC_DATE_OR_TIME =
  /(?<![+\d-])(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2})(?!\d|[./-]\d)|\b\d{1,2}:\d{2}\b|\b[A-Z]{2,4}-\d{4}-\d{3,5}\b/giu;

function hasPhone(input: string): boolean {
  // Dates, times and document references are not phone numbers, however many digits they have.
  const text = input.replace(NUMERIC_DATE_OR_TIME, ' ');
  if (
    /(?:\+|\b00)\d[\d\s().-]{7,}\d/.test(text) &&
    findPhoneNumbersInText(text.replace(/\b00(?=\d)/g, '+')).length > 0
  ) {
    return true;
  }
  if (HOME_REGIONS.some((region) => findPhoneNumbersInText(text, region).length > 0)) return true;
  // Numbers the library cannot place in any region still look like phone numbers when grouped as one.
  return /(?:\+|\b0)\d{1,4}[\s.-]?\(?\d{2,4}\)?[\s.-]?\d{3}[\s.-]?\d{3,4}\b/.test(text);
}

function hasIdNumber(text: string): boolean {
  if (UNHCR_CASE.test(text)) return true;
  const pattern = new RegExp(`(?:${ID_WORDS.source})[^\\n]{0,25}?(?:${ID_VALUE.source})`, 'iu');
  return pattern.test(text);
}

function hasDateOfBirth(text: string): boolean {
  const birthThenDate = new RegExp(`(?:${BIRTH_WORDS.source})[^\\n]{0,30}?(?:${FULL_DATE.source})`, 'iu');
  const dateThenBirth = new RegExp(`(?:${FULL_DATE.source})[^.\\n]{0,20}?(?:${BIRTH_WORDS.source})`, 'iu');
  return birthThenDate.test(text) || dateThenBirth.test(text);
}

function hasPersonAge(text: string): boolean {
  if (PERSON_AGE_PATTERNS.some((pattern) => pattern.test(text))) return true;
  for (const found of [...text.matchAll(NAME_WITH_AGE), ...text.matchAll(NAME_YEARS_OLD)]) {
    const name = found[1] ?? found[3];
    if (name && !NOT_NAMES.has(name.toLowerCase())) return true;
  }
  const pairs = [...text.matchAll(NAME_NUMBER_PAIR)].filter(
    (found) => !NOT_NAMES.has(found[1].toLowerCase()),
  );
  return pairs.length >= 2;
}

/**
 * The kinds of personal identifier a free text carries; empty when it is safe to store. Haven
 * stores no victim-identifying data, so every free-text field passes through here before anything
 * is written. The caller learns the kinds, never the matched text.
 */
export function findIdentifiers(input: string): IdentifierKind[] {
  const text = normaliseDigits(input.normalize('NFKC'));
  const kinds: IdentifierKind[] = [];
  if (EMAIL.test(text)) kinds.push('email');
  if (hasIdNumber(text)) kinds.push('id_number');
  if (hasDateOfBirth(text)) kinds.push('date_of_birth');
  if (hasPhone(text)) kinds.push('phone');
  if (SHELTER.test(text) || STREET_ADDRESS.test(text)) kinds.push('address');
  if (hasPersonAge(text)) kinds.push('person_age');
  return kinds;
}

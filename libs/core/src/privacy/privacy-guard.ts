import { allMatches, boundedPattern, matches } from './bounded-pattern';
import { foldCharacters, normaliseForMatching, WorkCounter } from './normalise';
import { hasPhoneNumber } from './phone';

export { normaliseDigits, normaliseForMatching } from './normalise';

export type IdentifierKind = 'phone' | 'email' | 'id_number' | 'date_of_birth' | 'address' | 'person_age';

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  phone: 'a phone number',
  email: 'an e-mail address',
  id_number: 'an ID, passport or case number',
  date_of_birth: 'a date of birth',
  address: 'an address or shelter location',
  person_age: "a person's name or description with their age",
};

/**
 * The patterns are matched on the normalised text (see normalise.ts), so Arabic and Kurdish words
 * in them are folded the same way; every repetition in them is bounded (bounded-pattern.ts).
 */
const fold = (source: string) => foldCharacters(source);
const PATTERNS: RegExp[] = [];
function pattern(source: string, flags = 'iu'): RegExp {
  const built = boundedPattern(fold(source), flags);
  PATTERNS.push(built);
  return built;
}

// --- e-mail addresses, plain and obfuscated ("fatima.h at example dot com", "[at]", "(dot)")
const LOCAL = String.raw`[\p{L}\p{N}._%+-]{1,64}`;
const LABEL = String.raw`[\p{L}\p{N}-]{1,63}`;
const OPEN = String.raw`[\[({<]`;
const CLOSE = String.raw`[\])}>]`;
const AT_HIDDEN = String.raw`(?:\s{0,3}${OPEN}\s{0,2}(?:at|@)\s{0,2}${CLOSE}\s{0,3}|\s{1,3}@\s{0,3}|\s{0,3}@\s{1,3})`;
const DOT_HIDDEN = String.raw`(?:\s{0,3}${OPEN}\s{0,2}(?:dot|\.)\s{0,2}${CLOSE}\s{0,3}|\s{1,3}dot\s{1,3})`;
const DOT_ANY = String.raw`(?:${DOT_HIDDEN}|\.)`;
const TLD =
  'com|org|net|info|edu|gov|int|io|me|co|uk|de|fr|it|gr|tr|jo|lb|iq|sy|eg|ps|ke|ug|et|sd|bd|example';
const EMAIL = pattern(`${LOCAL}@${LABEL}(?:\\.${LABEL}){1,6}`);
const EMAIL_HIDDEN = [
  pattern(`${LOCAL}${AT_HIDDEN}${LABEL}(?:${DOT_ANY}${LABEL}){1,4}`),
  pattern(`${LOCAL}\\s{1,3}at\\s{1,3}${LABEL}(?:${DOT_ANY}${LABEL}){0,3}${DOT_HIDDEN}${LABEL}`),
  pattern(`${LOCAL}\\s{1,3}at\\s{1,3}${LABEL}(?:\\.${LABEL}){0,3}\\.(?:${TLD})(?![\\p{L}\\p{N}])`),
];

// --- ID, passport and case numbers near a word that names them
const ID_WORDS = String.raw`\b(?:passports?|pass\.?|id|ids|identity|national\s{1,3}id|id\s{1,3}card|card|case|case\s{1,3}file|file|registration|reg|unhcr|progres|individual|certificate|residence\s{1,3}permit|permit|family\s{1,3}book|booklet|nasname|doz)\b|pasaport\p{L}{0,8}|jimar\p{L}{0,8}|الرقم\s{1,3}الوطني|الرقم\s{1,3}الشخصي|جواز|هوية|الهوية|ملف|قضية|تسجيل|بطاقة|المفوضية|دفتر\s{1,3}العائلة|پاسپۆرت|ناسنامە|دۆسیە|کەیس|تۆمار`;
const ID_VALUE = String.raw`(?:[A-Z]{0,3}[-\s]?)?\d[\dA-Z-]{4,20}\d|\b[A-Z]{1,2}\d{6,9}\b`;
const ID_NUMBER = pattern(`(?:${ID_WORDS})[^\\n]{0,25}?(?:${ID_VALUE})`);
const UNHCR_CASE = pattern(String.raw`\b\d{3}-\d{2}[A-Z]\d{4,12}\b|\b\d{3}-\d{8}\b`);

// --- dates of birth: a birth word near a full date
const BIRTH_WORDS = String.raw`\b(?:born|dob|date\s{1,3}of\s{1,3}birth|birth\s{0,3}date|birthday|birth)\b|\b(?:d\.o\.b\.?|b\.)(?!\p{L})|(?<!\p{L})[وف]?(?:مواليد|تاريخ\s{1,3}الميلاد|ميلاد|الميلاد|ولد|ولدت|مولود|مولودة)|jidayik|hatiye\s{1,3}dinê|ji\s{1,3}dayik|لە\s{0,3}دایک\s{0,3}بوو\p{L}{0,3}`;
const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|' +
  'يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|' +
  'کانوون|شوبات|ئازار|ئایار|حوزەیران|تەممووز|ئاب|ئەیلوول|تشرین|' +
  'kanûn|sibat|adar|nîsan|gulan|hezîran|tîrmeh|tebax|îlon|cotmeh|mijdar|berfanbar';
const FULL_DATE = String.raw`\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?!\d)|\b\d{4}[./-]\d{1,2}[./-]\d{1,2}(?!\d)|\d{1,2}(?:st|nd|rd|th|ی|ê|ە)?\s{0,3}(?:(?:of|من)\s{1,3})?(?<!\p{L})(?:${MONTHS})\p{L}{0,2}\s{0,3}\d{4}|(?<!\p{L})(?:${MONTHS})\s{1,3}\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s{1,3}(?:of\s{1,3})?(?:${MONTHS})(?!\p{L})`;
const DATE_OF_BIRTH = [
  pattern(`(?:${BIRTH_WORDS})[^\\n]{0,30}?(?:${FULL_DATE})`),
  pattern(`(?:${FULL_DATE})[^.\\n]{0,20}?(?:${BIRTH_WORDS})`),
];

// --- addresses and shelter locations
const SHELTER = pattern(
  String.raw`(?<!\b(?:toilet|toilets|latrine|latrines|washing|sanitation|shower|showers|school|storage|office|kitchen|admin|water)\s)\b(?:tent|tents|caravan|caravans|shelter|block|row|container|plot|hut|house|apartment|flat|street|st\.|road|lane|avenue|kon|karavan|blok|kolan|xanî)\s{0,3}(?:no\.?|number|nr\.?|#|num\.?)?\s{0,3}[A-Z]?-?\d{1,6}[A-Z]?\b` +
    String.raw`|(?:\b(?:kon|karavan|blok|kolan|xanî|malê)\p{L}{0,3})\s{0,3}(?:yê|ya|a|ê)?\s{0,3}(?:no\.?|hejmar\p{L}{0,4})?\s{0,3}\d{1,6}` +
    String.raw`|(?:خيمة|كرفان|كرافان|الكرفان|الخيمة|بلوك|البلوك|شارع|منزل|بيت|صف\s{1,3}رقم|بناية|عمارة|شقة)\s{0,3}(?:رقم)?\s{0,3}[A-Z]?-?\d{1,6}` +
    String.raw`|(?:خێوەت|خێمە|کەرەڤان|کارەڤان|کاروان|کۆڵان|شەقام|خانوو)\p{L}{0,4}\s{0,3}(?:ژمارە\p{L}{0,2}\s{0,3})?\d{1,6}`,
);
/** Roman numerals after a shelter word: "tent IV", "Caravan XII" (case kept: "tent I need" is not one). */
const SHELTER_ROMAN = pattern(
  String.raw`\b(?:[Tt]ents?|[Cc]aravans?|[Ss]helter|[Cc]ontainer|[Pp]lot|[Hh]ut|TENT|CARAVAN)\s{1,3}(?:[Nn]o\.?\s{0,2}|[Nn]umber\s{1,3})?(?:[IVXL]{2,6}|[IVX](?=\s{0,2}(?:$|[,.;:!)])))\b`,
  'u',
);
const STREET_ADDRESS = pattern(
  String.raw`\b\d{1,5}[A-Z]?,?\s{1,3}(?:[\p{Lu}][\p{L}'-]{0,30}\s{1,3}){1,3}(?:street|st\.?|road|rd\.?|avenue|ave\.?|lane|boulevard|blvd\.?|way|square)\b|\blives?\s{1,3}(?:at|on|in)\s{1,3}(?:no\.?\s{0,3})?\d{1,5}`,
);

// --- a person with an age
const PERSON_WORDS =
  'boy|girl|child|kid|son|daughter|twin|twins|woman|man|widow|widower|orphan|baby|infant|toddler|teen|teenager|brother|sister|' +
  'mother|father|mum|dad|husband|wife|grandmother|grandfather|grandson|granddaughter|uncle|aunt|niece|nephew|' +
  'student|pupil|survivor|victim|beneficiary|he|she|him|her';
/** A number that is one age, not the bound of a range ("6-12", "8 to 10", "10 and over"). */
const ONE_AGE =
  String.raw`(?<!\d\s{0,2}[-–]\s{0,2})(?<!\bto\s)(?<!\d\s?)(\d{1,2})` +
  String.raw`(?!\s{0,3}(?:[-–]\s{0,2}\d|to|and\s{1,3}(?:over|above|up|older)|or|\+|\d))` +
  // a count of people or things ("a man, 2 women and 3 children"), not an age
  String.raw`(?!\s{1,3}(?:women|men|children|kids|boys|girls|people|persons|adults|babies|families|of|more|others?|times|x)\b)`;
const AGE_UNIT = String.raw`\s{0,3}(?:years?|yrs?|y\/?o|-year-old|year-old|months?|-month-old)\b`;
const NEED_VERB = String.raw`(?:needs?|wants?|has|is|lives|lost|cannot|can't|asked|lacks|misses)\b`;
/** Words before a range's upper bound in Sorani and Kurmanji: "8 بۆ 12", "ji 8 heta 12", "over 60". */
const SORANI_RANGE = String.raw`(?<!(?:بۆ|تا|هەتا|سەروو|سەرووی|ژێر|ژێری|خوار|خوارووی|لە)\s{1,2})(?<![-–]\s{0,1})(?<!\d\s{0,1})`;
const SORANI_PERSON = 'کچ|کوڕ|منداڵ|ژن|پیاو|بێوەژن|هەتیو|کیژ|لاو|ئافرەت|دایک|باوک|نەنک|باپیر';

const PERSON_AGE_PATTERNS: RegExp[] = [
  // a single person (not a plural group) near one age: "a boy named Karim, 9 years old"
  pattern(String.raw`\b(?:${PERSON_WORDS})\b[^.;\n]{0,40}?${ONE_AGE}${AGE_UNIT}`),
  // "the widow, 67,", "her daughter, aged 4", "the eldest son is 17", "an elderly man of 82"
  pattern(
    String.raw`\b(?:${PERSON_WORDS})\b\s{0,3}(?:,\s{0,3}(?:aged?\s{1,3})?|\(\s{0,3}|\s{1,3}(?:aged?|is)\s{1,3})${ONE_AGE}\b` +
      // "of" gives an age only when the person is not a parent: "a man of 82", not "a mother of 4"
      String.raw`|(?<!\b(?:mother|father|mum|dad|parent|grandmother|grandfather)s?)(?<=\b(?:${PERSON_WORDS}))\s{1,3}of\s{1,3}${ONE_AGE}\b`,
  ),
  // "the 13-year-old girl", "a 9-year-old", "a 19 yr old"
  pattern(
    String.raw`\b\d{1,2}[-\s](?:years?|yrs?|yr)[-\s]old\s{1,3}(?:${PERSON_WORDS})\b|\ban?\s{1,3}\d{1,2}[-\s]?(?:years?|yrs?|yr)[-\s]old\b`,
  ),
  // a form: "name: Amira, age: 12", "الاسم: أمل، العمر: ١٢", "nav: Rojda, temen: 11", "ناو: ئامیرا، تەمەن: ١٢"
  pattern(
    String.raw`(?:\bname|\bnav|الاسم|اسم|ناو)\s{0,3}[:=][^\n]{0,40}?(?:\bage|\btemen|العمر|عمر|تەمەن)\s{0,3}[:=]?\s{0,3}${ONE_AGE}(?!\d)`,
  ),
  // "who is 12 years old"
  pattern(String.raw`\b(?:who\s{1,3}is|is|aged?)\s{1,3}\d{1,2}\s{1,3}years?\s{1,3}old\b`),
  // Arabic: a child, son or daughter with an age; "عمره ١٠"; "أمل، ١٢ سنة"
  pattern(
    String.raw`(?<!\p{L})[وف]?(?:الطفل|الطفلة|طفل|طفلة|الولد|ولد|البنت|بنت|الفتاة|فتاة|ابن|ابنة|ابنه|ابنها|ابنتها|ابنته|الصبي|صبي|أرملة|يتيم|يتيمة)[^.،\n]{0,30}?(?<![-–]\s?)(?<!(?:إلى|الى|من)\s)\d{1,2}\s{0,3}(?:سنة|سنوات|عام|عاما|أعوام|شهر|أشهر)(?!\s{0,3}(?:-|–|إلى|الى)\s{0,3}\d)|(?:عمره|عمرها|بعمر|يبلغ\s{1,3}من\s{1,3}العمر|تبلغ\s{1,3}من\s{1,3}العمر)\s{0,3}\d{1,2}(?!\s{0,3}(?:-|–|إلى|الى)\s{0,3}\d)|[\u0621-\u064A]{2,20}\s{0,3}[،,(]\s{0,3}\d{1,2}\s{0,3}(?:سنة|سنوات|عام|عاما|\))|[\u0621-\u064A]{2,20}\s{1,3}\d{1,2}\s{0,3}(?:سنة|سنوات|سنين|عاما|عام)\s{1,3}و?(?:تحتاج|يحتاج|بحاجة|تريد|يريد|لديه|لديها|فقد|فقدت|مريض|مريضة)`,
  ),
  // Kurmanji: "temenê Baran 8 sal e", "kurê wê yê 7 salî"
  pattern(
    String.raw`\btemen\p{L}{0,4}(?!\p{L})(?!\s{1,3}(?:herî|kêmtir|zêdetir|ji\s))[^.\n]{0,25}?(?<!heta\s)(?<![-–]\s?)\d{1,2}\s{1,3}sal(?!\p{L})|\b(?:kur|keç|keçik|kurik|jin|mêr|pîr|xort|zarok|bav|dapîr|bapîr)(?:ê|a|ek|eke)?(?!\p{L})[^.\n]{0,30}?(?<![-–]\s?)(?<!heta\s)(?<!\d)\d{1,2}\s{1,3}salî(?!\p{L})`,
  ),
  // Sorani: "کچەکە تەمەنی ١٢ ساڵە", "ئامیرا، ١٢ ساڵ", a girl or boy with an age in years or months
  pattern(
    String.raw`(?<!(?:کەمترین|زۆرترین|لانیکەم)\s{1,2})تەمەن\p{L}{0,4}(?!\p{L})(?!\s{1,3}(?:کەمتر|زیاتر|سەروو|خوار))[^.\n]{0,25}?${SORANI_RANGE}\d{1,2}\s{0,3}(?:ساڵ|مانگ)` +
      String.raw`|(?<!\p{L})(?:${SORANI_PERSON})(?:ەکە|ەکەی|ێک|ێکی|ی|ە|ەی)?(?!\p{L})[^.\n،]{0,30}?${SORANI_RANGE}\d{1,2}\s{0,3}(?:ساڵ|مانگ)(?!\p{L}{0,3}\s{0,3}(?:-|–|بۆ|تا)\s{0,3}\d)` +
      String.raw`|[\p{Script=Arabic}]{2,20}\s{0,3}[،,(]\s{0,3}\d{1,2}\s{0,3}(?:ساڵ|مانگ)` +
      // a name with years and a need: "ئامیرا ١٢ ساڵە و پێویستی بە پێڵاوە"
      // (a word with the definite or indefinite ending, "خولەکە", "the course", is not a name)
      String.raw`|[\p{Script=Arabic}]{2,20}(?<!ەکە|ەکەی|ەکان|ێک|ێکی)\s{1,3}\d{1,2}\s{0,3}ساڵ\p{L}{0,2}\s{1,3}(?:و\s{1,3})?پێویست`,
  ),
];

const NAME = String.raw`(?:\p{Lu}[\p{Ll}'’-]{1,20}|\p{Lu}{2,20})`;
/** A capitalised name followed by an age: "Amira, 12", "AMIRA, 12", "Ahmed (14)", "Layla aged 7", "Rojda 11 salî". */
const NAME_WITH_AGE = pattern(
  String.raw`(?<![\p{L}])(${NAME})(?:\s{0,3},\s{0,3}(?:age[ds]?\s{1,3})?|\s{0,3}\(\s{0,3}|,?\s{1,3}(?:aged?|is|who\s{1,3}is)\s{1,3})${ONE_AGE}(?:\s{0,3}\)|${AGE_UNIT}|\s{0,3}(?=[,.;:!]|$)|\s{1,3}(?=and\b|is\b|has\b|needs?\b|lives\b|wants\b))` +
    String.raw`|(?<![\p{L}])(${NAME}),?\s{1,3}(?:bi\s{1,3})?${ONE_AGE}\s{1,3}salî(?!\p{L})`,
  'gu',
);
/** "Hasan 8 years old" */
const NAME_YEARS_OLD = pattern(
  String.raw`(?<![\p{L}])(${NAME})\s{1,3}${ONE_AGE}\s{0,3}(?:years?|yrs?)[-\s]old\b`,
  'gu',
);
/**
 * Any word, whatever its case, with one age and a verb of need after it: "amira, 12, needs shoes",
 * "Ahmed 14 needs shoes". The word is refused only when it is not one of the ordinary words that
 * precede a number in a need ("room 12 needs", "grade 6 has").
 */
const WORD_AGE_VERB = pattern(
  String.raw`(?<![\p{L}\p{N}])(\p{L}{2,20})(?:\s{0,3}[,(–-]\s{0,3}|\s{1,3})${ONE_AGE}(?:\s{0,3}[,)–-]\s{0,3}|\s{1,3})${NEED_VERB}`,
  'giu',
);
/** "Amira - 12 years", "Amira: 12 years", "12-year-old Amira" */
const NAME_DASH_AGE = pattern(
  String.raw`(?<![\p{L}])(${NAME})\s{0,3}[-–:]\s{0,3}${ONE_AGE}${AGE_UNIT}|\b\d{1,2}[-\s](?:years?|yrs?|yr)[-\s]old,?\s{1,3}(\p{Lu}\p{Ll}{1,20})`,
  'gu',
);
/** Several names each with a number, as in a list of children: "Adam 5, Sara 8 and Jana 11". */
const NAME_NUMBER_PAIR = pattern(
  String.raw`(?<![\p{L}])(\p{Lu}\p{Ll}{1,20})\s{1,3}(\d{1,2})(?![\d:.\-–\p{L}])`,
  'gu',
);

/** Words that precede a number in ordinary needs and are not names. */
const NOT_NAMES = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays ' +
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'room rooms hall grade level size sizes module unit units class classes group groups bus line building floor session sessions ' +
    'week weeks day days phase step stage part chapter lesson lessons box boxes kit kits item items total age ages aged ' +
    'children kids girls boys women men adults youth families pupils students volunteers people participants teachers ' +
    'english arabic kurdish french math maths science covid team teams shift shifts table tables year years tent tents ' +
    'block row caravan district sector zone area camp camps school centre center clinic capacity budget price cost ' +
    'number count quantity limit max minimum maximum duration attendance ticket order invoice page version ' +
    'gate gates lab labs point points section sections kitchen toilet toilets latrine latrines well wells tap taps generator ' +
    'truck trucks van vans car cars route routes channel window windows door doors shelf shelves pallet pallets tank tanks ' +
    'laptop laptops computer computers printer printers phone phones tablet tablets projector radio radios machine machines ' +
    'bike bikes bicycle bicycles vehicle vehicles cabinet fridge heater heaters stove stoves lamp lamps fan fans router panel panels battery batteries project projects ' +
    'station stations ward wards bed beds desk desks batch batches round rounds cycle cycles term terms semester month months ' +
    'hour hours minute minutes shop shops market water tap pump pumps field fields court courts pitch pitches playground ' +
    'only about around approx approximately another extra more less last first next other these those all some any each every ' +
    'need needs and or but the a an of for with than from at on in by to over under up into per via plus nearly almost just ' +
    'we they it this that there here our their its is are was were be been has have had will can must should may ' +
    'top no nr num ref code type model version item priority option slot slots place places seat seats copy copies ' +
    'zarok zarokên keçên kurên jinên mêrên ciwanên malbatên xwendekarên şagirtên dilxwazên pola proje projeya ' +
    'crate crates workshop workshops cohort cohorts bag bags basket baskets carton cartons parcel parcels package packages ' +
    'sack sacks bundle bundles load loads shipment shipments delivery deliveries convoy convoys bay bays aisle aisles ' +
    'rack racks bin bins locker lockers cabin cabins wing wings corridor exam exams test tests quiz course courses ' +
    'training trainings activity activities game games match matches league leagues player players volunteer teacher ' +
    'coach coaches driver drivers nurse nurses doctor doctors form forms sheet sheets list lists folder report reports ' +
    'question questions task tasks camera screen screens monitor monitors tool tools ladder ladders shower showers ' +
    'sink sinks boiler pipe pipes valve meter meters cable cables bulb bulbs light lights pole poles sign signs ' +
    'poster posters circle circles club clubs choir squad squads crew crews pharmacy hospital ambulance trip trips visit visits turn'
  ).split(' '),
);

function hasPersonAge(text: string, work: WorkCounter): boolean {
  work.steps += text.length;
  const usesCapitals = /\p{Lu}/u.test(text);
  if (PERSON_AGE_PATTERNS.some((rule) => matches(rule, text, work))) return true;
  for (const found of [
    ...allMatches(NAME_WITH_AGE, text, work),
    ...allMatches(NAME_YEARS_OLD, text, work),
    ...allMatches(WORD_AGE_VERB, text, work),
    ...allMatches(NAME_DASH_AGE, text, work),
  ]) {
    const name = found[1] ?? found[3];
    if (!name || NOT_NAMES.has(name.toLowerCase())) continue;
    // A lower-case word is taken for a name only where case tells nothing: a text written all in
    // lower case ("amira, 12, needs shoes"); where the writer capitalises, it is an ordinary word.
    if (/^\p{Ll}/u.test(name) && usesCapitals) continue;
    return true;
  }
  const pairs = allMatches(NAME_NUMBER_PAIR, text, work).filter(
    (found) => !NOT_NAMES.has(found[1].toLowerCase()),
  );
  return pairs.length >= 2;
}

/** Every pattern of the guard, for the test that checks each is bounded. */
export const GUARD_PATTERNS: readonly RegExp[] = PATTERNS;

/** What the guard found in a text, and how much work it did (characters and words visited). */
export interface GuardReport {
  kinds: IdentifierKind[];
  steps: number;
}

let calls = 0;

/**
 * How many texts the guard has read since the process started: lets a test show that an oversized
 * request is refused before any of its texts is read (take the figure before and after).
 */
export function guardCalls(): number {
  return calls;
}

/** The guard with its work counted; `findIdentifiers` is this without the count. */
export function inspectText(input: string): GuardReport {
  calls += 1;
  const work: WorkCounter = { steps: 0 };
  const text = normaliseForMatching(input, work);
  const kinds: IdentifierKind[] = [];
  if (matches(EMAIL, text, work) || EMAIL_HIDDEN.some((rule) => matches(rule, text, work)))
    kinds.push('email');
  if (matches(UNHCR_CASE, text, work) || matches(ID_NUMBER, text, work)) kinds.push('id_number');
  if (DATE_OF_BIRTH.some((rule) => matches(rule, text, work))) kinds.push('date_of_birth');
  if (hasPhoneNumber(text, work)) kinds.push('phone');
  if (
    matches(SHELTER, text, work) ||
    matches(SHELTER_ROMAN, text, work) ||
    matches(STREET_ADDRESS, text, work)
  )
    kinds.push('address');
  if (hasPersonAge(text, work)) kinds.push('person_age');
  return { kinds, steps: work.steps };
}

/**
 * The kinds of personal identifier a free text carries; empty when it is safe to store. Haven
 * stores no victim-identifying data, so every free-text field passes through here before anything
 * is written. The caller learns the kinds, never the matched text.
 */
export function findIdentifiers(input: string): IdentifierKind[] {
  return inspectText(input).kinds;
}

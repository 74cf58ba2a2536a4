import { boundedPattern } from './bounded-pattern';
import { WorkCounter } from './normalise';

/** Dates, times and document references are not phone numbers, however many digits they have. */
const NUMERIC_DATE_OR_TIME = boundedPattern(
  String.raw`(?<![+\d-])(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2})(?!\d|[./-]\d)|\b\d{1,2}:\d{2}\b|\b[A-Z]{2,4}-\d{4}-\d{3,5}\b`,
  'giu',
);

/** "plus" read out before a number: "plus nine six two …". */
const PLUS_WORD = boundedPattern(String.raw`\bplus\s{1,2}(?=\d)`, 'giu');

/** A run of digits, with the separator characters before it (at most two) and a leading +. */
interface Group {
  digits: string;
  linked: boolean; // joined to the previous group by one or two separator characters
  plus: boolean;
}

const SEPARATOR = /[ .\-/(),]/;

/** The digit groups of a text, in one pass. */
function digitGroups(text: string): Group[] {
  const groups: Group[] = [];
  let gap = Infinity; // separator characters since the last group
  let comma = false; // a comma among them
  let i = 0;
  while (i < text.length) {
    const character = text[i];
    if (character >= '0' && character <= '9') {
      let end = i;
      while (end < text.length && text[end] >= '0' && text[end] <= '9') end += 1;
      const digits = text.slice(i, end);
      const plus = text[i - 1] === '+' || (text[i - 1] === '(' && text[i - 2] === '+');
      // Digits read out one by one may be grouped with commas: "0 7 7, 9 8 7, 6 5 4 3".
      const previous = groups[groups.length - 1];
      const spoken = comma && digits.length === 1 && previous?.digits.length === 1;
      groups.push({ digits, linked: gap >= 1 && gap <= 2 && !plus && (!comma || spoken), plus });
      gap = 0;
      comma = false;
      i = end;
      continue;
    }
    if (character === ',') comma = true;
    gap = SEPARATOR.test(character) ? gap + 1 : Infinity;
    i += 1;
  }
  return groups;
}

/** Whether the groups from index `start` on, read as one number, are a phone number. */
function phoneFrom(groups: Group[], start: number): boolean {
  const first = groups[start];
  const international = first.plus || first.digits.startsWith('00');
  const local = !international && first.digits.startsWith('0');
  let digits = 0;
  let count = 0;
  for (let k = start; k < groups.length && (k === start || groups[k].linked); k += 1) {
    digits += groups[k].digits.length - (k === start && first.digits.startsWith('00') ? 2 : 0);
    count += 1;
    if (digits > 15) return false;
    if (international && digits >= 8) return true;
    if (local && digits >= 9 && digits <= 12) return true;
    // A local number written without its leading 0 and grouped as one: "79 123 4567".
    if (
      !international &&
      !local &&
      count >= 3 &&
      (digits === 9 || digits === 10) &&
      first.digits.length >= 2 &&
      first.digits.length <= 3 &&
      groups[k].digits.length >= 3
    )
      return true;
  }
  return false;
}

/**
 * Phone numbers are looked for only in runs of digits (with spaces, dots, dashes, slashes and
 * brackets between the groups), in one pass: a number with + or 00 and 8–15 digits, a local number
 * with a leading 0 and 9–12 digits (numbers of the camps' host countries), or 9–10 digits grouped
 * like one. Each run is read at most 15 digits from each of its starts, so the cost is linear.
 */
export function hasPhoneNumber(input: string, work: WorkCounter): boolean {
  work.steps += input.length;
  const text = input
    .replace(NUMERIC_DATE_OR_TIME, (found) => ' '.repeat(found.length))
    .replace(PLUS_WORD, (found) => `${' '.repeat(found.length - 1)}+`);
  const groups = digitGroups(text);
  work.steps += text.length;
  for (let start = 0; start < groups.length; start += 1) {
    work.steps += 1;
    const first = groups[start].digits;
    if ((groups[start].plus || first.startsWith('0') || first.length >= 2) && phoneFrom(groups, start))
      return true;
  }
  return false;
}

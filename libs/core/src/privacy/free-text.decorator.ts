import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { findIdentifiers, IDENTIFIER_LABELS, IdentifierKind } from './privacy-guard';

export const PRIVACY_CONSTRAINT = 'privacySafe';

const ADVICE = 'Haven stores no personal details of the people you serve, only aggregate counts';

function labelsOf(kinds: IdentifierKind[]): string {
  return kinds.map((kind) => IDENTIFIER_LABELS[kind]).join(' and ');
}

/** How a list is read as one text: the way it is shown to people. */
const joinList = (entries: string[]) => entries.join(', ');

interface Finding {
  where: string; // `skills[2]`, or `skills` for the list read as one text
  kinds: IdentifierKind[];
}

/**
 * The first identifier a value carries: for a list, each entry first (named `field[i]`), then the
 * list read as one text (named `field`). Values over their bounds are left to the length and size
 * checks, so the guard's work per request is bounded by the declared limits.
 */
function inspect(
  value: unknown,
  field: string,
  limits: { maxLength: number; maxItems?: number },
): Finding | null {
  if (typeof value === 'string') {
    if (value.length > limits.maxLength) return null;
    const kinds = findIdentifiers(value);
    return kinds.length > 0 ? { where: field, kinds } : null;
  }
  if (!Array.isArray(value) || limits.maxItems === undefined || value.length > limits.maxItems) return null;
  if (!value.every((entry) => typeof entry === 'string' && entry.length <= limits.maxLength)) return null;
  const entries = value as string[];
  for (const [index, entry] of entries.entries()) {
    const kinds = findIdentifiers(entry);
    if (kinds.length > 0) return { where: `${field}[${index}]`, kinds };
  }
  const kinds = findIdentifiers(joinList(entries));
  return kinds.length > 0 ? { where: field, kinds } : null;
}

/**
 * What `validate` found in a refused value, kept on the object being validated (and so dropped with
 * it) until the message is written: the message names the finding without reading the text again.
 * For the largest refused bodies this halves the guard's work, all of it on the event loop.
 */
const findings = new WeakMap<object, Map<string, { value: unknown; finding: Finding }>>();

function remember(args: ValidationArguments, finding: Finding): void {
  if (typeof args.object !== 'object' || args.object === null) return;
  let known = findings.get(args.object);
  if (!known) findings.set(args.object, (known = new Map()));
  known.set(args.property, { value: args.value, finding });
}

/** The finding `validate` kept for this very value, taken once. */
function recall(args: ValidationArguments): Finding | undefined {
  const known =
    typeof args.object === 'object' && args.object !== null ? findings.get(args.object) : undefined;
  const kept = known?.get(args.property);
  known?.delete(args.property);
  return kept && kept.value === args.value ? kept.finding : undefined;
}

function privacyMessage(
  args: ValidationArguments,
  limits: { maxLength: number; maxItems?: number },
  known?: Finding,
): string {
  // With `each: true` class-validator checks entries one by one but reports the whole list here.
  const finding =
    known ?? inspect(args.value, args.property, { ...limits, maxItems: limits.maxItems ?? 1000 });
  if (!finding) return `${args.property} contains personal details; ${ADVICE}`;
  const whole =
    Array.isArray(args.value) && finding.where === args.property ? ' (the list read as one text)' : '';
  return `${finding.where}${whole} contains ${labelsOf(finding.kinds)}; ${ADVICE}`;
}

/**
 * Refuses a text, or a list of texts, that carries a personal identifier. The message names the
 * field (`skills[2]`, or `skills` for the list read as one text) and the kinds, never the text.
 * Use `@FreeText`, which includes this; it is exported for formats that need their own shape
 * (a URL, for example).
 */
export function IsPrivacySafe(
  options: ValidationOptions & {
    maxLength?: number;
    maxItems?: number;
    prepare?: (value: string) => string;
  } = {},
): PropertyDecorator {
  const { maxLength = 100_000, maxItems, prepare = (value: string) => value, ...validationOptions } = options;
  const limits = { maxLength, maxItems };
  const prepared = (value: unknown) => (typeof value === 'string' ? prepare(value) : value);
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: PRIVACY_CONSTRAINT,
      target: target.constructor,
      propertyName: String(propertyName),
      options: validationOptions,
      validator: {
        validate: (value: unknown, args) => {
          const finding = inspect(prepared(value), args?.property ?? '', limits);
          // With `each: true` the value is one entry of args.value: its message reads the whole list.
          if (finding && args && args.value === value) remember(args, finding);
          return finding === null;
        },
        defaultMessage: (args) =>
          privacyMessage({ ...args!, value: prepared(args!.value) }, limits, recall(args!)),
      },
    });
}

/* eslint-disable no-control-regex -- matching control characters is the point */
/** Control characters (C0, DEL, C1); newline, carriage return and tab are allowed in long texts. */
const NO_CONTROL = /^[^\u0000-\u001F\u007F-\u009F]*$/;
const NO_CONTROL_BUT_LINES = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;
/* eslint-enable no-control-regex */

export interface FreeTextOptions {
  /** Shortest accepted length after trimming; 1 unless said. */
  min?: number;
  /**
   * Newline and tab allowed (other control characters never are). By default allowed in long texts
   * (more than 200 characters: descriptions, bios, reasons, notes) and refused in short ones.
   */
  multiline?: boolean;
  /** A list of texts of at most `maxItems` entries: each entry is checked, and the list read as one text. */
  maxItems?: number;
}

const trim = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

/**
 * THE decorator for every text a person writes into Haven — names, titles, descriptions, reasons,
 * notes, bios, item names and units, list entries such as skills. It trims, bounds the length,
 * refuses control characters (400) and runs the privacy guard (422 naming the field and the kind
 * of identifier, never the text). A test walks every DTO and fails on a text field without it.
 *
 *   @FreeText(200)                          a single-line text of 1–200 characters
 *   @FreeText(5000)                         a long text: newlines and tabs allowed
 *   @FreeText(200, { min: 3 })              at least 3 characters
 *   @FreeText(50, { maxItems: 30 })         a list of up to 30 texts of 1–50 characters
 *
 * The second argument may also be a number, the minimum length (`@FreeText(200, 3)`).
 */
export function FreeText(maxLength: number, options: number | FreeTextOptions = {}): PropertyDecorator {
  const {
    min = 1,
    multiline = maxLength > 200,
    maxItems,
  } = typeof options === 'number' ? { min: options } : options;
  const controls = multiline ? NO_CONTROL_BUT_LINES : NO_CONTROL;
  const controlMessage = multiline
    ? 'must not contain control characters (newlines and tabs are allowed)'
    : 'must not contain control characters, newlines or tabs';
  if (maxItems === undefined) {
    return applyDecorators(
      Transform(({ value }) => trim(value)),
      IsString(),
      Length(min, maxLength),
      Matches(controls, { message: controlMessage }),
      IsPrivacySafe({ maxLength }),
    );
  }
  return applyDecorators(
    Transform(({ value }) => (Array.isArray(value) ? value.map(trim) : value)),
    IsArray(),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    Length(min, maxLength, { each: true }),
    Matches(controls, { each: true, message: `each ${controlMessage}` }),
    IsPrivacySafe({ maxLength, maxItems }),
  );
}

/** A URL read as text: percent-escapes decoded and its punctuation as spaces, beside the URL itself. */
function urlAsText(url: string): string {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // a malformed escape is left as it is
  }
  return `${decoded}\n${decoded.replace(/[/._\-?=&+#:~%]/g, ' ')}`;
}

/**
 * An http(s) address that a person writes (an organisation's website): a URL, and text too — its
 * path and query pass the privacy guard (`https://example.org/amira-12-tent-4` is refused with 422).
 */
export function WebAddress(maxLength = 500): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => trim(value)),
    IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' }),
    MaxLength(maxLength),
    IsPrivacySafe({ maxLength: 2 * maxLength + 1, prepare: urlAsText }),
  );
}

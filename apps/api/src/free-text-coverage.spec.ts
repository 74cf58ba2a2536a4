import 'reflect-metadata';
import { getMetadataStorage, IsString, Length, MaxLength } from 'class-validator';
import { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { AppConfig, FreeText, IsPrivacySafe, PRIVACY_CONSTRAINT } from '@haven/core';
import './api.module';

/**
 * Every string a client sends passes the privacy guard (`@FreeText`, or a format decorator that
 * includes the guard) unless it is listed here, by class and field, with the reason it cannot carry
 * a beneficiary's identity. A field is a string when TypeScript declares it `string` or `string[]`
 * or when any string rule (`@IsString`, `@Length`, `@MaxLength`, `@Matches`…) is on it, so a new
 * field declared with `@Length` alone fails this test too.
 */
const NOT_FREE_TEXT: Record<string, string> = {
  'RegisterDto.email': 'the account holder’s own e-mail, checked as an address',
  'RegisterDto.password': 'a secret, never stored or shown',
  'LoginDto.email': 'a sign-in attempt, never stored',
  'LoginDto.password': 'a secret, never stored or shown',
  'RefreshDto.refreshToken': 'a token',
  'AccountTokenDto.token': 'a verification or reset token, compared by its hash',
  'PasswordResetConfirmDto.password': 'a secret, stored only as an argon2id hash',
  'ChangePasswordDto.currentPassword': 'a secret, never stored or shown',
  'ChangePasswordDto.newPassword': 'a secret, stored only as an argon2id hash',
  'DeleteAccountDto.password': 'a secret, never stored or shown',
  'CalendarQuery.token': 'a calendar feed token, compared by its hash',
  'PageQuery.cursor': 'a cursor this API issued',
  'ApplyOrganizationDto.contactEmail': 'the organisation’s office address, checked as an address',
  'InviteDto.email': 'a colleague’s account address, checked as an address',
  'NeedListQuery.q': 'a search, never stored',
  'TaskListQuery.skill': 'a filter, never stored',
  'AuditLogQuery.entity': 'an audit-log filter, never stored',
  'AuditLogQuery.action': 'an audit-log filter, never stored',
  'AvailabilityDto.from': 'a time of day, HH:MM',
  'AvailabilityDto.to': 'a time of day, HH:MM',
  'QuietHoursDto.from': 'a time of day, HH:MM',
  'QuietHoursDto.to': 'a time of day, HH:MM',
  'PhoneDto.phone': 'the volunteer’s own number, parsed and stored in E.164 only',
  'PhoneCodeDto.code': 'six digits, compared by their keyed hash',
  'ReportRangeQuery.from': 'a calendar date, YYYY-MM-DD (@Matches)',
  'ReportRangeQuery.to': 'a calendar date, YYYY-MM-DD (@Matches)',
};

/** Rules that make a string a closed format rather than free text. */
const CLOSED_FORMATS = new Set([
  'isEmail',
  'isUuid',
  'isIn',
  'isEnum',
  'isISO31661Alpha2',
  'isTimeZone',
  'languageTag',
  'isIso8601',
  'isDateString',
  'isBoolean',
  'isInt',
  'isNumber',
]);
/** Rules that say a field is a string (or a list of strings). */
const STRING_RULES = new Set([
  'isString',
  'isLength',
  'minLength',
  'maxLength',
  'matches',
  'contains',
  'notContains',
  'isAlpha',
  'isAlphanumeric',
  'isAscii',
  'isNotEmpty',
  'isUrl',
]);

type Storage = { validationMetadatas: Map<abstract new () => unknown, ValidationMetadata[]> };

/** `Class.field` of every string field, in every class with validation rules, that lacks the guard. */
function unguardedStringFields(only?: (abstract new () => unknown)[]): string[] {
  const storage = getMetadataStorage() as unknown as Storage;
  const unguarded: string[] = [];
  for (const [target, metadatas] of storage.validationMetadatas) {
    if (target === AppConfig) continue; // the environment, not a request
    if (only && !only.includes(target)) continue;
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const metadata of metadatas) {
      byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
    }
    for (const [property, rules] of byProperty) {
      const declared = Reflect.getMetadata('design:type', target.prototype, property);
      const names = rules.map((rule) => rule.name ?? '');
      const isString = declared === String || names.some((name) => STRING_RULES.has(name));
      const closed = names.some((name) => CLOSED_FORMATS.has(name));
      const guard = rules.find((rule) => rule.name === PRIVACY_CONSTRAINT);
      const key = `${target.name}.${property}`;
      if (isString && !closed && !guard && !(key in NOT_FREE_TEXT)) unguarded.push(key);
      // a list must be read as one text too, which `@FreeText(n, { maxItems })` does and `each` does not
      if (guard?.each) unguarded.push(`${key} (entries only, not the list read as one text)`);
    }
  }
  return unguarded;
}

describe('privacy guard coverage', () => {
  it('guards every string field and every list of strings of every request', () => {
    expect((getMetadataStorage() as unknown as Storage).validationMetadatas.size).toBeGreaterThan(10);
    expect(unguardedStringFields()).toEqual([]);
  });

  it('lists no exemption that no longer exists', () => {
    const storage = getMetadataStorage() as unknown as Storage;
    const fields = new Set(
      [...storage.validationMetadatas].flatMap(([target, metadatas]) =>
        metadatas.map((metadata) => `${target.name}.${metadata.propertyName}`),
      ),
    );
    expect(Object.keys(NOT_FREE_TEXT).filter((key) => !fields.has(key))).toEqual([]);
  });

  it('catches a text with @Length, @MaxLength or @IsString alone, and a list guarded entry by entry only', () => {
    class Forgetful {
      @Length(1, 200) note: string;
      @MaxLength(50) label: string;
      @IsString({ each: true }) tags: string[];
      @FreeText(200) fine: string;
      @FreeText(50, { maxItems: 10 }) fineList: string[];
      @IsPrivacySafe({ each: true }) entriesOnly: string[];
    }
    expect(unguardedStringFields([Forgetful]).sort()).toEqual([
      'Forgetful.entriesOnly (entries only, not the list read as one text)',
      'Forgetful.label',
      'Forgetful.note',
      'Forgetful.tags',
    ]);
  });
});

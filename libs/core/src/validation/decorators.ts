import { applyDecorators } from '@nestjs/common';
import { ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsISO8601,
  Matches,
  registerDecorator,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';

/**
 * Language, optional script and optional region, in canonical case: `ar`, `ku-Latn`, `ckb-IQ`,
 * `es-419`. Variant, extension (`-u-`, `-t-`…) and private-use (`-x-`) subtags are refused: they
 * are free letters and digits, so a tag such as `ar-x-amira-age12-tent4` could carry a person.
 */
const PLAIN_TAG = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$/;

/** The canonical form of a BCP 47 language tag (`en-gb` → `en-GB`), or null if it is not one we accept. */
export function canonicalLanguageTag(value: unknown): string | null {
  // Primary language subtags are two or three letters; longer ones are reserved and unused.
  if (typeof value !== 'string' || value.length > 35 || !/^[a-z]{2,3}(-|$)/i.test(value)) return null;
  try {
    const canonical = Intl.getCanonicalLocales(value)[0];
    return canonical !== undefined && PLAIN_TAG.test(canonical) ? canonical : null;
  } catch {
    return null;
  }
}

/** BCP 47 language tags (a list unless `each: false`), made canonical; checked by the runtime's own parser. */
export function LanguageTags(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) =>
      Array.isArray(value)
        ? value.map((tag) => canonicalLanguageTag(tag) ?? tag)
        : (canonicalLanguageTag(value) ?? value),
    ),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'languageTag',
        target: target.constructor,
        propertyName: String(propertyName),
        options: {
          each: true,
          message:
            'each must be a BCP 47 language tag such as ar, ku-Latn or ckb-IQ, without private-use or extension subtags',
          ...options,
        },
        validator: { validate: (value: unknown) => canonicalLanguageTag(value) === value },
      }),
  );
}

/** A query-string boolean: `true` or `false`, nothing else. */
export function QueryBoolean(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean({ message: 'must be true or false' }),
  );
}

/** A calendar date, `YYYY-MM-DD`. */
export function IsoDate(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' }),
    IsISO8601({ strict: true }, { message: 'must be a real calendar date (YYYY-MM-DD)' }),
  );
}

/** An instant with its offset, such as `2026-12-01T09:00:00.000Z`; turned into a Date. */
export function IsoInstant(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
      message: 'must be an ISO 8601 time with its offset, such as 2026-12-01T09:00:00.000Z',
    }),
    IsISO8601({ strict: true }, { message: 'must be a real ISO 8601 time' }),
  );
}

/** May be left out, but not sent as null (unlike `@IsOptional()`, which lets null through unchecked). */
export const Omittable = () => ValidateIf((_object, value) => value !== undefined);

/** PostgreSQL text cannot hold NUL, and no field of ours wants other control characters (C0, DEL, C1). */
export const NoControlCharacters = (options?: ValidationOptions) =>
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  Matches(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/, {
    message: 'must not contain control characters',
    ...options,
  });

/** The body of an action that takes none: absent or `{}`; any field is refused as unknown. */
@ApiSchema({ description: 'No fields: send `{}` or no body at all' })
export class EmptyBody {
  // class-validator refuses a class without metadata, so it gets one property that is never valid.
  @IsOptional()
  @IsIn([], { message: 'is not a field of this request' })
  readonly none?: never;
}

import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Length, registerDecorator, ValidationOptions } from 'class-validator';
import { NoControlCharacters } from '../validation/decorators';
import { findIdentifiers, IDENTIFIER_LABELS } from './privacy-guard';

export const PRIVACY_CONSTRAINT = 'privacySafe';

/** Refuses text that carries a personal identifier; the message names the kinds, never the text. */
export function IsPrivacySafe(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: PRIVACY_CONSTRAINT,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || findIdentifiers(value).length === 0,
        defaultMessage: (args) => {
          const kinds = typeof args?.value === 'string' ? findIdentifiers(args.value) : [];
          return `contains ${kinds.map((kind) => IDENTIFIER_LABELS[kind]).join(' and ')}; Haven stores no personal details of the people you serve, only aggregate counts`;
        },
      },
    });
}

/**
 * Every free-text field of every DTO uses this: a trimmed string of bounded length that has passed
 * the privacy guard. One decorator, so a new field cannot forget the guard.
 */
export function FreeText(maxLength: number, minLength = 1) {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    Length(minLength, maxLength),
    NoControlCharacters(),
    IsPrivacySafe(),
  );
}

import { dictionary } from '@zxcvbn-ts/language-common';
import { registerDecorator, ValidationOptions } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** About 49,000 passwords most common in public breach corpora (zxcvbn's list), lower-cased. */
const COMMON = new Set<string>(
  (dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase()),
);

/**
 * Why a password is refused, or null when it is acceptable. Besides length, it refuses listed
 * passwords and their usual disguises: a listed word padded with digits or symbols
 * ("password1234!"), a repeated short pattern ("abcabcabcabc") and too few distinct characters.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (COMMON.has(lower) || (core.length >= 4 && COMMON.has(core)))
    return 'is too common; choose a less guessable one';
  if (/^(.{1,6})\1+$/.test(lower)) return 'is a repeated pattern; choose a less guessable one';
  if (new Set(lower).size < 5) return 'has too few different characters';
  return null;
}

export function IsAcceptablePassword(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && passwordProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? (passwordProblem(args.value) ?? 'is not acceptable')
            : 'must be a string',
      },
    });
}

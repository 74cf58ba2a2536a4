import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { CommonErrors, FieldError } from '@haven/core';

interface TypeMetadataStorage {
  findTypeMetadata(target: object, property: string): { typeFunction: () => unknown } | undefined;
}
// class-transformer keeps `@Type()` here; its typings do not declare this entry point.
const typeStorage = // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('class-transformer/cjs/storage') as { defaultMetadataStorage: TypeMetadataStorage })
    .defaultMetadataStorage;

type Class = new (...args: never[]) => object;

/** What a DTO declares about one property that can be checked without looking inside values. */
interface Limits {
  maxItems?: number;
  maxLength?: number;
  eachMaxLength?: number;
  nested?: Class;
}

const cache = new Map<Class, Map<string, Limits>>();

function nestedClass(target: Class, property: string): Class | undefined {
  const found = typeStorage.findTypeMetadata(target, property)?.typeFunction();
  return typeof found === 'function' ? (found as Class) : undefined;
}

/** Reads a DTO's own maximums (`@ArrayMaxSize`, `@MaxLength`, `@Length`, nested `@Type`) once. */
function limitsOf(target: Class): Map<string, Limits> {
  const known = cache.get(target);
  if (known) return known;
  const limits = new Map<string, Limits>();
  const metadatas: ValidationMetadata[] = getMetadataStorage().getTargetValidationMetadatas(
    target,
    '',
    true,
    false,
  );
  for (const meta of metadatas) {
    const entry = limits.get(meta.propertyName) ?? {};
    const max =
      meta.name === 'maxLength'
        ? Number(meta.constraints[0])
        : meta.name === 'isLength'
          ? Number(meta.constraints[1])
          : undefined;
    if (meta.name === 'arrayMaxSize') entry.maxItems = Number(meta.constraints[0]);
    if (max !== undefined && Number.isFinite(max)) {
      if (meta.each) entry.eachMaxLength = Math.min(entry.eachMaxLength ?? max, max);
      else entry.maxLength = Math.min(entry.maxLength ?? max, max);
    }
    if (meta.type === 'nestedValidation') entry.nested = nestedClass(target, meta.propertyName);
    limits.set(meta.propertyName, entry);
  }
  cache.set(target, limits);
  return limits;
}

/** Too long even once trimmed (free text is trimmed before its length is checked). */
const tooLong = (value: unknown, max: number) =>
  typeof value === 'string' && value.length > max && value.trim().length > max;

/**
 * The cheap checks of a body or query against its DTO's declared maximums: array sizes and string
 * lengths, nested objects included. Linear in the input and touching no element's content, so an
 * oversized request is refused before any per-element validator (the privacy guard among them) runs.
 */
export function structuralErrors(target: Class, value: unknown, path = ''): FieldError[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const errors: FieldError[] = [];
  const record = value as Record<string, unknown>;
  for (const [property, limits] of limitsOf(target)) {
    const field = path ? `${path}.${property}` : property;
    const given = record[property];
    if (Array.isArray(given) && limits.maxItems !== undefined && given.length > limits.maxItems) {
      errors.push({ field, message: `${property} must contain no more than ${limits.maxItems} elements` });
      continue;
    }
    if (limits.maxLength !== undefined && tooLong(given, limits.maxLength)) {
      errors.push({
        field,
        message: `${property} must be shorter than or equal to ${limits.maxLength} characters`,
      });
      continue;
    }
    const elements = Array.isArray(given) ? given : [given];
    if (limits.eachMaxLength !== undefined && Array.isArray(given)) {
      const index = given.findIndex((element) => tooLong(element, limits.eachMaxLength!));
      if (index >= 0) {
        errors.push({
          field,
          message: `each value in ${property} must be shorter than or equal to ${limits.eachMaxLength} characters`,
        });
        continue;
      }
    }
    if (limits.nested) {
      elements.forEach((element, index) =>
        errors.push(
          ...structuralErrors(limits.nested!, element, Array.isArray(given) ? `${field}.${index}` : field),
        ),
      );
    }
  }
  return errors;
}

/**
 * Runs before the ValidationPipe: refuses a body or query that breaks its DTO's declared maximums
 * with 400, so the full validation (and its per-element privacy guard) only ever sees input of
 * bounded size.
 */
@Injectable()
export class StructurePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const target = metadata.metatype as Class | undefined;
    if ((metadata.type !== 'body' && metadata.type !== 'query') || !isDto(target)) return value;
    const errors = structuralErrors(target, value);
    if (errors.length > 0) throw CommonErrors.validation(errors);
    return value;
  }
}

const PRIMITIVES: unknown[] = [String, Boolean, Number, Array, Object];

function isDto(target: Class | undefined): target is Class {
  return typeof target === 'function' && !PRIMITIVES.includes(target);
}

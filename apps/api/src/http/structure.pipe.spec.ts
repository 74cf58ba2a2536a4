import { getMetadataStorage } from 'class-validator';
import { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { AppConfig } from '@haven/core';
import { CreateNeedDto, UpdateNeedDto } from '../needs/dto/need.dto';
import { VolunteerProfileDto } from '../volunteering/dto/volunteering.dto';
import '../api.module';
import { structuralErrors } from './structure.pipe';

/** Maximums that the structural check reads; a field without one would escape it. */
const BOUNDED = new Set(['maxLength', 'isLength', 'arrayMaxSize']);
/** Checks that bound a value by themselves (an id, an enum member, a date, a pattern of fixed size). */
const SELF_BOUNDED = new Set([
  'isUuid',
  'isIn',
  'isEnum',
  'isISO8601',
  'isEmail',
  'isUrl',
  'languageTag',
  // The password policy refuses anything over 128 characters before it looks further.
  'isAcceptablePassword',
  'isBoolean',
  'isInt',
  'isNumber',
]);

describe('structural checks before validation', () => {
  it('finds every declared maximum: arrays, strings, strings in arrays and nested items', () => {
    expect(
      structuralErrors(VolunteerProfileDto, {
        skills: Array(31).fill('x'),
        bio: 'b'.repeat(2001),
        languages: ['en'],
      }),
    ).toEqual([
      { field: 'skills', message: 'skills must contain no more than 30 elements' },
      { field: 'bio', message: 'bio must be shorter than or equal to 2000 characters' },
    ]);
    expect(structuralErrors(VolunteerProfileDto, { skills: ['ok', 'x'.repeat(51)] })).toEqual([
      { field: 'skills', message: 'each value in skills must be shorter than or equal to 50 characters' },
    ]);
    expect(
      structuralErrors(CreateNeedDto, { items: [{ name: 'ok', unit: 'u'.repeat(51), quantity: 1 }] }),
    ).toEqual([{ field: 'items.0.unit', message: 'unit must be shorter than or equal to 50 characters' }]);
    // Partial types (edits) keep the maximums of what they derive from, nested ones included.
    expect(
      structuralErrors(UpdateNeedDto, { items: Array(51).fill({}), description: 'd'.repeat(5001) }),
    ).toEqual([
      { field: 'description', message: 'description must be shorter than or equal to 5000 characters' },
      { field: 'items', message: 'items must contain no more than 50 elements' },
    ]);
    expect(structuralErrors(UpdateNeedDto, { items: [{ name: 'n'.repeat(201) }] })).toEqual([
      { field: 'items.0.name', message: 'name must be shorter than or equal to 200 characters' },
    ]);
    // Surrounding white space is trimmed before free text is measured.
    expect(structuralErrors(VolunteerProfileDto, { bio: ` ${'b'.repeat(2000)}\n` })).toEqual([]);
  });

  it('lets no array or string field of any request go without a maximum it can check', () => {
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<abstract new () => unknown, ValidationMetadata[]>;
    };
    const unbounded: string[] = [];
    for (const [target, metadatas] of storage.validationMetadatas) {
      if (target === AppConfig) continue;
      const byProperty = new Map<string, ValidationMetadata[]>();
      for (const metadata of metadatas) {
        byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
      }
      for (const [property, rules] of byProperty) {
        const names = rules.map((rule) => rule.name ?? '');
        const isArray = names.includes('isArray');
        const isString = names.includes('isString');
        if (isArray && !names.includes('arrayMaxSize')) unbounded.push(`${target.name}.${property} (array)`);
        if (
          isString &&
          !names.some((name) => BOUNDED.has(name)) &&
          !names.some((name) => SELF_BOUNDED.has(name))
        )
          unbounded.push(`${target.name}.${property} (string)`);
      }
    }
    expect(unbounded).toEqual([]);
  });
});

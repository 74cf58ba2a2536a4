import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { NEED_CATEGORIES, ROLES } from '@haven/core';
import { LOCALES } from '@haven/identity';
import { AGE_GROUPS, NEED_STATUSES, URGENCIES } from '@haven/needs';

/**
 * Named enums: each becomes one schema component that every property using it refers to, so a
 * generated client gets one type per vocabulary. Values come from the libraries' constants where
 * they export one; the others mirror their string-union types (the contract test catches drift).
 */
export const ENUMS = {
  NeedCategory: NEED_CATEGORIES,
  Role: ROLES,
  RegistrationRole: ['volunteer', 'coordinator'],
  Urgency: URGENCIES,
  AgeGroup: AGE_GROUPS,
  NeedStatus: NEED_STATUSES,
  NeedSort: ['newest', 'urgency'],
  TaskStatus: ['open', 'cancelled'],
  SignupMode: ['open', 'review'],
  SignupStatus: ['pending', 'confirmed', 'waitlisted', 'declined', 'withdrawn', 'attended', 'no_show'],
  AttendanceStatus: ['attended', 'no_show'],
  PledgeStatus: ['pledged', 'delivered', 'cancelled'],
  MemberRole: ['owner', 'coordinator'],
  OrganizationStatus: ['pending', 'approved', 'rejected', 'suspended', 'closed'],
  VettingDecision: ['approve', 'reject', 'suspend', 'reinstate'],
  UserStatus: ['active', 'suspended'],
  DigestFrequency: ['off', 'daily', 'weekly'],
  Locale: LOCALES,
  InvitationStatus: ['pending', 'accepted', 'declined', 'expired', 'withdrawn'],
  NotificationSubjectType: ['task', 'need', 'organization'],
} as const;

type Options = Omit<ApiPropertyOptions, 'type' | 'enum' | 'enumName'>;

/** A property whose values are one of a named enum (an array of them with `isArray: true`). */
export const ApiEnum = (name: keyof typeof ENUMS, options: Options = {}) =>
  ApiProperty({ enum: [...ENUMS[name]], enumName: name, ...options } as ApiPropertyOptions);

export const ApiUuid = (options: Options = {}) =>
  ApiProperty({ type: 'string', format: 'uuid', maxLength: 36, ...options } as ApiPropertyOptions);

/** A calendar date, `YYYY-MM-DD`. */
export const ApiDate = (options: Options = {}) =>
  ApiProperty({
    type: 'string',
    format: 'date',
    maxLength: 10,
    example: '2027-06-30',
    ...options,
  } as ApiPropertyOptions);

/** An instant, ISO 8601 with its offset (what `IsoInstant()` accepts, at most 29 characters). */
export const ApiDateTime = (options: Options = {}) =>
  ApiProperty({ type: 'string', format: 'date-time', maxLength: 29, ...options } as ApiPropertyOptions);

/** The largest value of a PostgreSQL `integer` column or `count(*)::int`. */
export const INT32_MAX = 2_147_483_647;

/** A whole number within bounds; without a `maximum`, the bound of the integer column it comes from. */
export const ApiInteger = (minimum: number, maximum = INT32_MAX, options: Options = {}) =>
  ApiProperty({ type: 'integer', format: 'int32', minimum, maximum, ...options } as ApiPropertyOptions);

import { ApiProperty, ApiPropertyOptional, ApiResponseOptions } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { MAX_REPORT_YEARS } from '@haven/reports';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The largest `count(*)::int` or integer sum PostgreSQL hands back. */
const INT32_MAX = 2_147_483_647;
const COUNT = { type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX } as const;
const HOURS = { type: 'number', format: 'double', minimum: 0 } as const;
/** Names of camps and organisations, and supply units, as the API accepts them. */
const NAME = { type: 'string', maxLength: 200 } as const;

export class ReportRangeQuery {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    maxLength: 10,
    example: '2026-01-01',
    description:
      'First day covered (UTC, inclusive). Default: the first day of the month eleven months before `to`.',
  })
  @IsOptional()
  @Matches(DATE, { message: 'must be a calendar date such as 2026-01-31' })
  from?: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    maxLength: 10,
    example: '2026-12-31',
    description: `Last day covered (UTC, inclusive); not before \`from\`, less than ${MAX_REPORT_YEARS} years after it. Default: today.`,
  })
  @IsOptional()
  @Matches(DATE, { message: 'must be a calendar date such as 2026-01-31' })
  to?: string;
}

/** A people count as it may leave its organisation (README, small-cell suppression). */
const PEOPLE_COUNT = {
  oneOf: [COUNT, { type: 'string', pattern: '^(<[0-9]+|suppressed)$', maxLength: 10, example: '<5' }],
  description:
    'A count of people: exact for the organisation’s own members; outside it, `"<N"` below the ' +
    'threshold and `"suppressed"` for a total shown beside a hidden cell.',
};

export class NeedCountsDto {
  @ApiProperty(COUNT) open: number;
  @ApiProperty(COUNT) filled: number;
  @ApiProperty(COUNT) closed: number;
  @ApiProperty(COUNT) cancelled: number;
}

export class TaskCountsDto {
  @ApiProperty({ ...COUNT, description: 'Ended and not cancelled' }) completed: number;
  @ApiProperty(COUNT) cancelled: number;
}

export class SupplyDeliveredDto {
  @ApiProperty({ ...NAME, example: 'kg' }) unit: string;
  @ApiProperty({ ...COUNT, minimum: 1 }) quantity: number;
}

export class MonthFiguresDto {
  @ApiProperty({
    type: 'string',
    pattern: '^[0-9]{4}-[0-9]{2}$',
    maxLength: 7,
    example: '2026-03',
    description: 'Calendar month, UTC',
  })
  month: string;
  @ApiProperty(HOURS) volunteerHours: number;
  @ApiProperty(COUNT) tasksCompleted: number;
  @ApiProperty(PEOPLE_COUNT) volunteers: number | string;
}

export class CampFiguresDto {
  @ApiProperty({ type: 'string', format: 'uuid', maxLength: 36 }) campId: string;
  @ApiProperty(NAME) campName: string;
  @ApiProperty(HOURS) volunteerHours: number;
  @ApiProperty(COUNT) tasksCompleted: number;
  @ApiProperty(PEOPLE_COUNT) beneficiariesReached: number | string;
}

export class OrganizationFiguresDto {
  @ApiProperty({ type: 'string', format: 'uuid', maxLength: 36 }) organizationId: string;
  @ApiProperty(NAME) organizationName: string;
  @ApiProperty(HOURS) volunteerHours: number;
  @ApiProperty(COUNT) tasksCompleted: number;
  @ApiProperty(PEOPLE_COUNT) volunteers: number | string;
  @ApiProperty(PEOPLE_COUNT) beneficiariesReached: number | string;
}

export class ReportSummaryDto {
  @ApiProperty({ type: 'string', format: 'date', maxLength: 10, example: '2026-01-01' }) from: string;
  @ApiProperty({ type: 'string', format: 'date', maxLength: 10, example: '2026-12-31' }) to: string;
  @ApiProperty({ type: NeedCountsDto, description: 'Needs created in the range, by their status now' })
  needs: NeedCountsDto;
  @ApiProperty({ type: TaskCountsDto, description: 'Tasks starting in the range' })
  tasks: TaskCountsDto;
  @ApiProperty({ ...HOURS, description: 'Hours of attended sign-ups' })
  volunteerHours: number;
  @ApiProperty({
    ...PEOPLE_COUNT,
    description: `Distinct volunteers who attended. ${PEOPLE_COUNT.description}`,
  })
  volunteers: number | string;
  @ApiProperty({
    oneOf: [
      { type: 'number', format: 'double', minimum: 0, maximum: 1, nullable: true },
      { type: 'string', enum: ['suppressed'], maxLength: 10 },
    ],
    description:
      'No-shows ÷ attendance records (4 decimals); null without records; outside the organisation ' +
      '`"suppressed"` when it rests on fewer records than the threshold.',
  })
  noShowRate: number | string | null;
  @ApiProperty({ type: [SupplyDeliveredDto], description: 'Delivered in the range, per unit' })
  suppliesDelivered: SupplyDeliveredDto[];
  @ApiProperty({
    ...PEOPLE_COUNT,
    description: `Beneficiaries of the needs that saw attended work or delivered supplies in the range. ${PEOPLE_COUNT.description}`,
  })
  beneficiariesReached: number | string;
  @ApiProperty({ type: [MonthFiguresDto], description: 'Every month the range touches' })
  byMonth: MonthFiguresDto[];
  @ApiProperty({ type: [CampFiguresDto], description: 'Camps with activity in the range' })
  byCamp: CampFiguresDto[];
}

export class PlatformReportSummaryDto extends ReportSummaryDto {
  @ApiProperty({ type: [OrganizationFiguresDto], description: 'Organisations with activity in the range' })
  byOrganization: OrganizationFiguresDto[];
}

/** A problem+json answer: document.ts gives every error without content the shared ProblemDto schema. */
const problem = (description: string): ApiResponseOptions => ({ description });

export const REPORT_ERRORS = {
  badRange: problem('`from` or `to` is no calendar date, `from` is after `to`, or the range is too long'),
  unauthenticated: problem('No valid access token'),
  notCoordinatorOrAdmin: problem('A volunteer: reports are for coordinators and admins'),
  notAdmin: problem('Not an admin'),
  notFound: problem('No such organisation, or not the caller’s'),
};

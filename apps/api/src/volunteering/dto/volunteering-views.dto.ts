import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiEnum, ApiInteger, ApiUuid, INT32_MAX } from '../../openapi/schema';

const HOURS = { type: 'number', minimum: 0, maximum: 24, nullable: true } as const;

export class SignupDto {
  @ApiUuid() id: string;
  @ApiUuid() taskId: string;
  @ApiUuid({ nullable: true, description: 'Null once the account is deleted' }) volunteerId: string | null;
  @ApiEnum('SignupStatus') status: string;
  @ApiInteger(1, INT32_MAX, {
    nullable: true,
    description: 'Place on the waitlist (1 = next), while waitlisted',
  })
  waitlistPosition: number | null;
  @ApiProperty({ ...HOURS, description: 'Hours worked, once attendance is recorded' }) hours: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export class SignupVolunteerDto {
  @ApiUuid() id: string;
  displayName: string;
  skills: string[];
  languages: string[];
}

export class TaskSignupDto {
  @ApiUuid() id: string;
  @ApiEnum('SignupStatus') status: string;
  @ApiInteger(1, INT32_MAX, {
    nullable: true,
    description: 'Place on the waitlist (1 = next), while waitlisted',
  })
  waitlistPosition: number | null;
  @ApiProperty(HOURS) hours: number | null;
  createdAt: Date;
  volunteer: SignupVolunteerDto;
  @ApiInteger(0, INT32_MAX, { description: 'No-shows at this organisation’s tasks in the last 12 months' })
  noShowsLast12Months: number;
}

export class SignupTaskSummaryDto {
  @ApiUuid() id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  @ApiEnum('TaskStatus') status: string;
  remote: boolean;
  @ApiProperty({ example: 'Asia/Amman' }) timezone: string;
  campName: string;
  organizationName: string;
}

export class SignupNeedSummaryDto {
  @ApiUuid() id: string;
  title: string;
}

export class MySignupDto {
  @ApiUuid() id: string;
  @ApiEnum('SignupStatus') status: string;
  @ApiInteger(1, INT32_MAX, {
    nullable: true,
    description: 'Place on the waitlist (1 = next), while waitlisted',
  })
  waitlistPosition: number | null;
  @ApiProperty(HOURS) hours: number | null;
  createdAt: Date;
  task: SignupTaskSummaryDto;
  need: SignupNeedSummaryDto;
}

export class SignupTotalsDto {
  @ApiProperty({ type: 'number', minimum: 0, description: 'Hours worked, all time' }) hours: number;
  @ApiInteger(0) attended: number;
  @ApiInteger(0, INT32_MAX, { description: 'Confirmed places in tasks still to come' }) upcoming: number;
}

/** A page of the caller's sign-ups, with totals over all of them. */
export class MySignupsPageDto {
  items: MySignupDto[];
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;
  totals: SignupTotalsDto;
}

export class ClearanceViewDto {
  @ApiUuid() id: string;
  @ApiUuid() organizationId: string;
  @ApiUuid() volunteerId: string;
  @ApiProperty({ required: false, description: 'Left out of the volunteer’s own export' })
  volunteerName?: string;
  @ApiDate() validUntil: string;
  /** Null unless revoked: a revoked clearance is kept, and covers nothing. */
  revokedAt: Date | null;
  createdAt: Date;
}

export class CalendarTokenDto {
  @ApiProperty({ description: 'Shown once; issuing again replaces it' }) token: string;
  @ApiProperty({ example: '/api/v1/me/calendar.ics?token=…', description: 'The feed’s address' })
  path: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiEnum, ApiInteger, ApiUuid, INT32_MAX } from '../../openapi/schema';

export class NeedItemDto {
  @ApiUuid() id: string;
  name: string;
  unit: string;
  @ApiInteger(1) quantity: number;
  @ApiInteger(0) pledged: number;
  @ApiInteger(0) delivered: number;
  @ApiInteger(0, INT32_MAX, { description: 'quantity − pledged' }) remaining: number;
}

export class BeneficiariesDto {
  @ApiProperty({
    oneOf: [
      { type: 'integer', minimum: 0, maximum: 100_000 },
      { type: 'string', enum: ['<5', '<10'] },
    ],
    description:
      'Exact for the organisation’s own members; outside it, small counts are suppressed as "<5" ("<10" for health and psychosocial needs)',
  })
  count: number | string;
  @ApiEnum('AgeGroup') ageGroup: string;
}

export class NeedDto {
  @ApiUuid() id: string;
  @ApiUuid() organizationId: string;
  organizationName: string;
  @ApiUuid() campId: string;
  campName: string;
  @ApiEnum('NeedCategory') category: string;
  title: string;
  description: string;
  @ApiEnum('Urgency') urgency: string;
  @ApiProperty({ type: BeneficiariesDto, nullable: true }) beneficiaries: BeneficiariesDto | null;
  @ApiDate({ nullable: true }) startsOn: string | null;
  @ApiDate({ nullable: true }) endsOn: string | null;
  @ApiEnum('NeedStatus') status: string;
  statusReason: string | null;
  items: NeedItemDto[];
  @ApiInteger(0) taskCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export class PledgeDto {
  @ApiUuid() id: string;
  @ApiUuid() needId: string;
  @ApiUuid() itemId: string;
  @ApiInteger(1) quantity: number;
  @ApiEnum('PledgeStatus') status: string;
  createdAt: Date;
  updatedAt: Date;
}

export class PledgerDto {
  @ApiUuid() id: string;
  displayName: string;
}

export class NeedPledgeDto extends PledgeDto {
  @ApiProperty({ type: PledgerDto, nullable: true, description: 'Null once the account is deleted' })
  volunteer: PledgerDto | null;
}

export class TaskDto {
  @ApiUuid() id: string;
  @ApiUuid() needId: string;
  @ApiUuid() organizationId: string;
  organizationName: string;
  @ApiUuid() campId: string;
  campName: string;
  @ApiProperty({ example: 'Asia/Amman', description: 'The camp’s IANA time zone' }) timezone: string;
  @ApiEnum('NeedCategory') category: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  @ApiInteger(1, 1000) capacity: number;
  @ApiInteger(0, 1000) confirmed: number;
  @ApiInteger(0) waitlisted: number;
  skills: string[];
  languages: string[];
  remote: boolean;
  @ApiEnum('SignupMode') signupMode: string;
  requiresSafeguarding: boolean;
  @ApiEnum('TaskStatus') status: string;
  statusReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class RecommendedTaskDto extends TaskDto {
  @ApiInteger(0, INT32_MAX, { description: 'Higher is a better match' }) score: number;
  @ApiProperty({ type: [String], example: ['skill: teaching', 'language: ar'] }) reasons: string[];
}

import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiEnum, ApiUuid } from '../../openapi/schema';

export class DecisionDto {
  @ApiEnum('VettingDecision') decision: string;
  reason: string | null;
  @ApiUuid({ nullable: true }) actorId: string | null;
  createdAt: Date;
}

/**
 * An organisation. Everyone signed in sees approved ones without the fields marked "members and
 * admins"; its own members and admins see every field.
 */
export class OrganizationDto {
  @ApiUuid() id: string;
  name: string;
  @ApiProperty({ example: 'JO', description: 'ISO 3166-1 alpha-2' }) country: string;
  description: string;
  @ApiEnum('NeedCategory', { isArray: true }) focusAreas: string[];
  @ApiProperty({ type: 'string', format: 'uri', nullable: true }) website: string | null;
  @ApiEnum('OrganizationStatus') status: string;
  /** Members and admins only. */
  registrationNumber?: string;
  /** Members and admins only. */
  @ApiProperty({ format: 'email', required: false }) contactEmail?: string;
  /** Members and admins only: when the organisation is next vetted. */
  @ApiDate({ nullable: true, required: false }) reviewBy?: string | null;
  /** Members and admins only. */
  createdAt?: Date;
  /** Members and admins only. */
  updatedAt?: Date;
  /** Members and admins only: the vetting history, oldest first. */
  decisions?: DecisionDto[];
}

export class MemberDto {
  @ApiUuid() userId: string;
  displayName: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiEnum('MemberRole') memberRole: string;
  joinedAt: Date;
}

/** All members at once: an organisation has few. */
export class MemberListDto {
  items: MemberDto[];
}

export class MemberRoleChangeDto {
  @ApiUuid() userId: string;
  @ApiEnum('MemberRole') memberRole: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  Length,
  MaxLength,
} from 'class-validator';
import { FreeText, NEED_CATEGORIES, NeedCategory, PageQuery, QueryBoolean, WebAddress } from '@haven/core';
import type { OrganizationStatus } from '@haven/organizations';
import { ApiDate, ApiEnum } from '../../openapi/schema';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ApplyOrganizationDto {
  @ApiProperty({ example: 'Bridges for Learning (fictional)', maxLength: 200 })
  @FreeText(200, { min: 2 })
  name: string;

  @ApiProperty({ example: 'JO', description: 'ISO 3166-1 alpha-2', pattern: '^[A-Z]{2}$', maxLength: 2 })
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code' })
  country: string;

  @ApiProperty({ example: 'NGO-2026-0001', maxLength: 100 })
  @FreeText(100)
  registrationNumber: string;

  @ApiProperty({ example: 'office@example.org', format: 'email' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  contactEmail: string;

  @ApiProperty({ maxLength: 5000 })
  @FreeText(5000)
  description: string;

  @ApiEnum('NeedCategory', { isArray: true, minItems: 1, maxItems: NEED_CATEGORIES.length })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NEED_CATEGORIES.length)
  @IsIn(NEED_CATEGORIES, { each: true, message: `each must be one of ${NEED_CATEGORIES.join(', ')}` })
  focusAreas: NeedCategory[];

  @ApiPropertyOptional({ example: 'https://example.org', format: 'uri', maxLength: 500 })
  @IsOptional()
  @WebAddress(500)
  website?: string;
}

const STATUSES: OrganizationStatus[] = ['pending', 'approved', 'rejected', 'suspended', 'closed'];

export class OrganizationListQuery extends PageQuery {
  @ApiEnum('OrganizationStatus', { required: false })
  @IsOptional()
  @IsIn(STATUSES)
  status?: OrganizationStatus;

  @ApiPropertyOptional({ description: 'Admins: only approved organisations due for re-vetting' })
  @IsOptional()
  @QueryBoolean()
  reviewDue?: boolean;
}

export class ReasonDto {
  @ApiProperty({ maxLength: 2000, description: 'Why; shown to the organisation' })
  @FreeText(2000)
  reason: string;
}

export class ApproveDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @FreeText(2000)
  note?: string;

  @ApiDate({
    required: false,
    example: '2027-11-25',
    description: 'When to vet again; a year from today by default',
  })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'must be a date (YYYY-MM-DD)' })
  @Length(10, 10, { message: 'must be a date (YYYY-MM-DD)' })
  reviewBy?: string;
}

export class InviteDto {
  @ApiProperty({ example: 'colleague@example.org', format: 'email' })
  @Transform(trim)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;
}

export class InvitationOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: InvitationOrganizationDto }) organization: InvitationOrganizationDto;
  @ApiProperty({ format: 'date-time' }) invitedAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class InvitationPageDto {
  @ApiProperty({ type: [InvitationDto] }) items: InvitationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class JoinedOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['pending', 'approved'] }) status: string;
  @ApiProperty({ enum: ['coordinator'] }) memberRole: 'coordinator';
}

export class AcceptedInvitationDto {
  @ApiProperty({ type: JoinedOrganizationDto }) organization: JoinedOrganizationDto;
}

export class MemberRoleDto {
  @ApiEnum('MemberRole')
  @IsIn(['owner', 'coordinator'], { message: 'must be owner or coordinator' })
  memberRole: 'owner' | 'coordinator';
}

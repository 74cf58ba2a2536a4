import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { PledgeDto } from '../../needs/dto/need-views.dto';
import { NotificationDto } from '../../notifications/dto/notification.dto';
import { ApiEnum, ApiUuid } from '../../openapi/schema';
import { VolunteerProfileDto } from '../../volunteering/dto/volunteering.dto';
import { ClearanceViewDto, SignupDto } from '../../volunteering/dto/volunteering-views.dto';

export class DeleteAccountDto {
  @ApiProperty({ description: 'The current password, to confirm' })
  @IsString()
  @MaxLength(128)
  password: string;
}

export class MeOrganizationDto {
  @ApiUuid() id: string;
  name: string;
  @ApiEnum('OrganizationStatus') status: string;
  @ApiEnum('MemberRole') memberRole: string;
}

export class MeDto {
  @ApiUuid() id: string;
  @ApiProperty({ format: 'email' }) email: string;
  displayName: string;
  @ApiEnum('Role') role: string;
  @ApiProperty({ type: MeOrganizationDto, nullable: true, description: 'Coordinators: their organisation' })
  organization: MeOrganizationDto | null;
  @ApiProperty({ description: 'False until the link e-mailed at registration is followed' })
  emailVerified: boolean;
  @ApiEnum('Locale') locale: string;
}

export class ExportAccountDto {
  @ApiUuid() id: string;
  @ApiProperty({ format: 'email' }) email: string;
  displayName: string;
  @ApiEnum('Role') role: string;
  @ApiEnum('UserStatus') status: string;
  /** Null until the link e-mailed at registration is followed. */
  emailVerifiedAt: Date | null;
  @ApiEnum('Locale') locale: string;
  createdAt: Date;
}

export class ExportInvitationDto {
  @ApiUuid() id: string;
  @ApiUuid() organizationId: string;
  @ApiEnum('InvitationStatus') status: string;
  invitedAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
}

export class ExportSessionDto {
  startedAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export class ExportPreferencesDto {
  @ApiUuid() userId: string;
  email: boolean;
  inApp: boolean;
  @ApiEnum('DigestFrequency') digest: string;
  lastDigestAt: Date | null;
}

/** Everything Haven holds about the caller. */
export class AccountExportDto {
  exportedAt: Date;
  account: ExportAccountDto;
  sessions: ExportSessionDto[];
  pledges: PledgeDto[];
  volunteerProfile: VolunteerProfileDto;
  signups: SignupDto[];
  safeguardingClearances: ClearanceViewDto[];
  @ApiProperty({ type: ExportPreferencesDto, nullable: true, description: 'Null until first saved' })
  notificationPreferences: ExportPreferencesDto | null;
  notifications: NotificationDto[];
  invitations: ExportInvitationDto[];
}

import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
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

export class PhoneDto {
  @ApiProperty({ example: '+9647912345678', description: 'A mobile number in international (E.164) form' })
  @IsString()
  @MaxLength(32)
  phone: string;
}

export class PhoneCodeDto {
  @ApiProperty({ example: '123456', description: 'The 6-digit code sent by SMS' })
  @IsString()
  @MaxLength(6)
  @Matches(/^\d{6}$/, { message: 'must be the 6 digits of the code' })
  code: string;
}

export class MePhoneDto {
  @ApiProperty({ example: '+9647912345678', description: 'E.164' }) number: string;
  verified: boolean;
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
  @ApiProperty({
    type: MePhoneDto,
    nullable: true,
    required: false,
    description: 'Volunteers only: the phone for texts, shown to no one else',
  })
  phone?: MePhoneDto | null;
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
  sms: boolean;
  @ApiProperty({ type: String, nullable: true, example: '22:00' }) quietFrom: string | null;
  @ApiProperty({ type: String, nullable: true, example: '07:00' }) quietTo: string | null;
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
  @ApiProperty({ type: MePhoneDto, nullable: true, description: 'Volunteers: the phone for texts, if any' })
  phone: MePhoneDto | null;
}

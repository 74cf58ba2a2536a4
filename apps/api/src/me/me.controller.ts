import { Body, Controller, Delete, Get, HttpCode, Ip, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { Actor, CurrentUser, PageQuery, Roles } from '@haven/core';
import { AccountService, Locale, LOCALES, PhoneService, PhoneView, UsersService } from '@haven/identity';
import { PledgesService } from '@haven/needs';
import { FeedService } from '@haven/notifications';
import { InvitationsService, MeService } from '@haven/organizations';
import { SignupQueries } from '@haven/volunteering';
import { ChangePasswordDto, UpdateMeDto } from '../auth/dto/account.dto';

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

class MePhoneDto {
  @ApiProperty({ example: '+9647912345678' }) number: string;
  @ApiProperty() verified: boolean;
}

class MeOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() status: string;
  @ApiProperty({ enum: ['owner', 'coordinator'] }) memberRole: string;
}

class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['admin', 'coordinator', 'volunteer'] }) role: string;
  @ApiProperty({ type: MeOrganizationDto, nullable: true }) organization: MeOrganizationDto | null;
  @ApiProperty({ description: 'False until the link e-mailed at registration is followed' })
  emailVerified: boolean;
  @ApiProperty({ enum: LOCALES }) locale: Locale;
  @ApiProperty({
    type: MePhoneDto,
    nullable: true,
    required: false,
    description: 'Volunteers only: the phone for texts, shown to no one else',
  })
  phone?: PhoneView | null;
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly account: AccountService,
    private readonly profiles: MeService,
    private readonly pledges: PledgesService,
    private readonly volunteering: SignupQueries,
    private readonly notifications: FeedService,
    private readonly invitations: InvitationsService,
    private readonly phones: PhoneService,
  ) {}

  @Get()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() actor: Actor): Promise<MeDto> {
    return this.describe(actor);
  }

  @Patch()
  @ApiOperation({ summary: 'Change the display name and language' })
  @ApiOkResponse({ type: MeDto })
  async update(@CurrentUser() actor: Actor, @Body() dto: UpdateMeDto): Promise<MeDto> {
    await this.account.updateProfile(actor, dto);
    return this.describe(actor);
  }

  @Put('phone')
  @Roles('volunteer')
  @HttpCode(202)
  @ApiOperation({ summary: 'Set the phone for texts; a 6-digit code goes to it by SMS (valid 10 minutes)' })
  @ApiAcceptedResponse()
  async setPhone(@CurrentUser() actor: Actor, @Body() dto: PhoneDto): Promise<void> {
    await this.phones.set(actor, dto.phone);
  }

  @Post('phone/verify')
  @Roles('volunteer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Verify the phone with the code it received (5 tries per code)' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'The code is wrong, used up or expired' })
  verifyPhone(@CurrentUser() actor: Actor, @Body() dto: PhoneCodeDto): Promise<void> {
    return this.phones.verify(actor, dto.code);
  }

  @Delete('phone')
  @Roles('volunteer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the phone; texts stop' })
  @ApiNoContentResponse()
  removePhone(@CurrentUser() actor: Actor): Promise<void> {
    return this.phones.remove(actor);
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the password; every other session ends' })
  @ApiNoContentResponse()
  changePassword(@CurrentUser() actor: Actor, @Body() dto: ChangePasswordDto, @Ip() address: string) {
    return this.account.changePassword(actor, dto.currentPassword, dto.newPassword, address);
  }

  @Get('export')
  async export(@CurrentUser() actor: Actor) {
    return {
      ...(await this.users.export(actor)),
      phone: await this.phones.view(actor.id),
      pledges: await this.pledges.exportFor(actor),
      ...(await this.volunteering.exportFor(actor)),
      ...(await this.notifications.exportFor(actor)),
      ...(await this.invitations.exportFor(actor)),
    };
  }

  @Get('pledges')
  @Roles('volunteer')
  myPledges(@CurrentUser() actor: Actor, @Query() page: PageQuery) {
    return this.pledges.listMine(actor, page);
  }

  @Delete()
  @HttpCode(204)
  delete(@CurrentUser() actor: Actor, @Body() dto: DeleteAccountDto, @Ip() address: string) {
    return this.users.deleteAccount(actor, dto.password, address);
  }

  private async describe(actor: Actor): Promise<MeDto> {
    const me: MeDto = await this.profiles.describe(actor);
    return me.role === 'volunteer' ? { ...me, phone: await this.phones.view(actor.id) } : me;
  }
}

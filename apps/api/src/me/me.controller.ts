import { Body, Controller, Delete, Get, HttpCode, Ip, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Actor, CurrentUser, PageQuery, Roles } from '@haven/core';
import { AccountService, Locale, LOCALES, UsersService } from '@haven/identity';
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
  ) {}

  @Get()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() actor: Actor): Promise<MeDto> {
    return this.profiles.describe(actor);
  }

  @Patch()
  @ApiOperation({ summary: 'Change the display name and language' })
  @ApiOkResponse({ type: MeDto })
  async update(@CurrentUser() actor: Actor, @Body() dto: UpdateMeDto): Promise<MeDto> {
    await this.account.updateProfile(actor, dto);
    return this.profiles.describe(actor);
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
}

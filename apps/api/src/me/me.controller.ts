import { Body, Controller, Delete, Get, HttpCode, Ip, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentUser, PageQuery, Roles } from '@haven/core';
import { AccountService, PhoneService, UsersService } from '@haven/identity';
import { PledgesService } from '@haven/needs';
import { FeedService } from '@haven/notifications';
import { InvitationsService, MeService } from '@haven/organizations';
import { SignupQueries } from '@haven/volunteering';
import { ChangePasswordDto, UpdateMeDto } from '../auth/dto/account.dto';
import { PledgeDto } from '../needs/dto/need-views.dto';
import { ApiPage, ApiProblems } from '../openapi/decorators';
import { AccountExportDto, DeleteAccountDto, MeDto, PhoneCodeDto, PhoneDto } from './dto/me.dto';

@ApiTags('me')
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

  /** The caller's account, and for coordinators their organisation. */
  @Get()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() actor: Actor): Promise<MeDto> {
    return this.describe(actor);
  }

  @Patch()
  @ApiOperation({ summary: 'Change the display name and language' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(422)
  async update(@CurrentUser() actor: Actor, @Body() dto: UpdateMeDto) {
    await this.account.updateProfile(actor, dto);
    return this.describe(actor);
  }

  @Put('phone')
  @Roles('volunteer')
  @HttpCode(202)
  @ApiOperation({ summary: 'Set the phone for texts; a 6-digit code goes to it by SMS (valid 10 minutes)' })
  @ApiAcceptedResponse({ description: 'The code is on its way' })
  @ApiProblems(409, 429)
  async setPhone(@CurrentUser() actor: Actor, @Body() dto: PhoneDto): Promise<void> {
    await this.phones.set(actor, dto.phone);
  }

  @Post('phone/verify')
  @Roles('volunteer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Verify the phone with the code it received (5 tries per code, 10 minutes)' })
  @ApiNoContentResponse({ description: 'Verified' })
  verifyPhone(@CurrentUser() actor: Actor, @Body() dto: PhoneCodeDto): Promise<void> {
    return this.phones.verify(actor, dto.code);
  }

  @Delete('phone')
  @Roles('volunteer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the phone; texts stop' })
  @ApiNoContentResponse({ description: 'Removed' })
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

  /** Everything Haven holds about the caller, as one JSON document. */
  @Get('export')
  @ApiOkResponse({ type: AccountExportDto })
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

  /** The caller's pledges, newest first. */
  @Get('pledges')
  @Roles('volunteer')
  @ApiPage(PledgeDto)
  myPledges(@CurrentUser() actor: Actor, @Query() page: PageQuery) {
    return this.pledges.listMine(actor, page);
  }

  /**
   * Deletes the caller's account, after the password is confirmed; it cannot be undone. The only
   * member of an organisation closes it (its open needs and tasks cancelled, their volunteers told);
   * the sole owner of one with other members gets 409 sole_owner until they hand it over.
   */
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(409)
  delete(@CurrentUser() actor: Actor, @Body() dto: DeleteAccountDto, @Ip() address: string) {
    return this.users.deleteAccount(actor, dto.password, address);
  }

  /** Volunteers also see their phone; nobody else's answer carries one. */
  private async describe(actor: Actor): Promise<MeDto> {
    const me: MeDto = await this.profiles.describe(actor);
    return me.role === 'volunteer' ? { ...me, phone: await this.phones.view(actor.id) } : me;
  }
}

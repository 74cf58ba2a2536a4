import { Body, Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, PageQuery, Roles } from '@haven/core';
import { UsersService } from '@haven/identity';
import { PledgesService } from '@haven/needs';
import { FeedService } from '@haven/notifications';
import { MeService } from '@haven/organizations';
import { SignupQueries } from '@haven/volunteering';
import { PledgeDto } from '../needs/dto/need-views.dto';
import { ApiPage } from '../openapi/decorators';
import { AccountExportDto, DeleteAccountDto, MeDto } from './dto/me.dto';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly profiles: MeService,
    private readonly pledges: PledgesService,
    private readonly volunteering: SignupQueries,
    private readonly notifications: FeedService,
  ) {}

  /** The caller's account, and for coordinators their organisation. */
  @Get()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() actor: Actor) {
    return this.profiles.describe(actor);
  }

  /** Everything Haven holds about the caller, as one JSON document. */
  @Get('export')
  @ApiOkResponse({ type: AccountExportDto })
  async export(@CurrentUser() actor: Actor) {
    return {
      ...(await this.users.export(actor)),
      pledges: await this.pledges.exportFor(actor),
      ...(await this.volunteering.exportFor(actor)),
      ...(await this.notifications.exportFor(actor)),
    };
  }

  /** The caller's pledges, newest first. */
  @Get('pledges')
  @Roles('volunteer')
  @ApiPage(PledgeDto)
  myPledges(@CurrentUser() actor: Actor, @Query() page: PageQuery) {
    return this.pledges.listMine(actor, page);
  }

  /** Deletes the caller's account, after the password is confirmed; it cannot be undone. */
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  delete(@CurrentUser() actor: Actor, @Body() dto: DeleteAccountDto) {
    return this.users.deleteAccount(actor, dto.password);
  }
}

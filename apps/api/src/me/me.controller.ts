import { Body, Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Actor, CurrentUser, PageQuery, Roles } from '@haven/core';
import { UsersService } from '@haven/identity';
import { PledgesService } from '@haven/needs';
import { FeedService } from '@haven/notifications';
import { MeService } from '@haven/organizations';
import { SignupQueries } from '@haven/volunteering';
import { MeDto } from './dto/me.dto';

export class DeleteAccountDto {
  @ApiProperty({ description: 'The current password, to confirm' })
  @IsString()
  @MaxLength(128)
  password: string;
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly profiles: MeService,
    private readonly pledges: PledgesService,
    private readonly volunteering: SignupQueries,
    private readonly notifications: FeedService,
  ) {}

  @Get()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() actor: Actor) {
    return this.profiles.describe(actor);
  }

  @Get('export')
  async export(@CurrentUser() actor: Actor) {
    return {
      ...(await this.users.export(actor)),
      pledges: await this.pledges.exportFor(actor),
      ...(await this.volunteering.exportFor(actor)),
      ...(await this.notifications.exportFor(actor)),
    };
  }

  @Get('pledges')
  @Roles('volunteer')
  myPledges(@CurrentUser() actor: Actor, @Query() page: PageQuery) {
    return this.pledges.listMine(actor, page);
  }

  @Delete()
  @HttpCode(204)
  delete(@CurrentUser() actor: Actor, @Body() dto: DeleteAccountDto) {
    return this.users.deleteAccount(actor, dto.password);
  }
}

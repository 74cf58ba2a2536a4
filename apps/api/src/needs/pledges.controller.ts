import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, EmptyBody, Roles } from '@haven/core';
import { PledgesService } from '@haven/needs';
import { IdParam } from '../id-param';

@ApiTags('needs')
@ApiBearerAuth()
@Controller('pledges')
export class PledgesController {
  constructor(private readonly pledges: PledgesService) {}

  @Post(':id/delivered')
  @Roles('coordinator')
  @HttpCode(200)
  delivered(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() _body: EmptyBody) {
    return this.pledges.delivered(actor, id);
  }

  @Post(':id/cancel')
  @Roles('coordinator', 'volunteer')
  @HttpCode(200)
  cancel(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() _body: EmptyBody) {
    return this.pledges.cancel(actor, id);
  }
}

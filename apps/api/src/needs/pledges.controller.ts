import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, EmptyBody, Roles } from '@haven/core';
import { PledgesService } from '@haven/needs';
import { IdParam } from '../id-param';
import { ApiProblems } from '../openapi/decorators';
import { PledgeDto } from './dto/need-views.dto';

@ApiTags('needs')
@Controller('pledges')
export class PledgesController {
  constructor(private readonly pledges: PledgesService) {}

  /** Records a pledge as delivered (its need's coordinators). */
  @Post(':id/delivered')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOkResponse({ type: PledgeDto })
  @ApiProblems(409)
  delivered(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() _body: EmptyBody) {
    return this.pledges.delivered(actor, id);
  }

  /** Cancels a pledge (its pledger, or its need's coordinators). */
  @Post(':id/cancel')
  @Roles('coordinator', 'volunteer')
  @HttpCode(200)
  @ApiOkResponse({ type: PledgeDto })
  @ApiProblems(409)
  cancel(@CurrentUser() actor: Actor, @IdParam() id: string, @Body() _body: EmptyBody) {
    return this.pledges.cancel(actor, id);
  }
}

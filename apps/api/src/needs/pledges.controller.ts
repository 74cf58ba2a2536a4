import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, Roles } from '@haven/core';
import { PledgesService } from '@haven/needs';

const Id = (name: string) => Param(name, new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('needs')
@ApiBearerAuth()
@Controller('pledges')
export class PledgesController {
  constructor(private readonly pledges: PledgesService) {}

  @Post(':id/delivered')
  @Roles('coordinator')
  @HttpCode(200)
  delivered(@CurrentUser() actor: Actor, @Id('id') id: string) {
    return this.pledges.delivered(actor, id);
  }

  @Post(':id/cancel')
  @Roles('coordinator', 'volunteer')
  @HttpCode(200)
  cancel(@CurrentUser() actor: Actor, @Id('id') id: string) {
    return this.pledges.cancel(actor, id);
  }
}

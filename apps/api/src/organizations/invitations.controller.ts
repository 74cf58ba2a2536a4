import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentUser, PageQuery, Roles } from '@haven/core';
import { InvitationsService } from '@haven/organizations';
import { IdParam } from '../id-param';
import { ApiProblems } from '../openapi/decorators';
import { AcceptedInvitationDto, InvitationPageDto } from './dto/organization.dto';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Roles('coordinator')
  @ApiOperation({ summary: "The caller's open invitations to organisations, newest first" })
  @ApiOkResponse({ type: InvitationPageDto })
  list(@CurrentUser() actor: Actor, @Query() page: PageQuery) {
    return this.invitations.mine(actor, page);
  }

  @Post(':id/accept')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an invitation: join as a coordinator',
    description:
      '409 if the caller already belongs to an organisation, or the invitation lapsed or was answered.',
  })
  @ApiOkResponse({ type: AcceptedInvitationDto })
  @ApiProblems(409)
  accept(@CurrentUser() actor: Actor, @IdParam() id: string) {
    return this.invitations.accept(actor, id);
  }

  @Post(':id/decline')
  @Roles('coordinator')
  @HttpCode(204)
  @ApiOperation({ summary: 'Decline an invitation' })
  @ApiNoContentResponse()
  @ApiProblems(409)
  decline(@CurrentUser() actor: Actor, @IdParam() id: string) {
    return this.invitations.decline(actor, id);
  }
}

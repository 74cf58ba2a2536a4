import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, AuthRateLimit, CurrentUser, Public } from '@haven/core';
import { AuthService, UserEntity } from '@haven/identity';
import { LoginDto, RefreshDto, RegisterDto, SessionDto } from './dto/auth.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { ApiProblems } from '../openapi/decorators';

@ApiTags('auth')
@AuthRateLimit()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Creates a volunteer or coordinator account and signs it in. */
  @Public()
  @Post('register')
  @ApiCreatedResponse({ type: SessionDto })
  @ApiProblems(409)
  register(@Body() dto: RegisterDto) {
    return this.auth.register(dto);
  }

  /** Signs in with e-mail and password; failed attempts are limited per account. */
  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(401, 403)
  login(@Req() request: { user: UserEntity }) {
    return this.auth.startSession(request.user);
  }

  /** Trades a refresh token for a new session; replaying a used one ends its whole family. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(401, 403)
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Signs out: the refresh token and its family stop working. */
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out' })
  logout(@CurrentUser() actor: Actor, @Body() dto: RefreshDto) {
    return this.auth.logout(actor, dto.refreshToken);
  }
}

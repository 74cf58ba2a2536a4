import { Body, Controller, Headers, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, AppConfig, AuthRateLimit, CurrentUser, Public } from '@haven/core';
import { AccountService, AuthService, localeFromAcceptLanguage, Session, UserEntity } from '@haven/identity';
import { AccountTokenDto, PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/account.dto';
import { LoginDto, RefreshDto, RegisterDto, SessionDto } from './dto/auth.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { clearRefreshCookie, refreshTokenOf, setRefreshCookie } from './refresh-cookie';
import { ApiProblems } from '../openapi/decorators';

@ApiTags('auth')
@AuthRateLimit()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly account: AccountService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('register')
  @ApiOperation({
    summary: 'Create an account; a verification link is e-mailed; sets the haven_refresh cookie',
  })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiProblems(409, 422)
  async register(
    @Body() dto: RegisterDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.auth.register({ ...dto, locale: localeFromAcceptLanguage(acceptLanguage) });
    return this.withCookie(session, request, reply);
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; sets the haven_refresh cookie' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(401, 403)
  async login(
    @Req() request: FastifyRequest & { user: UserEntity },
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.withCookie(await this.auth.startSession(request.user), request, reply);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A new token pair, from the body’s refresh token or else the haven_refresh cookie',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(401, 403)
  async refresh(
    @Body() dto: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.auth.refresh(refreshTokenOf(request, dto?.refreshToken));
    return this.withCookie(session, request, reply);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a session (body token or cookie); clears the haven_refresh cookie' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(
    @CurrentUser() actor: Actor,
    @Body() dto: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.auth.logout(actor, refreshTokenOf(request, dto?.refreshToken));
    clearRefreshCookie(this.config, request, reply);
  }

  @Public()
  @Post('verify-email')
  @HttpCode(204)
  @ApiOperation({ summary: 'Verify the e-mail address with the token of the e-mailed link' })
  @ApiNoContentResponse()
  verifyEmail(@Body() dto: AccountTokenDto) {
    return this.account.verifyEmail(dto.token);
  }

  @ApiBearerAuth()
  @Post('verify-email/resend')
  @HttpCode(202)
  @ApiOperation({ summary: 'E-mail a new verification link (3 an hour); nothing when already verified' })
  @ApiAcceptedResponse()
  resendVerification(@CurrentUser() actor: Actor) {
    return this.account.resendVerification(actor);
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({ summary: 'E-mail a reset link valid 30 minutes, if an active account holds the address' })
  @ApiAcceptedResponse()
  requestPasswordReset(@Body() dto: PasswordResetRequestDto, @Req() request: FastifyRequest) {
    return this.account.requestPasswordReset(dto.email, request.ip);
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with the token of the reset link; every session ends' })
  @ApiNoContentResponse()
  confirmPasswordReset(@Body() dto: PasswordResetConfirmDto) {
    return this.account.confirmPasswordReset(dto.token, dto.password);
  }

  private withCookie(session: Session, request: FastifyRequest, reply: FastifyReply): Session {
    setRefreshCookie(this.config, request, reply, session.refreshToken);
    return session;
  }
}

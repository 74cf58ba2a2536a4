import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, CommonErrors } from '@haven/core';
import { REFRESH_TOKEN_DAYS } from '@haven/identity';

/**
 * The refresh token as a cookie for the web front end: HTTP-only (scripts never see it), sent only
 * to the auth routes and never from another site. Secure whenever Haven is reached over https.
 * Read and written only here, by the auth routes, with the `cookie` library: a cookie plugin parsed
 * the cookies of every request (issue 14). Never signed: it is a random token.
 */
export const REFRESH_COOKIE = 'haven_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

const isSecure = (config: AppConfig, request: FastifyRequest) =>
  request.protocol === 'https' || config.APP_URL.startsWith('https://');

export function setRefreshCookie(
  config: AppConfig,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
) {
  const cookie = stringifySetCookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: isSecure(config, request),
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    maxAge: REFRESH_TOKEN_DAYS * 86_400,
  });
  reply.header('set-cookie', cookie);
}

export function clearRefreshCookie(config: AppConfig, request: FastifyRequest, reply: FastifyReply) {
  const cookie = stringifySetCookie(REFRESH_COOKIE, '', {
    httpOnly: true,
    secure: isSecure(config, request),
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    expires: new Date(0),
    maxAge: 0,
  });
  reply.header('set-cookie', cookie);
}

/** The refresh token from the body (API.md) or, when the body has none, from the cookie. */
export function refreshTokenOf(request: FastifyRequest, bodyToken: string | undefined): string {
  const token = bodyToken ?? parseCookie(request.headers.cookie ?? '')[REFRESH_COOKIE];
  if (!token || token.length < 20 || token.length > 200) {
    throw CommonErrors.validation([
      { field: 'refreshToken', message: 'is required, in the body or the haven_refresh cookie' },
    ]);
  }
  return token;
}

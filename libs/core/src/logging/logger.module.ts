import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

/**
 * Fields that never reach a log line: credentials, tokens and request bodies. Request bodies are not
 * serialised at all; these paths catch them if a log call passes one along anyway.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'req.body',
  'body',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  'password',
  'accessToken',
  'refreshToken',
  'token',
];

const SECRET_QUERY = /([?&](?:token|access_token|refreshToken)=)[^&]*/gi;

/** Strips token-bearing query parameters (calendar feeds, admin links) from a logged URL. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_QUERY, '$1[Redacted]');
}

@Module({})
export class HavenLoggerModule {
  static forRoot(): DynamicModule {
    return {
      module: HavenLoggerModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            // Named wildcard (path-to-regexp 8): the library's default '*' plus the global prefix
            // made Nest warn at every start that it had to convert "/api/v1/*".
            forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
            pinoHttp: {
              level: config.LOG_LEVEL,
              redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
              genReqId: (req: IncomingMessage) => {
                const given = req.headers['x-request-id'];
                return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
              },
              autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false },
              serializers: {
                req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
                  id: req.id,
                  method: req.method,
                  url: redactUrl(req.url),
                  remoteAddress: req.remoteAddress,
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              transport:
                config.NODE_ENV === 'development' && process.stdout.isTTY
                  ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss' } }
                  : undefined,
            },
          }),
        }),
      ],
    };
  }
}

import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type pino from 'pino';
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

/** Nest's start-up lines: one per module and route (about a hundred), useful only when debugging. */
const BOOT_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Moves Nest's per-module and per-route start-up lines from info to debug, so start-up reads in a few lines. */
export function quietBootChatter(
  this: pino.Logger,
  args: unknown[],
  method: pino.LogFn,
  level: number,
): void {
  const first = args[0] as { context?: unknown } | undefined;
  if (level === 30 && typeof first?.context === 'string' && BOOT_CHATTER.has(first.context)) {
    if (this.isLevelEnabled('debug')) (this.debug as (...rest: unknown[]) => void)(...args);
    return;
  }
  (method as (...rest: unknown[]) => void).apply(this, args);
}

/** pino-pretty is a development dependency: absent after `npm ci --omit=dev`. */
function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * Readable lines for a person at a terminal in development, named after the process (two share
 * the terminal under `npm start`); JSON lines everywhere else (pipes, files, containers, tests).
 */
export function prettyTransport(config: AppConfig, name: string, isTTY = process.stdout.isTTY === true) {
  if (config.NODE_ENV !== 'development' || !isTTY || !prettyAvailable()) return undefined;
  return {
    target: 'pino-pretty',
    options: {
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,context,name',
      messageFormat: `${name} {if context}[{context}] {end}{msg}`,
    },
  };
}

@Module({})
export class HavenLoggerModule {
  /** `name`: the process, shown on each readable line (api, worker). */
  static forRoot(name = 'haven'): DynamicModule {
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
              name,
              hooks: { logMethod: quietBootChatter },
              transport: prettyTransport(config, name),
            },
          }),
        }),
      ],
    };
  }
}

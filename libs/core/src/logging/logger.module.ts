import { DynamicModule, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '../config/app-config';
import { safeError } from './safe-error';
import { TurnBatchedLines } from './turn-batched-lines';

/** Fields redacted wherever they sit, at the top or one level down in a logged object (`{ dto: { password } }`). */
const SECRET_FIELDS = ['password', 'currentPassword', 'newPassword', 'accessToken', 'refreshToken', 'token'];

/**
 * Top-level fields that never reach a log line as they are, should a log call pass one along.
 * Requests and responses need no paths: their serialisers below keep four fields of a request
 * (never its headers or body) and a response's status (a path under `req` or `res` made pino
 * redact a copy of both on every request line, for nothing).
 */
const REDACTED_PATHS = ['body', ...SECRET_FIELDS];

/** Keys whose own serialisers below keep only named fields. */
const SERIALISED = new Set(['req', 'res', 'err']);

/**
 * The log object, or a copy with SECRET_FIELDS replaced in each object it holds: what pino's
 * `*.password` redaction paths did, without running pino's redaction over every key of every line
 * (those wildcard paths cost 10–13 µs a line, most of the request log's cost; issue 14).
 */
function withoutSecretFields(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key in object) {
    const value = object[key];
    if (!Object.hasOwn(object, key) || value === null || typeof value !== 'object' || SERIALISED.has(key))
      continue;
    let redacted: Record<string, unknown> | undefined;
    for (const field of SECRET_FIELDS) {
      if (Object.hasOwn(value, field)) (redacted ??= clone(value))[field] = '[Redacted]';
    }
    if (redacted) (copy ??= { ...object })[key] = redacted;
  }
  return copy ?? object;
}

/** A shallow copy that keeps the prototype (a `toJSON` still decides how it is written), as pino's redaction copies. */
function clone(value: object): Record<string, unknown> {
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  return Object.assign(copy, value);
}

/** Query parameters that carry secrets, compared once decoded (`%74oken` is `token`). */
const SECRET_PARAMETERS = new Set(['token', 'access_token', 'refreshtoken']);

/** Routes whose whole query string is secret, however it is spelt or encoded. */
const SECRET_QUERY_ROUTES = [/\/calendar\.ics$/i];

function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * Strips secrets from a logged URL: the whole query string of the calendar feed (its token is the
 * feed's only credential), and elsewhere every token-bearing parameter, its name read decoded. A
 * parameter whose name cannot be decoded is redacted whole.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const start = url.indexOf('?');
  if (start < 0) return url;
  const path = url.slice(0, start);
  const readablePath = path.includes('%') ? (decoded(path) ?? path) : path;
  if (SECRET_QUERY_ROUTES.some((route) => route.test(readablePath))) return `${path}?[Redacted]`;
  const query = url.slice(start + 1);
  // A parameter name reads as a secret one only if it spells "token" or escapes a character.
  if (!/token|%/iu.test(query)) return url;
  const parameters = query.split('&').map((part) => {
    const equals = part.indexOf('=');
    const rawName = equals < 0 ? part : part.slice(0, equals);
    const name = decoded(rawName);
    if (name === null) return '[Redacted]';
    return SECRET_PARAMETERS.has(name.trim().toLowerCase()) ? `${rawName}=[Redacted]` : part;
  });
  return `${path}?${parameters.join('&')}`;
}

/**
 * pino's options that keep secrets out of every line: what a request and a response are logged as
 * (read raw: pino-http's `wrapSerializers` is off), errors without their data, and secret fields
 * redacted in each logged object. Not in child loggers' bindings (pino gives children no bindings
 * formatter): Haven binds only the request, serialised here, and context names; nor in objects
 * interpolated into a message (`%j`), which Haven never does.
 */
export const redaction = {
  redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
  formatters: { log: withoutSecretFields },
  serializers: {
    err: safeError,
    // A Fastify request; `ip` is the client's address, from X-Forwarded-For as TRUST_PROXY allows.
    req: (req: { id: string; method: string; url: string; ip: string }) => ({
      id: req.id,
      method: req.method,
      url: redactUrl(req.url),
      remoteAddress: req.ip,
    }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
};

/**
 * A request's id in the logs: the caller's `X-Request-Id` when it is a plain token of 8–64
 * characters (a proxy's trace id), else a random UUID, unique across processes. The API gives it to
 * Fastify as the request's id, which its request log writes.
 */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
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
  /**
   * `name`: the process, shown on each readable line (api, worker); `destination` replaces standard
   * output (tests read the log lines they cause).
   */
  static forRoot(name = 'haven', destination?: DestinationStream): DynamicModule {
    return {
      module: HavenLoggerModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            const options = {
              level: config.LOG_LEVEL,
              ...redaction,
              // Haven's serialisers alone: pino's standard ones, which they would otherwise wrap,
              // copied every response header for nothing.
              wrapSerializers: false,
              name,
              hooks: { logMethod: quietBootChatter },
              transport: destination ? undefined : prettyTransport(config, name),
            };
            const transport = options.transport;
            // JSON lines to standard output are written asynchronously (a synchronous write per
            // request cost the API several percent of its time under load, issue 14), the lines of
            // one event-loop turn handed to pino's destination together (TurnBatchedLines). What
            // waits is written on exit, which a signal reaches through the shutdown hooks.
            const output =
              destination ??
              (transport ? undefined : new TurnBatchedLines(pino.destination({ dest: 1, sync: false })));
            return {
              // No Nest middleware: the API logs its requests from Fastify hooks
              // (apps/api/src/http/request-log.ts); this module gives them and Nest the logger.
              forRoutes: [],
              pinoHttp: output ? [options, output] : options,
            };
          },
        }),
      ],
    };
  }
}

import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { gzipSync } from 'node:zlib';
import { from, map, Observable, of, switchMap } from 'rxjs';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { Actor, SharedReads } from '@haven/core';
import { OrganizationRecordAccess } from '@haven/needs';

/** How many answers a process holds (about 16 KB each), the least recently used dropped first. */
const MAX_ENTRIES = 2_000;
/** A ceiling on an answer's life; exactness comes from the versions, not from this. */
const MAX_AGE_MS = 60_000;
/** Answers smaller than this go out as they are: compressing them saves too little. */
const COMPRESS_FROM_BYTES = 1_024;

/** What a cached route's answer is made of, read from the request as it came (before validation). */
export interface BrowseRoute {
  /** The `read_versions` keys of what the answer shows (`all` is always added). */
  versions(request: FastifyRequest): string[];
  /**
   * The answer is the caller's own (made of their profile and sign-ups): kept per caller, under
   * their `user:<id>` version as well (migration 1764126000000).
   */
  perCaller?: boolean;
  /** When the answer changes by the passing of time alone (a task starting leaves the list). */
  validUntil?(answer: unknown, request: FastifyRequest): number;
}

interface Entry {
  versions: string;
  body: Buffer;
  /** The body gzipped, made when a client first accepts it. */
  gzipped?: Buffer;
  validUntil: number;
}

/** An answer to send: its JSON, and the same gzipped when the client accepts that. */
export interface Answer {
  body: Buffer;
  gzipped(): Buffer;
}

const BROWSE_ROUTE = 'haven:browse-route';
const FOUND = Symbol('haven:browse-found');

/**
 * Serialised answers of the hot browse routes (issue 14), held in each API process beside the
 * versions of what they were made of (`read_versions`, bumped by triggers in the transaction of
 * every change: migration 1764120000000). Every request reads the current versions — one small
 * prepared statement, shared with the requests that wait beside it, never sent before the request
 * came (see SharedReads) — so a change committed by any process is seen by the very next read on
 * every process; the answer's own queries, rows, validation and JSON are saved.
 *
 * An answer is keyed by the caller's audience (see `audience`) and the request's URL as it came, and
 * stored only after the route answered it: a URL that fails validation is never stored. The versions
 * are read before the answer is made: one made while a change commits is stored under the older
 * versions and so never served after the change.
 */
@Injectable()
export class BrowseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly versionReads: SharedReads<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrganizationRecordAccess,
  ) {
    // The driver's pool itself: the versions read is the whole cost of a served answer, and
    // TypeORM's query runner around it cost more than the statement.
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    this.versionReads = new SharedReads(async (keys) => {
      const { rows } = await pool.query<{ key: string; version: string }>(
        `SELECT key, version FROM read_versions WHERE key = ANY($1::text[])`,
        [keys],
      );
      return new Map(rows.map((row) => [row.key, row.version]));
    });
  }

  /**
   * What decides which rows the caller may see and how they are shown: admins see everything, an
   * organisation's coordinators also see its own rows (and exact beneficiary counts), everyone else
   * sees approved organisations' rows alike.
   */
  async audience(actor: Actor): Promise<string> {
    if (actor.role === 'admin') return 'admin';
    if (actor.role !== 'coordinator') return 'public';
    const own = await this.access.ownOrganizationId(actor, this.dataSource.manager);
    return own ? `organization:${own}` : 'public';
  }

  /**
   * The stored answer to `request` if what it shows is unchanged, and how to store a new one. Looked
   * up once per request: on a miss the fast path and then Nest's interceptor both ask.
   */
  find(
    request: FastifyRequest & { user: Actor; [FOUND]?: ReturnType<BrowseCache['lookup']> },
    route: BrowseRoute,
  ) {
    // Kept on the request itself: a WeakMap entry per request cost the collector more.
    return (request[FOUND] ??= this.lookup(request, route));
  }

  private async lookup(request: FastifyRequest & { user: Actor }, route: BrowseRoute) {
    const own = route.perCaller ? [`user:${request.user.id}`] : [];
    const key = `${own[0] ?? (await this.audience(request.user))} ${request.url}`;
    const versions = await this.versions([...route.versions(request), ...own]);
    const entry = this.entries.get(key);
    const fresh = entry && entry.versions === versions && entry.validUntil > Date.now() ? entry : undefined;
    if (fresh) {
      this.entries.delete(key);
      this.entries.set(key, fresh);
    }
    return {
      answer: fresh && answerOf(fresh),
      store: (answer: unknown, validUntil = Infinity): Answer => {
        const entry: Entry = {
          versions,
          body: Buffer.from(JSON.stringify(answer)),
          validUntil: Math.min(validUntil, Date.now() + MAX_AGE_MS),
        };
        this.entries.delete(key);
        if (entry.validUntil > Date.now()) {
          if (this.entries.size >= MAX_ENTRIES)
            this.entries.delete(this.entries.keys().next().value as string);
          this.entries.set(key, entry);
        }
        return answerOf(entry);
      },
    };
  }

  /** The versions of `all` (names and statuses shown everywhere) and of `keys`, as one string. */
  private async versions(keys: string[]): Promise<string> {
    const wanted = ['all', ...keys];
    const versions = await this.versionReads.read(wanted);
    return wanted.map((key) => versions.get(key) ?? '0').join(':');
  }
}

function answerOf(entry: Entry): Answer {
  return { body: entry.body, gzipped: () => (entry.gzipped ??= gzipSync(entry.body)) };
}

/** Serves the route's answers from the process's cache (see BrowseCache). */
@Injectable()
export class BrowseCacheInterceptor implements NestInterceptor {
  constructor(private readonly cache: BrowseCache) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = browseRouteOf(context.getHandler()) as BrowseRoute;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user: Actor }>();
    const reply = http.getResponse<FastifyReply>();
    return from(this.cache.find(request, route)).pipe(
      switchMap((cached) => {
        if (cached.answer) return of(send(request, reply, cached.answer));
        return next
          .handle()
          .pipe(
            map((answer) => send(request, reply, cached.store(answer, route.validUntil?.(answer, request)))),
          );
      }),
    );
  }
}

/** The answer as JSON, gzipped if the client accepts that and it is worth it (a 16 KB page goes out as ~2 KB). */
export function send(request: FastifyRequest, reply: FastifyReply, answer: Answer): Buffer {
  reply.type('application/json; charset=utf-8');
  if (answer.body.length < COMPRESS_FROM_BYTES) return answer.body;
  reply.header('vary', 'accept-encoding');
  if (!acceptsGzip(request.headers['accept-encoding'])) return answer.body;
  reply.header('content-encoding', 'gzip');
  return answer.gzipped();
}

/** Whether an Accept-Encoding header accepts gzip (not refused with q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text.split(',').some((part) => {
    const [coding, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== 'x-gzip') return false;
    const quality = parameters.find((parameter) => parameter.startsWith('q='));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

/** The cached route a handler answers, if it is one. */
export function browseRouteOf(handler: object): BrowseRoute | undefined {
  return Reflect.getMetadata(BROWSE_ROUTE, handler) as BrowseRoute | undefined;
}

/** Caches the route's answers in each API process, exactly invalidated (see BrowseCache). */
export const BrowseCached = (route: BrowseRoute) =>
  applyDecorators(SetMetadata(BROWSE_ROUTE, route), UseInterceptors(BrowseCacheInterceptor));

/** A query parameter as it came: one string, or undefined (repeated or absent). */
export function rawQuery(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Actor } from '@haven/core';
import { NeedAccess } from '@haven/needs';

/** How many answers a process holds (about 16 KB each), the least recently used dropped first. */
const MAX_ENTRIES = 1_000;
/** A ceiling on an answer's life; exactness comes from the versions, not from this. */
const MAX_AGE_MS = 60_000;

interface Entry {
  versions: string;
  body: Buffer;
  validUntil: number;
}

export interface Loaded {
  body: unknown;
  /** When the answer changes by the passing of time alone (a task starting leaves the list). */
  validUntil?: number;
}

/**
 * Serialised answers of the hot browse routes (issue 14), held in each API process beside the
 * versions of what they were made of (`read_versions`, bumped by triggers in the transaction of
 * every change: migration 1764120000000). Every request reads the current versions — one small
 * prepared statement — so a change committed by any process is seen by the very next read on every
 * process; only the answer's own query, its rows and its JSON are saved.
 *
 * The versions are read before the answer is loaded: an answer loaded while a change commits is
 * stored under the older versions and so never served after the change.
 */
@Injectable()
export class BrowseCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: NeedAccess,
  ) {}

  /**
   * What decides which rows the caller may see and how they are shown: admins see everything, an
   * organisation's coordinators also see its own rows (and exact beneficiary counts), everyone else
   * sees approved organisations' rows alike.
   */
  async audience(actor: Actor): Promise<string> {
    if (actor.role === 'admin') return 'admin';
    const own = await this.access.ownOrganizationId(actor, this.dataSource.manager);
    return own ? `organization:${own}` : 'public';
  }

  /** The JSON answer for `key` (which must name everything the answer depends on), from memory or `load`. */
  async answer(key: string, versionKeys: string[], load: () => Promise<Loaded>): Promise<Buffer> {
    const versions = await this.versions(versionKeys);
    const entry = this.entries.get(key);
    if (entry && entry.versions === versions && entry.validUntil > Date.now()) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.body;
    }
    const loaded = await load();
    const body = Buffer.from(JSON.stringify(loaded.body));
    const validUntil = Math.min(loaded.validUntil ?? Infinity, Date.now() + MAX_AGE_MS);
    this.entries.delete(key);
    if (validUntil > Date.now()) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, { versions, body, validUntil });
    }
    return body;
  }

  /** The versions of `all` (names and statuses shown everywhere) and of `keys`, as one string. */
  private async versions(keys: string[]): Promise<string> {
    const wanted = ['all', ...keys];
    const rows: { key: string; version: string }[] = await this.dataSource.query(
      `SELECT key, version FROM read_versions WHERE key = ANY($1::text[])`,
      [wanted],
    );
    return wanted.map((key) => rows.find((row) => row.key === key)?.version ?? '0').join(':');
  }
}

/** A stable text of a validated query object, for a cache key. */
export function queryKey(query: object): string {
  return JSON.stringify(
    Object.entries(query)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** Sends an already serialised JSON answer as it is. */
export function jsonAnswer(reply: FastifyReply, body: Buffer): Buffer {
  reply.type('application/json; charset=utf-8');
  return body;
}

import { CommonErrors } from '../errors/domain-error';
import { UUID } from '../vocabulary';
import type { Page, PageQuery } from './cursor';

/** How a cursor value is checked before it reaches SQL (a forged cursor is a 400, never a 500). */
export type KeysetKind = 'timestamp' | 'uuid' | 'integer';

export interface KeysetColumn<T> {
  /** An SQL expression (or, in a query builder, `alias.property`). */
  expression: string;
  direction: 'ASC' | 'DESC';
  value: (row: T) => string | number | Date;
  kind?: KeysetKind;
}

const INTEGER = /^\d{1,18}$/;
/** Lists are asked for at most 100 rows by clients; internal callers may ask for up to this many. */
const MAX_LIMIT = 1000;

export const invalidCursor = () =>
  CommonErrors.validation([{ field: 'cursor', message: 'is not a cursor this list issued' }]);

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((value) => typeof value === 'string' || typeof value === 'number')
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the validation error
  }
  throw invalidCursor();
}

/**
 * Keyset pagination, the one way every list pages: the page starts after the cursor's row, so the
 * cost grows with the page, not with the table; one row more than asked is fetched to know whether
 * another page exists. Query builders use it through `paginate()`; hand-written SQL asks it for
 * the condition, the order and the limit, runs the statement through `fetch`, and turns the rows
 * into a page with `page`. The last column must be unique (usually the id).
 */
export class Keyset<T> {
  constructor(readonly columns: readonly KeysetColumn<T>[]) {}

  /**
   * The condition for the rows after the cursor, or null on a first page. `param` turns a value
   * into a placeholder (`$3` in SQL, `:keyset0` in a query builder). When every column runs the
   * same way it is a row comparison, which an index on those columns serves.
   */
  after(page: PageQuery, param: (value: unknown, index: number) => string): string | null {
    if (!page.cursor) return null;
    const values = decodeCursor(page.cursor, this.columns.length).map((value, index) =>
      checked(value, this.columns[index]!.kind),
    );
    const placeholders = values.map((value, index) => param(value, index));
    const [first] = this.columns;
    if (this.columns.every((column) => column.direction === first!.direction)) {
      const expressions = this.columns.map((column) => column.expression).join(', ');
      return `(${expressions}) ${first!.direction === 'ASC' ? '>' : '<'} (${placeholders.join(', ')})`;
    }
    // Mixed directions: a > x OR (a = x AND b < y) ...
    const clauses = this.columns.map((column, index) => {
      const equalities = this.columns
        .slice(0, index)
        .map((previous, at) => `${previous.expression} = ${placeholders[at]}`);
      const comparison = `${column.expression} ${column.direction === 'ASC' ? '>' : '<'} ${placeholders[index]}`;
      return `(${[...equalities, comparison].join(' AND ')})`;
    });
    return `(${clauses.join(' OR ')})`;
  }

  /** `expression direction, ...`, for an ORDER BY. */
  orderBy(): string {
    return this.columns.map((column) => `${column.expression} ${column.direction}`).join(', ');
  }

  /** How many rows to fetch: the page and one more. Checked, so it may be written into SQL. */
  limit(page: PageQuery): number {
    const limit = Number(page.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw CommonErrors.validation([{ field: 'limit', message: 'must be a whole number from 1 to 100' }]);
    }
    return limit + 1;
  }

  /**
   * Runs the page's statement. A cursor that decodes but holds values of the wrong type (a forged
   * one) makes PostgreSQL refuse the cast with a data exception (class 22): the client's mistake.
   */
  async fetch<R>(page: PageQuery, run: () => Promise<R[]>): Promise<R[]> {
    try {
      return await run();
    } catch (error) {
      if (page.cursor && /^22/.test(String((error as { code?: unknown }).code))) throw invalidCursor();
      throw error;
    }
  }

  /** The page from the fetched rows (one more than the page when another follows). */
  page<R extends T>(rows: R[], page: PageQuery): Page<R> {
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > page.limit && last
        ? encodeCursor(this.columns.map((column) => serialise(column.value(last))))
        : null;
    return { items, nextCursor };
  }
}

function checked(value: string | number, kind: KeysetKind | undefined): string | number | Date {
  switch (kind) {
    case undefined:
      return value;
    case 'timestamp':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value);
      break;
    case 'uuid':
      if (typeof value === 'string' && UUID.test(value)) return value;
      break;
    case 'integer':
      if (INTEGER.test(String(value))) return String(value);
      break;
  }
  throw invalidCursor();
}

function serialise(value: string | number | Date): string | number {
  return value instanceof Date ? value.toISOString() : value;
}

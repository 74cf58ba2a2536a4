import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CommonErrors } from '../errors/domain-error';

export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface KeysetOrder<T> {
  /** SQL expressions, most significant first; the last must be unique (usually the id). */
  columns: { expression: string; direction: 'ASC' | 'DESC'; value: (row: T) => string | number | Date }[];
}

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

const invalidCursor = () =>
  CommonErrors.validation([{ field: 'cursor', message: 'is not a cursor this list issued' }]);

/**
 * Keyset pagination: the page starts after the cursor's row, so the cost grows with the page,
 * not with the table. Fetches one row more than asked to know whether another page exists.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  page: PageQuery,
): Promise<Page<T>> {
  const { columns } = order;
  if (page.cursor) {
    const values = decodeCursor(page.cursor, columns.length);
    // (a, b) after (x, y) for mixed directions: a > x OR (a = x AND b > y) ...
    const clauses = columns.map((column, index) => {
      const equalities = columns
        .slice(0, index)
        .map((previous, at) => `${previous.expression} = :keyset${at}`);
      const comparison = `${column.expression} ${column.direction === 'ASC' ? '>' : '<'} :keyset${index}`;
      return `(${[...equalities, comparison].join(' AND ')})`;
    });
    query.andWhere(
      `(${clauses.join(' OR ')})`,
      Object.fromEntries(values.map((value, index) => [`keyset${index}`, value])),
    );
  }
  columns.forEach((column, index) =>
    index === 0
      ? query.orderBy(column.expression, column.direction)
      : query.addOrderBy(column.expression, column.direction),
  );
  let rows: T[];
  try {
    rows = await query.limit(page.limit + 1).getMany();
  } catch (error) {
    // A cursor that decodes but holds values of the wrong type (a forged one): PostgreSQL refuses
    // the cast with a data exception (class 22). That is the client's mistake, not ours.
    if (page.cursor && /^22/.test(String((error as { code?: unknown }).code))) throw invalidCursor();
    throw error;
  }
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > page.limit && last
      ? encodeCursor(columns.map((column) => serialise(column.value(last))))
      : null;
  return { items, nextCursor };
}

function serialise(value: string | number | Date): string | number {
  return value instanceof Date ? value.toISOString() : value;
}

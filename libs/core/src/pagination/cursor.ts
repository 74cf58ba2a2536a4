import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Keyset, KeysetColumn } from './keyset';

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
  /** Most significant first; the last must be unique (usually the id). */
  columns: KeysetColumn<T>[];
}

/** A query builder's page, through the one keyset helper (see Keyset). */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  page: PageQuery,
): Promise<Page<T>> {
  const keyset = new Keyset(order.columns);
  const parameters: Record<string, unknown> = {};
  const after = keyset.after(page, (value, index) => {
    parameters[`keyset${index}`] = value;
    return `:keyset${index}`;
  });
  if (after) query.andWhere(after, parameters);
  keyset.columns.forEach((column, index) =>
    index === 0
      ? query.orderBy(column.expression, column.direction)
      : query.addOrderBy(column.expression, column.direction),
  );
  const rows = await keyset.fetch(page, () => query.limit(keyset.limit(page)).getMany());
  return keyset.page(rows, page);
}

import { DomainError } from '../errors/domain-error';
import { encodeCursor, Keyset } from './keyset';

interface Row {
  startsAt: Date;
  id: string;
  rank: number;
}

const ID = '0b9f6a3e-2c4d-4e8f-9a1b-3c5d7e9f1a2b';
const soonest = new Keyset<Row>([
  { expression: 't.starts_at', direction: 'ASC', value: (row) => row.startsAt, kind: 'timestamp' },
  { expression: 't.id', direction: 'ASC', value: (row) => row.id, kind: 'uuid' },
]);
const positional = () => {
  const params: unknown[] = [];
  return { params, param: (value: unknown) => `$${params.push(value)}` };
};
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return { status: (error as DomainError).status, errors: (error as DomainError).errors };
  }
  throw new Error('was not refused');
};
const CURSOR_REFUSED = {
  status: 400,
  errors: [{ field: 'cursor', message: 'is not a cursor this list issued' }],
};

describe('Keyset', () => {
  it('asks for nothing on a first page and orders by every column', () => {
    expect(soonest.after({ limit: 20 }, positional().param)).toBeNull();
    expect(soonest.orderBy()).toBe('t.starts_at ASC, t.id ASC');
    expect(soonest.limit({ limit: 20 })).toBe(21);
  });

  it('continues after the cursor row with a row comparison, values checked and typed', () => {
    const { params, param } = positional();
    const cursor = encodeCursor(['2026-12-01T10:00:00.000Z', ID]);
    expect(soonest.after({ limit: 20, cursor }, param)).toBe('(t.starts_at, t.id) > ($1, $2)');
    expect(params).toEqual([new Date('2026-12-01T10:00:00.000Z'), ID]);
  });

  it('spells out mixed directions', () => {
    const mixed = new Keyset<Row>([
      { expression: 'rank', direction: 'DESC', value: (row) => row.rank },
      { expression: 'id', direction: 'ASC', value: (row) => row.id },
    ]);
    const { params, param } = positional();
    expect(mixed.after({ limit: 5, cursor: encodeCursor([3, ID]) }, param)).toBe(
      '((rank < $1) OR (rank = $1 AND id > $2))',
    );
    expect(params).toEqual([3, ID]);
  });

  it('makes the next cursor from the last row shown, only when more rows follow', () => {
    const rows = [1, 2, 3].map((n) => ({ startsAt: new Date(Date.UTC(2026, 11, n)), id: `${n}`, rank: n }));
    expect(soonest.page(rows, { limit: 3 })).toEqual({ items: rows, nextCursor: null });
    const page = soonest.page(rows, { limit: 2 });
    expect(page.items).toEqual(rows.slice(0, 2));
    expect(page.nextCursor).toBe(encodeCursor(['2026-12-02T00:00:00.000Z', '2']));
  });

  it('refuses a cursor it did not issue with a 400 on the cursor field', () => {
    const after = (cursor: string) => () => soonest.after({ limit: 20, cursor }, positional().param);
    expect(refusal(after('not base64 json'))).toEqual(CURSOR_REFUSED);
    expect(refusal(after(encodeCursor([ID])))).toEqual(CURSOR_REFUSED);
    expect(refusal(after(encodeCursor(['yesterday', ID])))).toEqual(CURSOR_REFUSED);
    expect(refusal(after(encodeCursor(['2026-12-01T10:00:00.000Z', 'x'])))).toEqual(CURSOR_REFUSED);
  });

  it('turns a data exception from a forged cursor into the same 400, and lets other errors through', async () => {
    const cursor = encodeCursor(['x']);
    const dataException = Object.assign(new Error('invalid input syntax'), { code: '22P02' });
    await expect(
      soonest.fetch({ limit: 20, cursor }, () => Promise.reject(dataException)),
    ).rejects.toMatchObject(CURSOR_REFUSED);
    await expect(soonest.fetch({ limit: 20 }, () => Promise.reject(dataException))).rejects.toBe(
      dataException,
    );
    const other = Object.assign(new Error('deadlock'), { code: '40P01' });
    await expect(soonest.fetch({ limit: 20, cursor }, () => Promise.reject(other))).rejects.toBe(other);
  });

  it('refuses a limit that could not be written into SQL', () => {
    expect(refusal(() => soonest.limit({ limit: 1.5 }))).toMatchObject({ status: 400 });
    expect(refusal(() => soonest.limit({ limit: 0 }))).toMatchObject({ status: 400 });
  });
});

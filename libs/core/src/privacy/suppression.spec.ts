import { suppressCells, suppressCount, thresholdFor } from './suppression';

const thresholds = { standard: 5, sensitive: 10 };

describe('small-cell suppression', () => {
  it('uses the stricter threshold for health and psychosocial needs', () => {
    expect(thresholdFor(thresholds, 'education')).toBe(5);
    expect(thresholdFor(thresholds, 'health')).toBe(10);
    expect(thresholdFor(thresholds, 'psychosocial')).toBe(10);
    expect(thresholdFor(thresholds)).toBe(5);
  });

  it.each([
    [1, 5, '<5'],
    [4, 5, '<5'],
    [5, 5, 5],
    [120, 5, 120],
    [9, 10, '<10'],
    [10, 10, 10],
    [0, 5, 0],
  ])('shows %i with threshold %i as %p', (count, threshold, expected) => {
    expect(suppressCount(count, threshold)).toBe(expected);
  });

  it('hides the total when one cell is hidden, so subtraction cannot give it back', () => {
    const result = suppressCells({ children: 3, youth: 40, adults: 12 }, 5);
    expect(result).toEqual({ cells: { children: '<5', youth: 40, adults: 12 }, total: 'suppressed' });
  });

  it('hides the total when several cells are hidden, so their bounds cannot pin them down', () => {
    const result = suppressCells({ a: 1, b: 1, c: 100 }, 5);
    expect(result).toEqual({ cells: { a: '<5', b: '<5', c: 100 }, total: 'suppressed' });
  });

  it('shows every cell and the total when none is small; zero is shown', () => {
    expect(suppressCells({ a: 5, b: 8, c: 0 }, 5)).toEqual({ cells: { a: 5, b: 8, c: 0 }, total: 13 });
  });

  it('leaves no hidden cell recoverable: each is consistent with every value from 1 to N - 1', () => {
    for (let trial = 0; trial < 500; trial += 1) {
      const counts = { a: trial % 7, b: (trial * 3) % 11, c: (trial * 5) % 13, d: 20 + (trial % 3) };
      const { cells, total } = suppressCells(counts, 5);
      const hidden = Object.values(cells).filter((cell) => typeof cell === 'string');
      if (hidden.length > 0) expect(total).toBe('suppressed');
      else expect(total).toBe(counts.a + counts.b + counts.c + counts.d);
    }
  });
});

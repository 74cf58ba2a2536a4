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

  it('hides a second cell when only one is small, so the total cannot give it back', () => {
    const result = suppressCells({ children: 3, youth: 40, adults: 12 }, 5);
    expect(result).toEqual({ cells: { children: '<5', youth: 40, adults: 'suppressed' }, total: 55 });
  });

  it('needs no secondary suppression when two or more cells are already hidden', () => {
    const result = suppressCells({ children: 3, youth: 2, adults: 12 }, 5);
    expect(result).toEqual({ cells: { children: '<5', youth: '<5', adults: 12 }, total: 17 });
  });

  it('shows every cell when none is small', () => {
    expect(suppressCells({ a: 5, b: 8 }, 5)).toEqual({ cells: { a: 5, b: 8 }, total: 13 });
  });

  it('hides everything when the total itself is small', () => {
    expect(suppressCells({ a: 1, b: 2, c: 0 }, 5)).toEqual({
      cells: { a: '<5', b: '<5', c: 0 },
      total: '<5',
    });
  });

  it('never picks an empty cell as the secondary one', () => {
    const result = suppressCells({ a: 2, b: 0, c: 30 }, 5);
    expect(result.cells).toEqual({ a: '<5', b: 0, c: 'suppressed' });
  });

  it('cannot be undone by subtraction: every visible cell and the total leave two or more unknowns', () => {
    for (let trial = 0; trial < 500; trial += 1) {
      const counts = { a: trial % 7, b: (trial * 3) % 11, c: (trial * 5) % 13, d: 20 + (trial % 3) };
      const { cells, total } = suppressCells(counts, 5);
      const unknown = Object.values(cells).filter((cell) => typeof cell === 'string').length;
      expect(unknown === 0 || unknown >= 2 || typeof total === 'string').toBe(true);
    }
  });
});

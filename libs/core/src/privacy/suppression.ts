import { NeedCategory } from '../vocabulary';

/**
 * A count as it may leave its organisation: the number; `"<N"` when the cell itself is too small;
 * `"suppressed"` when a larger cell is hidden only so that a small one cannot be worked out from a total.
 */
export type SuppressedCount = number | `<${number}` | 'suppressed';

export interface SuppressionThresholds {
  /** Default threshold (5 unless configured). */
  standard: number;
  /** For categories where a small group is easier to single out (10 unless configured). */
  sensitive: number;
}

const SENSITIVE_CATEGORIES: readonly NeedCategory[] = ['health', 'psychosocial'];

export function thresholdFor(thresholds: SuppressionThresholds, category?: NeedCategory): number {
  return category && SENSITIVE_CATEGORIES.includes(category) ? thresholds.sensitive : thresholds.standard;
}

/** Primary suppression of one count. Zero is shown: an empty cell singles nobody out. */
export function suppressCount(count: number, threshold: number): SuppressedCount {
  return count > 0 && count < threshold ? `<${threshold}` : count;
}

/**
 * Suppresses a table of counts shown with their total. Primary suppression hides each cell below the
 * threshold; secondary suppression then hides the smallest remaining non-zero cell whenever exactly
 * one cell is hidden, since total − visible cells would otherwise give it back. A total below the
 * threshold hides everything.
 */
export function suppressCells<K extends string>(
  cells: Record<K, number>,
  threshold: number,
): { cells: Record<K, SuppressedCount>; total: SuppressedCount } {
  const entries = Object.entries(cells) as [K, number][];
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const primary = new Set(entries.filter(([, count]) => count > 0 && count < threshold).map(([key]) => key));
  if (total > 0 && total < threshold) entries.forEach(([key, count]) => count > 0 && primary.add(key));
  const secondary = new Set<K>();
  if (primary.size === 1) {
    const smallest = entries
      .filter(([key, count]) => !primary.has(key) && count > 0)
      .sort((a, b) => a[1] - b[1])[0];
    if (smallest) secondary.add(smallest[0]);
  }
  const shown = Object.fromEntries(
    entries.map(([key, count]): [K, SuppressedCount] => [
      key,
      primary.has(key) ? `<${threshold}` : secondary.has(key) ? 'suppressed' : count,
    ]),
  ) as Record<K, SuppressedCount>;
  return { cells: shown, total: suppressCount(total, threshold) };
}

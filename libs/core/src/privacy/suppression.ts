import { NeedCategory } from '../vocabulary';

/**
 * A count as it may leave its organisation: the number; `"<N"` when the cell itself is too small;
 * `"suppressed"` for a total hidden so that a small cell cannot be worked out from it.
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
 * Suppresses a table of counts shown with its total. Primary suppression hides each cell below the
 * threshold as `"<N"`. Secondary suppression then hides the total whenever any cell is hidden: with
 * the total shown, total − visible cells would give a single hidden cell back, and would pin several
 * hidden cells down whenever their bounds leave one solution ({1, 1} summing to 2). Without it, each
 * hidden cell is known only to lie between 1 and N − 1.
 */
export function suppressCells<K extends string>(
  cells: Record<K, number>,
  threshold: number,
): { cells: Record<K, SuppressedCount>; total: SuppressedCount } {
  const entries = Object.entries(cells) as [K, number][];
  const shown = Object.fromEntries(
    entries.map(([key, count]): [K, SuppressedCount] => [key, suppressCount(count, threshold)]),
  ) as Record<K, SuppressedCount>;
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const anyHidden = Object.values<SuppressedCount>(shown).some((cell) => typeof cell === 'string');
  return { cells: shown, total: anyHidden ? 'suppressed' : total };
}

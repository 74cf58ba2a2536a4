import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  /** 30 s unless given. */
  timeoutMs?: number;
  /** 100 ms unless given. */
  intervalMs?: number;
  /** What to add to the timeout's message (a child's output, the rows so far). */
  diagnostics?: () => string;
}

/**
 * The one polling helper of the suites: calls `check` until it returns a value other than
 * undefined or false, and returns that value. A check that throws is tried again (a server still
 * starting refuses connections); after `timeoutMs` it fails with `what`, the last error and the
 * diagnostics.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  { timeoutMs = 30_000, intervalMs = 100, diagnostics }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const cause = last instanceof Error ? ` (last error: ${last.message})` : '';
      const extra = diagnostics ? `\n${diagnostics()}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}${extra}`);
    }
    await sleep(intervalMs);
  }
}

import { writeSync } from 'node:fs';
import type { DestinationStream } from 'pino';

/** What a turn's lines are handed to: pino's own asynchronous destination (sonic-boom). */
interface LineStream extends DestinationStream {
  readonly destroyed?: boolean;
  flush(callback?: (error?: Error) => void): void;
  flushSync(): void;
}

/**
 * Hands the log lines written in one turn of the event loop to `target` together, at the turn's
 * end: sonic-boom measures the bytes of all it holds unwritten on every single write, which under
 * load was 6% of a cached answer's cost (issue 14); once per turn it is noise. The order of lines
 * is kept. On exit (a signal ends the process through its shutdown hooks, then `process.exit`) the
 * lines of the last turn are written synchronously after everything sonic-boom still holds; a write
 * of sonic-boom's already under way completes on its own, as with pino's own exit flush.
 */
export class TurnBatchedLines implements DestinationStream {
  private pending: string[] = [];

  constructor(private readonly target: LineStream) {
    flushOnExit(this);
  }

  write(line: string): void {
    if (this.pending.push(line) === 1) setImmediate(this.writePending);
  }

  /** pino's `logger.flush(callback)`: everything written so far, then `callback`. */
  flush(callback?: (error?: Error) => void): void {
    this.writePending();
    this.target.flush(callback);
  }

  /** Writes what the destination holds, then what waits here, before returning. */
  flushSync(): void {
    const lines = this.take();
    if (this.target.destroyed) return;
    this.target.flushSync();
    // sonic-boom's open descriptor: a documented property its types leave out.
    if (lines) writeAllSync((this.target as unknown as { fd: number }).fd, lines);
  }

  private take(): string {
    const lines = this.pending.join('');
    this.pending = [];
    return lines;
  }

  private readonly writePending = (): void => {
    const lines = this.take();
    // A destination already ended (the process is exiting) takes nothing more.
    if (lines && !this.target.destroyed) this.target.write(lines);
  };
}

/** The batchers alive in this process (tests make many), flushed by one listener on exit. */
const alive = new Set<WeakRef<TurnBatchedLines>>();
let listening = false;

function flushOnExit(lines: TurnBatchedLines): void {
  if (!listening) {
    listening = true;
    process.once('exit', () => {
      for (const ref of alive) {
        try {
          ref.deref()?.flushSync();
        } catch {
          // Nothing is left to report it to.
        }
      }
    });
  }
  for (const ref of alive) if (!ref.deref()) alive.delete(ref);
  alive.add(new WeakRef(lines));
}

/** Writes all of `text` to `fd` now, waiting out a pipe that is momentarily full (EAGAIN). */
function writeAllSync(fd: number, text: string): void {
  let rest = Buffer.from(text);
  for (let full = 0; rest.length > 0 && full < 10_000;) {
    try {
      rest = rest.subarray(writeSync(fd, rest));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      full += 1;
    }
  }
}

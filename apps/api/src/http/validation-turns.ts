import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';

/** A body of at least this many characters of JSON is validated in a turn of its own. */
export const LARGE_BODY_CHARACTERS = 2048;

const largeBodies = new WeakSet<object>();

/** Called by the JSON body parser: marks a parsed body whose text was large. */
export function noteBodySize(body: unknown, characters: number): void {
  if (characters >= LARGE_BODY_CHARACTERS && typeof body === 'object' && body !== null) largeBodies.add(body);
}

/**
 * Runs work one at a time, each started in an event-loop turn of its own (`setImmediate`), so the
 * I/O that arrived meanwhile (a health check, a small request) is served between two of them.
 */
export class Turns {
  private last: Promise<unknown> = Promise.resolve();

  take<T>(work: () => Promise<T>): Promise<T> {
    const run = this.last.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(work);
    this.last = run.catch(() => undefined);
    return run;
  }
}

/**
 * Validation of a large body (class-validator and the privacy guard over every text: up to tens of
 * milliseconds of uninterrupted work for the largest accepted bodies) runs one body at a time, each
 * in a turn of its own. Sixteen of them arriving together used to run back to back in one turn of
 * the event loop, so `/health/live` and every small request waited for all of them; now they wait
 * for one at most. Small bodies are validated at once, as before.
 */
export class FairValidationPipe extends ValidationPipe {
  private readonly turns = new Turns();

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && typeof value === 'object' && value !== null && largeBodies.has(value)) {
      return this.turns.take(() => super.transform(value, metadata));
    }
    return super.transform(value, metadata);
  }
}

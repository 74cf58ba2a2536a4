/** Reads the values of some keys in one statement; absent keys are left out. */
export type ReadMany<T> = (keys: string[]) => Promise<Map<string, T>>;

interface Batch<T> {
  keys: Set<string>;
  values: Promise<Map<string, T>>;
  start(): void;
}

/**
 * Reads shared by the requests that wait together: the requests that ask in one turn of the event
 * loop share one read, and while a read is on its way to PostgreSQL, the requests that ask meanwhile
 * join the next, sent when it returns. Under load a process so reads a few times per round trip
 * rather than once per request (issue 14: the cached pages' `read_versions`, the callers' accounts).
 *
 * Exactness is kept: a request never uses a read that was sent before it asked, so every change
 * committed before it came (its writer already answered) is seen by it, as with a read of its own.
 */
export class SharedReads<T> {
  private next: Batch<T> | null = null;
  private running = false;
  private scheduled = false;

  constructor(private readonly readMany: ReadMany<T>) {}

  read(keys: string[]): Promise<Map<string, T>> {
    const batch = (this.next ??= this.batch());
    for (const key of keys) batch.keys.add(key);
    if (!this.running && !this.scheduled) {
      // After this turn's other requests have joined (they are parsed in the same turn).
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.send();
      });
    }
    return batch.values;
  }

  private batch(): Batch<T> {
    const keys = new Set<string>();
    let start!: () => void;
    const started = new Promise<void>((resolve) => (start = resolve));
    return { keys, values: started.then(() => this.readMany([...keys])), start };
  }

  private send() {
    const batch = this.next;
    if (!batch) return;
    this.next = null;
    this.running = true;
    const done = () => {
      this.running = false;
      this.send();
    };
    batch.values.then(done, done);
    batch.start();
  }
}

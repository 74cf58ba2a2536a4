import { ApiError, NetworkError, problemFrom } from './api/problem';
import { authedFetch } from './api/session';

/**
 * Changes made without a connection (or lost in transit) wait here, in localStorage, and are sent
 * when the connection returns: one at a time, each removed only once the API has answered, so a
 * change is never dropped and never applied twice. An answer that says the change already holds
 * (409 already signed up, 404 no sign-up left to withdraw) counts as delivered.
 */
export interface QueuedChange {
  id: string;
  method: 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  /** What the change was, for the person: "Sign up: Evening class". */
  label: string;
  kind: 'signup' | 'withdraw' | 'pledge';
  createdAt: string;
}

export interface FailedChange extends QueuedChange {
  reason: string;
}

const KEY = 'haven.outbox';
const FAILED_KEY = 'haven.outbox.failed';
const listeners = new Set<() => void>();
let flushing: Promise<void> | null = null;

function read<T>(key: string): T[] {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T[]) : [];
  } catch {
    return [];
  }
}

function write<T>(key: string, value: T[]): void {
  localStorage.setItem(key, JSON.stringify(value));
  for (const listener of listeners) listener();
}

export function pendingChanges(): QueuedChange[] {
  return read<QueuedChange>(KEY);
}

export function failedChanges(): FailedChange[] {
  return read<FailedChange>(FAILED_KEY);
}

export function dismissFailed(id: string): void {
  write(
    FAILED_KEY,
    failedChanges().filter((change) => change.id !== id),
  );
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function enqueue(change: Omit<QueuedChange, 'id' | 'createdAt'>): QueuedChange {
  const queued: QueuedChange = { ...change, id: crypto.randomUUID(), createdAt: new Date().toISOString() };
  // The same change twice (two taps while offline) is one change.
  const existing = pendingChanges().filter(
    (item) => !(item.method === change.method && item.path === change.path),
  );
  write(KEY, [...existing, queued]);
  return queued;
}

export function clearQueue(): void {
  write(KEY, []);
  write(FAILED_KEY, []);
}

function alreadyDone(change: QueuedChange, error: ApiError): boolean {
  if (change.kind === 'signup') return error.status === 409 && error.code === 'already_signed_up';
  if (change.kind === 'withdraw') return error.status === 404;
  return false;
}

export type Sender = (request: Request) => Promise<Response>;

/** Sends what waits, in order; stops at the first lost connection and keeps the rest. */
export function flush(send: Sender = authedFetch): Promise<void> {
  if (!flushing) {
    flushing = (async () => {
      for (;;) {
        const [change] = pendingChanges();
        if (!change) return;
        let outcome: 'done' | 'failed' | 'offline';
        let reason = '';
        try {
          const response = await send(
            new Request(new URL(change.path, location.origin), {
              method: change.method,
              headers: change.body === undefined ? {} : { 'Content-Type': 'application/json' },
              body: change.body === undefined ? undefined : JSON.stringify(change.body),
              credentials: 'same-origin',
            }),
          );
          if (response.ok) outcome = 'done';
          else if (response.status >= 500 || response.status === 429 || response.status === 401)
            outcome = 'offline';
          else {
            const error = await problemFrom(response);
            outcome = alreadyDone(change, error) ? 'done' : 'failed';
            reason = error.problem.detail ?? error.problem.title;
          }
        } catch (error) {
          if (!(error instanceof NetworkError) && !(error instanceof TypeError)) throw error;
          outcome = 'offline';
        }
        if (outcome === 'offline') return;
        write(
          KEY,
          pendingChanges().filter((item) => item.id !== change.id),
        );
        if (outcome === 'failed') write(FAILED_KEY, [...failedChanges(), { ...change, reason }]);
      }
    })().finally(() => {
      flushing = null;
    });
  }
  return flushing;
}

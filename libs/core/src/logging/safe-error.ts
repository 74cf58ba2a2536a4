/**
 * What of an error may be logged. Database errors carry the failed SQL, its parameters (request
 * content: titles, descriptions, e-mail addresses) and messages or details that quote values
 * (`invalid input syntax for type uuid: "…"`, `Key (email)=(…) already exists`); none of that is
 * kept, only the SQLSTATE code and where it failed. Other errors keep their message and stack frames.
 */
export interface SafeError {
  type: string;
  message?: string;
  code?: string;
  routine?: string;
  table?: string;
  column?: string;
  constraint?: string;
  stack?: string;
  cause?: SafeError;
}

/** TypeORM's QueryFailedError and pg's own DatabaseError: both carry a five-character SQLSTATE. */
export function isDatabaseError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown; driverError?: unknown; severity?: unknown };
  if (candidate.name === 'QueryFailedError' || 'driverError' in candidate) return true;
  return (
    typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code) && 'severity' in candidate
  );
}

/** The SQLSTATE of a database error (`22021` for a NUL byte), or undefined. */
export function sqlState(error: unknown): string | undefined {
  if (!isDatabaseError(error)) return undefined;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  const state = typeof driverError?.code === 'string' ? driverError.code : code;
  return typeof state === 'string' ? state : undefined;
}

function framesOnly(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? frames.join('\n') : undefined;
}

export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error) && !isDatabaseError(error)) return { type: typeof error };
  const source = error as Error & { driverError?: Record<string, unknown>; cause?: unknown };
  const type = source.name || source.constructor?.name || 'Error';
  const cause = depth < 3 && source.cause !== undefined ? safeError(source.cause, depth + 1) : undefined;
  if (isDatabaseError(error)) {
    const driver = (source.driverError ?? source) as Record<string, unknown>;
    const text = (key: string) => (typeof driver[key] === 'string' ? (driver[key] as string) : undefined);
    return {
      type,
      message: 'database error (details withheld: they may quote request content)',
      code: sqlState(error),
      routine: text('routine'),
      table: text('table'),
      column: text('column'),
      constraint: text('constraint'),
      stack: framesOnly(source.stack),
      ...(cause && { cause }),
    };
  }
  return { type, message: source.message, stack: framesOnly(source.stack), ...(cause && { cause }) };
}

/** One line for a warning: the error's type and message, with database errors' details withheld. */
export function safeErrorMessage(error: unknown): string {
  const safe = safeError(error);
  return safe.code ? `${safe.type} ${safe.code}` : `${safe.type}: ${safe.message ?? ''}`;
}

/**
 * The error a job fails with: BullMQ keeps its message and stack in Redis (and bull-board shows
 * them), so a database error is replaced by one that names only its SQLSTATE.
 */
export function withoutRequestContent(error: unknown): unknown {
  if (!isDatabaseError(error)) return error;
  const safe = new Error(safeErrorMessage(error));
  safe.stack = `Error: ${safe.message}\n${safeError(error).stack ?? ''}`;
  return safe;
}

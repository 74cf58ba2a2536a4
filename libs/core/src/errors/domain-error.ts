export interface FieldError {
  field: string;
  message: string;
}

/**
 * A failure the caller can act on. Services throw it with a stable `code`; the problem filter maps it
 * to RFC 9457 problem+json once, so no controller formats an error by hand.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

/** Errors every context needs; contexts add their own catalogues beside their services. */
export const CommonErrors = {
  validation: (errors: FieldError[]) =>
    new DomainError('validation', 400, 'The request has invalid fields.', errors),
  notFound: (what = 'resource') => new DomainError('not_found', 404, `The ${what} does not exist.`),
  forbidden: (detail = 'You are not allowed to do this.') => new DomainError('forbidden', 403, detail),
  unauthenticated: (detail = 'Sign in to continue.') => new DomainError('unauthenticated', 401, detail),
  conflict: (code: string, detail: string) => new DomainError(code, 409, detail),
  tooManyRequests: (retryAfterSeconds: number) =>
    new DomainError('too_many_requests', 429, 'Too many requests; try again later.', undefined, {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    }),
};

/** RFC 9457 problem details, as every Haven error arrives. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
}

/** An error response from the API, carrying its problem details. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  /** The code after `urn:haven:problem:` (`personal_data`, `already_signed_up`, …). */
  get code(): string {
    return this.problem.type.replace(/^urn:haven:problem:/, '');
  }

  /** The errors about one field (dotted paths such as `items.0.name` match `items.0.name`). */
  forField(field: string): FieldProblem[] {
    return (this.problem.errors ?? []).filter((error) => error.field === field);
  }
}

/** The connection failed before any answer came: offline, or lost in transit. */
export class NetworkError extends Error {
  constructor() {
    super('network');
    this.name = 'NetworkError';
  }
}

export function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'title' in body;
}

export async function problemFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (isProblem(body)) return new ApiError(body);
  return new ApiError({
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
  });
}

import type { Response } from 'supertest';

/**
 * Asserts that a response is an RFC 9457 problem with the given status and leaks nothing internal.
 * Every unhappy-path test goes through this, so a 5xx or a bare error body fails loudly.
 */
export function expectProblem(response: Response, status: number, field?: string): void {
  if (response.status !== status) {
    throw new Error(`Expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual(
    expect.objectContaining({ type: expect.any(String), title: expect.any(String), status }),
  );
  const text = JSON.stringify(response.body);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|QueryFailedError|SELECT |INSERT |node_modules/);
  if (field) {
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  }
}

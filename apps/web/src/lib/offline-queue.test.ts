import { describe, expect, it } from 'vitest';
import { NetworkError } from './api/problem';
import { enqueue, failedChanges, flush, pendingChanges } from './offline-queue';

const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: `urn:haven:problem:${code}`, title: 'x', status, detail: code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

const signup = (taskId: string) => ({
  method: 'POST' as const,
  path: `/api/v1/tasks/${taskId}/signups`,
  body: {},
  label: `Task ${taskId}`,
  kind: 'signup' as const,
});

describe('the offline queue', () => {
  it('keeps a change while the connection is lost, and sends it once when it returns', async () => {
    enqueue(signup('a'));
    enqueue(signup('a')); // a second tap offline is the same change
    expect(pendingChanges()).toHaveLength(1);
    const sent: string[] = [];
    await flush(async () => {
      throw new NetworkError();
    });
    expect(pendingChanges()).toHaveLength(1);
    await Promise.all([
      flush(async (request) => {
        sent.push(`${request.method} ${new URL(request.url).pathname}`);
        return new Response(JSON.stringify({ id: 's1', status: 'confirmed' }), { status: 201 });
      }),
      flush(async (request) => {
        sent.push(`second flusher: ${request.url}`);
        return new Response('{}', { status: 201 });
      }),
    ]);
    expect(sent).toEqual(['POST /api/v1/tasks/a/signups']);
    expect(pendingChanges()).toEqual([]);
  });

  it('counts a retried sign-up the API already holds (409 already signed up) as delivered', async () => {
    enqueue(signup('b'));
    await flush(async () => problem(409, 'already_signed_up'));
    expect(pendingChanges()).toEqual([]);
    expect(failedChanges()).toEqual([]);
  });

  it('keeps a change the API refused, to show, and stops at a server error to retry later', async () => {
    enqueue(signup('c'));
    enqueue(signup('d'));
    await flush(async (request) =>
      request.url.includes('/c/') ? problem(409, 'task_cancelled') : problem(503, 'unavailable'),
    );
    expect(failedChanges().map((change) => [change.path, change.reason])).toEqual([
      ['/api/v1/tasks/c/signups', 'task_cancelled'],
    ]);
    expect(pendingChanges().map((change) => change.path)).toEqual(['/api/v1/tasks/d/signups']);
  });
});

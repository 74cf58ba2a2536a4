import fc from 'fast-check';
import { bodyArbitrary, HOSTILE_STRINGS, OpenApiDocument, queryArbitrary } from './support/fuzz';
import { seedWorld, World } from './support/matrix-world';
import { startTestApi, TestApi } from './support/test-api';

/**
 * Property-based fuzzing (issue 17) of every route's body, query and path, derived from the served
 * OpenAPI document: random, boundary and hostile values, sent as the owner, a volunteer, another
 * organisation's coordinator and an admin. Whatever arrives, the answer is a success or a 4xx
 * problem+json — never a 5xx, never the input echoed back, never an internal message — and a
 * refusal leaves every table as it was. A bounded run here (FUZZ_RUNS, default 300 requests);
 * `npm run fuzz` runs a long one.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const INTERNAL =
  /QueryFailedError|EntityNotFound|SELECT |INSERT |UPDATE \w+ SET|node_modules|\.[jt]s:\d+|TypeError|Cannot read prop/;

/** A URL cannot carry a lone surrogate: it becomes U+FFFD, as a browser would send it. */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

describe('fuzzing every route from the OpenAPI document (e2e)', () => {
  let api: TestApi;
  let world: World;
  let document: OpenApiDocument;
  let tables: string[];
  let documentText: string;

  beforeAll(async () => {
    api = await startTestApi();
    world = await seedWorld(api);
    document = (await api.http.get('/api/openapi.json').expect(200)).body;
    documentText = JSON.stringify(document);
    tables = (
      await api.db.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
      )
    ).map((row: { tablename: string }) => row.tablename);
  }, 180_000);

  afterAll(async () => {
    await api.close();
  });

  /** Row counts and a checksum of every table, in one statement. */
  async function snapshot(): Promise<string> {
    const parts = tables.map(
      (table) =>
        `'${table}', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '' ORDER BY t::text)), '') FROM "${table}" t)`,
    );
    const [row] = await api.db.query(`SELECT json_build_object(${parts.join(', ')}) AS state`);
    return JSON.stringify(row.state);
  }

  /** Every string in a request long enough that finding it in the answer means it was echoed. */
  function echoable(value: unknown, found: string[] = []): string[] {
    if (typeof value === 'string') {
      // What the public OpenAPI document itself says (field names, enum values) may be named back.
      if (value.length >= 10 && !ids().includes(value) && !documentText.includes(value)) {
        found.push(value.slice(0, 200));
      }
    } else if (Array.isArray(value)) {
      for (const entry of value) echoable(entry, found);
    } else if (value && typeof value === 'object') {
      // Keys are the schema's field names, which errors name on purpose.
      for (const entry of Object.values(value)) echoable(entry, found);
    }
    return found;
  }
  const ids = () => [
    world.campId,
    world.orgA,
    world.orgB,
    world.needA,
    world.itemA,
    world.taskA,
    world.needB,
    world.taskB,
    ...Object.values(world.actors).map((actor) => actor.id),
  ];

  it('keeps what fuzzing found: a null for a field that may only be left out is a 400, not a 500', async () => {
    for (const body of [{ locale: null }, { displayName: null }]) {
      const response = await api.http
        .patch('/api/v1/me')
        .set('Authorization', `Bearer ${world.actors.volunteer.accessToken}`)
        .send(body);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it(`never answers 5xx, echoes input or changes data when it refuses (${RUNS} requests)`, async () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
    );
    const actors = ['owner', 'volunteer', 'otherCoordinator', 'admin', 'anonymous'] as const;
    const requestArbitrary = fc.constantFrom(...operations).chain(({ method, path, operation }) =>
      fc.record({
        method: fc.constant(method),
        path: fc.constant(path),
        actor: fc.constantFrom(...actors),
        params: fc.array(
          fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...ids()) },
            { weight: 1, arbitrary: fc.uuid() },
            { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map((text) => text.slice(0, 300)) },
          ),
          { minLength: 2, maxLength: 2 },
        ),
        query: queryArbitrary(document, operation, ids()),
        body: bodyArbitrary(document, operation, ids()) ?? fc.constant(undefined),
      }),
    );

    await fc.assert(
      fc.asyncProperty(requestArbitrary, async (request) => {
        let index = 0;
        const url =
          request.path.replace(/\{\w+\}/g, () => encodeURIComponent(wellFormed(request.params[index++]))) +
          (Object.keys(request.query).length ? `?${new URLSearchParams(request.query)}` : '');
        const before = await snapshot();
        const headers: Record<string, string> = {};
        if (request.actor !== 'anonymous') {
          headers.authorization = `Bearer ${world.actors[request.actor].accessToken}`;
        }
        if (request.body !== undefined) headers['content-type'] = 'application/json';
        const reply = await api.app
          .getHttpAdapter()
          .getInstance()
          .inject({
            method: request.method.toUpperCase() as 'GET',
            url,
            headers,
            payload: request.body === undefined ? undefined : JSON.stringify(request.body),
          });
        const where = `${request.method.toUpperCase()} ${request.path} → ${reply.statusCode}`;
        expect({ where, serverError: reply.statusCode >= 500 }).toEqual({ where, serverError: false });
        if (reply.statusCode < 400) return;
        expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(reply.body).not.toMatch(INTERNAL);
        for (const text of echoable([request.body, request.query, request.params])) {
          expect({ where, echoed: reply.body.includes(text) ? text : null }).toEqual({ where, echoed: null });
        }
        expect({ where, unchanged: (await snapshot()) === before }).toEqual({ where, unchanged: true });
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 3_600_000);
});

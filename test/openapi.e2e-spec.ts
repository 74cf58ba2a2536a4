import request from 'supertest';
import type { OpenAPIObject } from '@nestjs/swagger';
import { OpenApiContract } from './support/openapi-contract';
import { startTestApi, TestApi } from './support/test-api';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('The OpenAPI document', () => {
  let api: TestApi;
  let document: OpenAPIObject;
  let operations: { method: string; path: string; operation: Json }[];
  const schemas = () => document.components?.schemas as Json;

  beforeAll(async () => {
    api = await startTestApi();
    // Unchecked by the contract on purpose: this suite is about the document itself.
    document = (await request(api.app.getHttpServer()).get('/api/openapi.json').expect(200)).body;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => (item as Json)[method]).map((method) => ({
        method,
        path,
        operation: (item as Json)[method],
      })),
    );
  });

  afterAll(() => api.close());

  it('gives every operation a summary, a tag and a described success', () => {
    expect(operations.length).toBeGreaterThanOrEqual(65);
    for (const { method, path, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect([where, typeof operation.summary]).toEqual([where, 'string']);
      expect([where, operation.tags?.length > 0]).toEqual([where, true]);
      const successes = Object.entries(operation.responses as Json).filter(([status]) => /^2/.test(status));
      expect([where, successes.length > 0]).toEqual([where, true]);
      for (const [status, response] of successes) {
        if (status !== '204' && status !== '202')
          expect([where, status, Object.keys(response.content ?? {})]).not.toEqual([where, status, []]);
      }
    }
  });

  it('lists the errors each operation can answer as problem+json, with the rate-limit headers', () => {
    for (const { method, path, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      const responses = operation.responses as Json;
      expect([where, responses['429']?.headers?.['Retry-After']]).toEqual([
        where,
        { $ref: '#/components/headers/Retry-After' },
      ]);
      for (const [status, response] of Object.entries(responses)) {
        if (/^4/.test(status)) {
          expect([where, status, response.content?.['application/problem+json']?.schema]).toEqual([
            where,
            status,
            { $ref: '#/components/schemas/ProblemDto' },
          ]);
        }
        if (/^[24]/.test(status)) {
          expect([where, status, Object.keys(response.headers ?? {})]).toEqual([
            where,
            status,
            expect.arrayContaining(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']),
          ]);
        }
      }
      if ((operation.parameters ?? []).some((parameter: Json) => parameter.in === 'path')) {
        expect([where, Object.keys(responses)]).toEqual([where, expect.arrayContaining(['404'])]);
      }
    }
  });

  it('asks for a bearer token except on public routes, and the calendar feed for its own token', () => {
    expect(document.security).toEqual([{ bearer: [] }]);
    const security = (method: string, path: string) =>
      operations.find((entry) => entry.method === method && entry.path === path)?.operation.security;
    expect(security('post', '/api/v1/auth/login')).toEqual([]);
    expect(security('post', '/api/v1/auth/register')).toEqual([]);
    expect(security('get', '/health/live')).toEqual([]);
    expect(security('get', '/health/ready')).toEqual([{}, { bearer: [] }]); // details for admins
    expect(security('get', '/api/v1/me/calendar.ics')).toEqual([{ calendarToken: [] }]);
    expect(document.components?.securitySchemes?.calendarToken).toMatchObject({
      type: 'apiKey',
      in: 'query',
    });
    expect(security('get', '/api/v1/tasks')).toBeUndefined(); // the document-wide bearer requirement
    expect(security('post', '/api/v1/auth/logout')).toBeUndefined();
  });

  it('types fields exactly: integers with bounds, dates, uuids, named enums', () => {
    const task = schemas().CreateTaskDto.properties;
    expect(task.capacity).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
    expect(task.startsAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(task.signupMode).toEqual({
      allOf: [{ $ref: '#/components/schemas/SignupMode' }],
      default: 'open',
    });
    expect(schemas().CreateNeedDto.properties.startsOn).toMatchObject({ type: 'string', format: 'date' });
    expect(schemas().NeedDto.properties.startsOn).toMatchObject({
      type: 'string',
      format: 'date',
      nullable: true,
    });
    expect(schemas().VolunteerProfileDto.properties.bio).toMatchObject({ type: 'string', nullable: true });
    expect(schemas().CreateCampDto.properties.latitude).toMatchObject({
      type: 'number',
      minimum: -90,
      maximum: 90,
    });
    expect(schemas().TaskDto.properties.id).toMatchObject({ type: 'string', format: 'uuid' });
    expect(schemas().NeedCategory).toEqual({ type: 'string', enum: expect.arrayContaining(['education']) });
    expect(schemas().TaskDto.properties.category).toEqual({ $ref: '#/components/schemas/NeedCategory' });
    // No property is left as an untyped object.
    const untyped: string[] = [];
    for (const [name, schema] of Object.entries(schemas())) {
      for (const [property, value] of Object.entries((schema as Json).properties ?? {})) {
        const field = value as Json;
        if (field.type === 'object' && !field.properties && !field.additionalProperties && !field.allOf) {
          untyped.push(`${name}.${property}`);
        }
      }
    }
    expect(untyped).toEqual([]);
  });

  it('describes lists as a page of the item schema', () => {
    const list = operations.find((entry) => entry.method === 'get' && entry.path === '/api/v1/tasks');
    expect(list?.operation.responses['200'].content['application/json'].schema).toEqual({
      type: 'object',
      required: ['items', 'nextCursor'],
      properties: {
        items: { type: 'array', items: { $ref: '#/components/schemas/TaskDto' } },
        nextCursor: expect.objectContaining({ type: 'string', nullable: true }),
      },
    });
  });

  it('documents the rate-limit headers the API sends, on successes and errors alike', async () => {
    for (const response of [
      await api.http.get('/health/live').expect(200),
      await api.http.get('/api/v1/tasks').expect(401),
    ]) {
      expect(Number(response.headers['x-ratelimit-limit'])).toBeGreaterThan(0);
      expect(response.headers['x-ratelimit-remaining']).toMatch(/^\d+$/);
      expect(response.headers['x-ratelimit-reset']).toMatch(/^\d+$/);
    }
  });

  it('documents what the HTTP layer answers before a route runs: 413 and 415 as problem+json', async () => {
    // Both go through the contract check of api.http, so they must be documented.
    await api.http
      .post('/api/v1/auth/register')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'x'.repeat(1024 * 1024 + 10) }))
      .expect(413);
    await api.http
      .post('/api/v1/auth/register')
      .set('Content-Type', 'application/xml')
      .send('<a/>')
      .expect(415);
  });

  describe('the contract check every suite runs through api.http', () => {
    let contract: OpenApiContract;
    const json = { 'content-type': 'application/json; charset=utf-8' };
    const problem = { 'content-type': 'application/problem+json' };

    beforeAll(() => {
      contract = new OpenApiContract(document);
    });

    it('passes an answer that keeps to the document', async () => {
      const response = await api.http.get('/health/live').expect(200);
      expect(contract.violation('GET', '/health/live', response)).toBeNull();
    });

    it('fails an undocumented status, naming the route and the status', () => {
      expect(
        contract.violation('GET', '/health/live', { status: 418, headers: json, body: {}, text: '{}' }),
      ).toBe('GET /health/live answered 418: status not documented (documented: 200, 400, 414, 429, 500)');
    });

    it('fails a body that does not match, with the schema error', () => {
      const id = '6f1c2a43-4b8e-4b7a-9f59-1f0d7c4d9e11';
      const violation = contract.violation('GET', `/api/v1/camps/${id}`, {
        status: 200,
        headers: json,
        body: {
          id,
          name: 'A',
          country: 'JO',
          region: 'R',
          timezone: 'Asia/Amman',
          latitude: 'north',
          extra: 1,
        },
        text: '{}',
      });
      expect(violation).toContain('GET /api/v1/camps/{id} answered 200 (application/json)');
      expect(violation).toContain('/latitude must be number');
      expect(violation).toContain('must NOT have additional properties (extra)');
      expect(violation).toContain("must have required property 'longitude'");
    });

    it('fails a request body the API accepted but the document would refuse', () => {
      const camp = { name: 'Camp', country: 'JO', region: 'R', timezone: 'Asia/Amman' };
      const created = {
        status: 201,
        headers: json,
        body: { id: '6f1c2a43-4b8e-4b7a-9f59-1f0d7c4d9e11', ...camp, latitude: null, longitude: null },
        text: '{}',
      };
      expect(contract.violation('POST', '/api/v1/camps', created, { body: camp })).toBeNull();
      expect(
        contract.violation('POST', '/api/v1/camps', created, { body: { ...camp, capacity: 3 } }),
      ).toContain(
        'POST /api/v1/camps answered 201, but the request it accepted does not match the document: (body) must NOT have additional properties (capacity)',
      );
      const page = { status: 200, headers: json, body: { items: [], nextCursor: null }, text: '{}' };
      expect(contract.violation('GET', '/api/v1/camps?limit=5', page)).toBeNull();
      expect(contract.violation('GET', '/api/v1/camps?limit=500', page)).toContain(
        'query parameter limit=500: (body) must be <= 100',
      );
      expect(contract.violation('GET', '/api/v1/camps?sort=name', page)).toContain(
        'query parameter sort is not documented',
      );
      // A refused request is the suites' unhappy path: only the answer is checked then.
      const refused = {
        status: 400,
        headers: problem,
        body: { type: 'urn:haven:problem:validation', title: 'Bad Request', status: 400 },
        text: '{}',
      };
      expect(contract.violation('POST', '/api/v1/camps', refused, { body: { capacity: 3 } })).toBeNull();
    });

    it('fails an error that is not problem+json, and a route the document does not know', () => {
      expect(
        contract.violation('POST', '/api/v1/camps', { status: 400, headers: json, body: {}, text: '{}' }),
      ).toContain('content type application/json not documented (application/problem+json)');
      expect(
        contract.violation('GET', '/api/v1/unknown', { status: 200, headers: json, body: {}, text: '{}' }),
      ).toBe('GET /api/v1/unknown answered 200: the route is not in the OpenAPI document');
      expect(
        contract.violation('GET', '/api/v1/unknown', { status: 404, headers: problem, body: {}, text: '{}' }),
      ).toBeNull();
    });
  });
});

import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';

type Json = Record<string, unknown>;

interface Route {
  template: string;
  pattern: RegExp;
  params: number;
  operations: Record<string, Json>;
}

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
  text?: string;
}

/** What the client sent: its JSON body, if any (supertest's `send`). */
interface Sent {
  body?: unknown;
}

/** Routes served beside the API that the document rightly leaves out. */
const OUTSIDE_THE_API = [/^\/api\/docs/, /^\/api\/openapi\.(json|yaml)$/, /^\/admin\/queues(\/|$)/];

/**
 * Checks answers against the OpenAPI document: the route and its status must be documented, and a
 * JSON body must match the schema for that status and content type. Objects are closed (no property
 * the document does not list), so a field added to a view without its DTO fails too.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenAPIObject) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: toJsonSchema(document.components ?? {}) });
    this.routes = Object.entries(document.paths)
      .map(([template, operations]) => ({
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (template.match(/\{/g) ?? []).length,
        operations: operations as Record<string, Json>,
      }))
      // `/tasks/recommended` before `/tasks/{id}`
      .sort((a, b) => a.params - b.params);
  }

  /**
   * The reason an exchange breaks the contract, or null when it keeps to it: the answer must be
   * documented and match, and a request the API accepted (2xx) must match the documented query
   * parameters and request body, since what the API takes the document must take too.
   */
  violation(method: string, url: string, answer: Answer, sent: Sent = {}): string | null {
    const path = decodedPath(url);
    const verb = method.toLowerCase();
    const route = this.routes.find((candidate) => candidate.pattern.test(path) && candidate.operations[verb]);
    const where = `${method.toUpperCase()} ${route?.template ?? path} answered ${answer.status}`;
    if (!route) {
      // Unknown routes answer 404 (405 never: Fastify answers 404 for an unknown method too), and
      // addresses refused before routing 400 (malformed) or 414 (too long).
      if ([400, 404, 414].includes(answer.status) || OUTSIDE_THE_API.some((pattern) => pattern.test(path))) {
        return null;
      }
      return `${where}: the route is not in the OpenAPI document`;
    }
    const operation = route.operations[verb];
    const refused = /^2/.test(String(answer.status)) ? this.requestViolation(route, verb, sent, url) : null;
    if (refused) return `${where}, but the request it accepted does not match the document: ${refused}`;
    const responses = operation.responses as Record<string, Json>;
    const response = responses[String(answer.status)];
    if (!response) {
      return `${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`;
    }
    const content = response.content as Record<string, Json> | undefined;
    const contentType = (answer.headers['content-type'] ?? '').split(';')[0].trim();
    const empty = answer.text === undefined || answer.text === '';
    if (!content) {
      return empty ? null : `${where}: a body the document does not describe (${contentType})`;
    }
    const media = content[contentType];
    if (!media) {
      return `${where}: content type ${contentType || '(none)'} not documented (${Object.keys(content).join(', ')})`;
    }
    if (!/json$/.test(contentType)) return null;
    const key = `${verb} ${route.template} ${answer.status} ${contentType}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(media.schema ?? {}) as Json);
      this.validators.set(key, validate);
    }
    if (validate(answer.body)) return null;
    return `${where} (${contentType}), body does not match the document: ${describe(validate, answer.body)}`;
  }

  private requestViolation(route: Route, verb: string, sent: Sent, url: string): string | null {
    const parameters = (route.operations[verb].parameters ?? []) as Json[];
    for (const [name, value] of new URL(url, 'http://haven.invalid').searchParams) {
      const parameter = parameters.find((candidate) => candidate.in === 'query' && candidate.name === name);
      if (!parameter) return `query parameter ${name} is not documented`;
      const key = `query ${verb} ${route.template} ${name}`;
      let validate = this.validators.get(key);
      if (!validate) {
        validate = this.ajv.compile(toJsonSchema(parameter.schema ?? {}) as Json);
        this.validators.set(key, validate);
      }
      if (!validate(queryValue(value, parameter.schema as Json | undefined))) {
        return `query parameter ${name}=${value}: ${describe(validate, value)}`;
      }
    }
    const requestBody = route.operations[verb].requestBody as Json | undefined;
    const schema = (requestBody?.content as Record<string, Json> | undefined)?.['application/json']?.schema;
    const body = typeof sent.body === 'string' ? parseJson(sent.body) : sent.body;
    const empty =
      body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0);
    if (!schema) return empty ? null : 'the operation takes no body';
    if (body === undefined || body === null)
      return requestBody?.required ? 'a required body is missing' : null;
    const key = `request ${verb} ${route.template}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Json);
      this.validators.set(key, validate);
    }
    return validate(body) ? null : describe(validate, body);
  }
}

/** A query-string value as the type its schema names (query strings carry only text). */
function queryValue(value: string, schema: Json | undefined): unknown {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** The path as the router reads it: each segment percent-decoded where it can be. */
function decodedPath(url: string): string {
  return new URL(url, 'http://haven.invalid').pathname
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describe(validate: ValidateFunction, body: unknown): string {
  const errors = (validate.errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || '(body)'} ${error.message}${paramsOf(error.params)}`)
    .join('; ');
  return `${errors}\nbody: ${JSON.stringify(body)?.slice(0, 500)}`;
}

function paramsOf(params: Record<string, unknown>): string {
  if ('additionalProperty' in params) return ` (${String(params.additionalProperty)})`;
  if ('allowedValues' in params) return ` (${JSON.stringify(params.allowedValues)})`;
  return '';
}

/**
 * OpenAPI 3.0 schema objects as JSON Schema: `nullable` becomes a null alternative, references point
 * into the document registered as `openapi`, and objects that list properties admit no others.
 */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!value || typeof value !== 'object') return value;
  const schema: Json = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/'))
      schema.$ref = `openapi${child}`;
    else if (key === 'properties' && child && typeof child === 'object') {
      schema.properties = Object.fromEntries(
        Object.entries(child).map(([name, property]) => [name, toJsonSchema(property)]),
      );
    } else schema[key] = toJsonSchema(child);
  }
  if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  if (schema.nullable === true) {
    delete schema.nullable;
    return { anyOf: [schema, { type: 'null' }] };
  }
  return schema;
}

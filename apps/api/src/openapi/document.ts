import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_OPERATION, ROLES_OPERATION } from '@haven/core';
import { PROBLEM_STATUSES, ProblemStatus } from './decorators';
import metadata from './metadata';
import { ProblemDto } from './problem.dto';
import { INT32_MAX } from './schema';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Responses = Operation['responses'];

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const BEARER = 'bearer';

const TAGS: [string, string][] = [
  ['auth', 'Accounts and sessions: register, sign in, refresh, sign out'],
  ['me', 'The caller: profile, export, own sign-ups and pledges, calendar feed'],
  ['organizations', 'NGOs, their vetting, members and safeguarding clearances'],
  ['camps', 'The camps where needs are posted'],
  ['needs', 'Needs, their supply items and pledges'],
  ['tasks', 'Shifts of work within a need'],
  ['sign-ups', 'Volunteers signing up for tasks, waitlists, attendance'],
  ['notifications', 'The in-app feed and notification preferences'],
  ['reports', 'Organisation and platform reports for funders, and the hours CSV'],
  ['admin', 'Platform administration'],
  ['health', 'Liveness and readiness probes'],
];

const rateLimitHeaders = {
  'X-RateLimit-Limit': {
    description: 'Requests allowed per address in the current minute',
    schema: { type: 'integer', minimum: 1, maximum: INT32_MAX },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current minute',
    schema: { type: 'integer', minimum: 0, maximum: INT32_MAX },
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the current minute’s count resets',
    schema: { type: 'integer', minimum: 0, maximum: 60 },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', minimum: 1, maximum: 86_400 },
  },
};

/** Loads the generated Swagger plugin metadata once per process (see scripts/openapi-metadata.js). */
let metadataLoaded: Promise<unknown> | undefined;

/**
 * The OpenAPI document of the API. Schemas come from the DTO classes (the Swagger plugin's
 * generated metadata plus their decorators); this adds what holds for every operation alike:
 * who may call it, the errors every route can answer and the rate-limit headers.
 */
export async function buildOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  metadataLoaded ??= SwaggerModule.loadPluginMetadata(metadata);
  await metadataLoaded;
  const builder = new DocumentBuilder()
    .setTitle('Haven API')
    .setDescription(
      'Volunteer coordination for NGOs in refugee camps. Errors are RFC 9457 problem+json; lists are ' +
        'keyset-paginated (`limit`, `cursor` → `{ items, nextCursor }`).',
    )
    .setVersion('1')
    .setLicense('AGPL-3.0-only', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'The access token from sign-in: a JWT (HS256, issuer and audience pinned, 15 minutes) ' +
          'following the best current practices of RFC8725.',
      },
      BEARER,
    )
    .addApiKey(
      { type: 'apiKey', in: 'query', name: 'token', description: 'The secret from POST /me/calendar-token' },
      'calendarToken',
    )
    .addSecurityRequirements(BEARER);
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemDto],
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  return completeDocument(document);
}

function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const server = {
    url: '/',
    description: 'The deployment serving this document (local, staging or production)',
  };
  // x-internal: false, the audience (OWASP API9): the API is meant for clients outside Haven.
  document.servers = [Object.assign(server, { 'x-internal': false })];
  document.components = {
    ...document.components,
    headers: { ...document.components?.headers, ...rateLimitHeaders },
  };
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (operation) completeOperation(operation, document.components?.schemas ?? {});
    }
  }
  tightenSchemas(document);
  return document;
}

function completeOperation(operation: Operation, schemas: Record<string, object>): void {
  const extensions = operation as unknown as Record<string, unknown>;
  const isPublic = extensions[PUBLIC_OPERATION] === true;
  const roles = extensions[ROLES_OPERATION] as string[] | undefined;
  delete extensions[PUBLIC_OPERATION];
  delete extensions[ROLES_OPERATION];

  // A public route carries only the schemes it declares itself (the calendar feed's token); one that
  // also declares @ApiBearerAuth() takes a bearer token if one is sent (readiness details for admins).
  const declared = operation.security ?? [];
  const optionalBearer = isPublic && declared.some((requirement) => BEARER in requirement);
  if (optionalBearer) operation.security = [{}, { [BEARER]: [] }];
  else if (isPublic) operation.security = declared.filter((requirement) => !(BEARER in requirement));
  else delete operation.security; // the document-wide bearer requirement applies
  // Who may call it, in words, for the reader of the document.
  const who = isPublic
    ? optionalBearer
      ? 'Public; a bearer token, if sent, may show more.'
      : operation.security?.length
        ? 'Authenticated by its own token in the query, not by a bearer token.'
        : 'Public: no token needed.'
    : roles && roles.length > 0
      ? `Roles: ${roles.join(', ')}.`
      : 'Any signed-in account.';
  operation.description = operation.description ? `${operation.description}\n\n${who}` : who;

  // A body whose fields are all optional may be left out altogether (EmptyBody, RefreshDto).
  const body = operation.requestBody as { required?: boolean; content?: Record<string, { schema?: object }> };
  const bodySchema = body?.content?.['application/json']?.schema as { $ref?: string } | undefined;
  const referenced = bodySchema?.$ref ? schemas[bodySchema.$ref.split('/').pop() ?? ''] : undefined;
  if (referenced && !(referenced as { required?: string[] }).required?.length) body.required = false;
  const responses: Responses = operation.responses;
  const parameters = (operation.parameters ?? []) as { in?: string; name?: string; schema?: object }[];
  for (const parameter of parameters) {
    // Path ids are read with IdParam(): a uuid, and anything else answers 404.
    if (parameter.in === 'path' && /^(id|\w+Id)$/.test(parameter.name ?? '')) {
      parameter.schema = { type: 'string', format: 'uuid', maxLength: 36 };
    }
  }
  // Any address can be malformed (400) or too long (414), whatever the route.
  const implied: ProblemStatus[] = [400, 414, 429, 500];
  if (!isPublic) implied.push(401);
  // A suspended account is refused everywhere it is signed in, not only where roles are checked.
  if (!isPublic) implied.push(403);
  if (operation.requestBody) implied.push(413, 415);
  if (parameters.some((parameter) => parameter.in === 'path')) implied.push(404);
  const problemContent = { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } };
  for (const status of implied) {
    if (!responses[status])
      responses[status] = { description: PROBLEM_STATUSES[status], content: problemContent };
  }
  // An error declared with only a description (@ApiNotFoundResponse({ description })) is a problem too.
  for (const [status, response] of Object.entries(responses)) {
    if (/^[45]/.test(status) && response && !('$ref' in response) && !response.content) {
      response.content = problemContent;
    }
  }
  for (const response of Object.entries(responses)) {
    const [status, value] = response;
    // The rate limiter runs before authentication, so its headers come with every answer it let
    // through, errors included (not with failures before routing such as malformed JSON).
    if (!value || !/^[24]/.test(status) || '$ref' in value) continue;
    value.headers = {
      ...value.headers,
      ...Object.fromEntries(
        ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'].map((name) => [
          name,
          { $ref: `#/components/headers/${name}` },
        ]),
      ),
    };
  }
  const tooMany = responses[429];
  if (tooMany && !('$ref' in tooMany)) {
    tooMany.headers = { ...tooMany.headers, 'Retry-After': { $ref: '#/components/headers/Retry-After' } };
  }
}

/** The longest text of each string format the API reads or writes (an instant as IsoInstant() reads it). */
const FORMAT_LENGTH: Record<string, number> = { uuid: 36, date: 10, 'date-time': 29 };

/**
 * What holds for every schema alike: integers are PostgreSQL `integer`s (int32), strings of a fixed
 * format have that format's length, and a lone reference needs no allOf. Walks the document in place.
 */
function tightenSchemas(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(tightenSchemas);
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  // Nest wraps a referenced enum in a one-element allOf even with nothing beside it: the reference alone.
  const keys = Object.keys(schema);
  if (keys.length === 1 && keys[0] === 'allOf' && Array.isArray(schema.allOf) && schema.allOf.length === 1) {
    const [only] = schema.allOf as Record<string, unknown>[];
    delete schema.allOf;
    Object.assign(schema, only);
  }
  if (schema.type === 'integer' && schema.format === undefined) schema.format = 'int32';
  if (schema.type === 'string' && typeof schema.format === 'string' && schema.maxLength === undefined) {
    const length = FORMAT_LENGTH[schema.format];
    if (length) schema.maxLength = length;
  }
  Object.values(schema).forEach(tightenSchemas);
}

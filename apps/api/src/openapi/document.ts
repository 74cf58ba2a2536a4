import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_OPERATION, ROLES_OPERATION } from '@haven/core';
import { PROBLEM_STATUSES, ProblemStatus } from './decorators';
import metadata from './metadata';
import { ProblemDto } from './problem.dto';

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
  ['admin', 'Platform administration'],
  ['health', 'Liveness and readiness probes'],
];

const rateLimitHeaders = {
  'X-RateLimit-Limit': {
    description: 'Requests allowed per address in the current minute',
    schema: { type: 'integer', minimum: 1 },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current minute',
    schema: { type: 'integer', minimum: 0 },
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the current minute’s count resets',
    schema: { type: 'integer', minimum: 0 },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', minimum: 1 },
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
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
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
  document.components = {
    ...document.components,
    headers: { ...document.components?.headers, ...rateLimitHeaders },
  };
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (operation) completeOperation(operation);
    }
  }
  return document;
}

function completeOperation(operation: Operation): void {
  const extensions = operation as unknown as Record<string, unknown>;
  const isPublic = extensions[PUBLIC_OPERATION] === true;
  const roles = extensions[ROLES_OPERATION] as string[] | undefined;
  delete extensions[PUBLIC_OPERATION];
  delete extensions[ROLES_OPERATION];

  if (isPublic) {
    // A public route carries only the schemes it declares itself (the calendar feed's token).
    operation.security = (operation.security ?? []).filter((requirement) => !(BEARER in requirement));
  } else {
    delete operation.security; // the document-wide bearer requirement applies
  }
  if (roles && roles.length > 0) {
    const who = `Roles: ${roles.join(', ')}.`;
    operation.description = operation.description ? `${operation.description}\n\n${who}` : who;
  }

  const responses: Responses = operation.responses;
  for (const response of Object.entries(responses)) {
    const [status, value] = response;
    if (!value || !/^2/.test(status) || '$ref' in value) continue;
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
  const parameters = (operation.parameters ?? []) as { in?: string }[];
  const implied: ProblemStatus[] = [429];
  if (!isPublic || operation.security?.length) implied.push(401);
  if (roles && roles.length > 0) implied.push(403);
  if (operation.requestBody || parameters.some((parameter) => parameter.in === 'query')) implied.push(400);
  if (parameters.some((parameter) => parameter.in === 'path')) implied.push(404);
  for (const status of implied) {
    if (responses[status]) continue;
    responses[status] = {
      description: PROBLEM_STATUSES[status],
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
    };
  }
  const tooMany = responses[429];
  if (tooMany && !('$ref' in tooMany)) {
    tooMany.headers = { 'Retry-After': { $ref: '#/components/headers/Retry-After' } };
  }
}

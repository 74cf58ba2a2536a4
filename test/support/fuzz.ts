import fc from 'fast-check';

/** A JSON schema as the OpenAPI document writes it (the parts fuzzing reads). */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  example?: unknown;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; schema?: Schema }[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

/** Strings an attacker tries: injections, Unicode edge cases, control characters, dates at the ends of time. */
export const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'); DROP TABLE users; --",
  '{"$ne":null}',
  '{"__proto__":{"admin":true}}',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u0000\u0001\u001b[31m',
  '\r\nSet-Cookie: a=b',
  '\u202egnp.exe',
  '\ud800',
  '\uFEFF\u200B\u200D',
  '𝕳𝖆𝖛𝖊𝖓 👩🏽‍⚕️ ﷽',
  'A'.repeat(10_000),
  '0000-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '0000-00-00',
  '-000001-01-01T00:00:00Z',
  'NaN',
  'Infinity',
  'true',
  'null',
];

/** Values of every other kind: numbers past 2^53, wrong types, nesting, prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    1e308,
    -1e308,
    5e-324,
    -0,
    0.1,
    -1,
    Number.MAX_SAFE_INTEGER,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string({ maxLength: 20 }), { maxLength: 300 }),
  fc.constant(JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}')),
  fc.constant(nested(40)),
  fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string({ maxLength: 10 }),
      fc.integer(),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
    ),
  })).value,
);

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) return resolve(document, document.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1 && !schema.type)
    return { ...resolve(document, schema.allOf[0]), ...schema, allOf: undefined };
  return schema;
}

/** A value the schema accepts, as far as the schema says (the rules behind it may still refuse). */
export function validValue(document: OpenApiDocument, raw: Schema, ids: string[]): fc.Arbitrary<unknown> {
  const schema = resolve(document, raw);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.type === 'object' && schema.properties) return objectOf(document, schema, ids, false);
  if (schema.type === 'array') {
    return fc.array(schema.items ? validValue(document, schema.items, ids) : fc.string({ maxLength: 20 }), {
      maxLength: Math.min(schema.maxItems ?? 5, 5),
    });
  }
  if (schema.type === 'boolean') return fc.boolean();
  if (schema.type === 'integer' || schema.type === 'number') {
    return fc.integer({
      min: Math.ceil(schema.minimum ?? 0),
      max: Math.floor(Math.min(schema.maximum ?? 1000, 1e6)),
    });
  }
  if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...ids), fc.uuid());
  if (schema.example !== undefined) return fc.constant(schema.example);
  return fc.string({ minLength: schema.minLength ?? 1, maxLength: Math.min(schema.maxLength ?? 60, 60) });
}

/** Mostly valid fields, some hostile, some missing, sometimes an unknown or prototype key. */
export function objectOf(
  document: OpenApiDocument,
  schema: Schema,
  ids: string[],
  hostile = true,
): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(schema.properties ?? {}).map(
    ([name, field]) =>
      [
        name,
        hostile
          ? fc.oneof(
              { weight: 3, arbitrary: validValue(document, field, ids) },
              { weight: 2, arbitrary: hostileValue },
            )
          : validValue(document, field, ids),
      ] as const,
  );
  const record = fc.record(Object.fromEntries(fields), {
    requiredKeys: hostile ? [] : (schema.required ?? []),
  });
  if (!hostile) return record;
  return fc
    .tuple(
      record,
      fc.option(
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'organizationId', 'role'),
        {
          freq: 4,
        },
      ),
      hostileValue,
    )
    .map(([body, extra, value]) => {
      if (extra === null) return body;
      // defineProperty: a real own key named __proto__, as JSON.parse would make it.
      Object.defineProperty(body, extra, { value, enumerable: true, configurable: true, writable: true });
      return body;
    });
}

/** The request bodies a route takes, from its OpenAPI operation; null when it takes none. */
export function bodyArbitrary(
  document: OpenApiDocument,
  operation: OpenApiDocument['paths'][string][string],
  ids: string[],
): fc.Arbitrary<unknown> | null {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (!schema) return null;
  return fc.oneof(
    { weight: 8, arbitrary: objectOf(document, resolve(document, schema), ids) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** Query strings for a route's declared query parameters, valid or hostile. */
export function queryArbitrary(
  document: OpenApiDocument,
  operation: OpenApiDocument['paths'][string][string],
  ids: string[],
): fc.Arbitrary<Record<string, string>> {
  const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
  const entries = parameters.map(
    (parameter) =>
      [
        parameter.name,
        fc.oneof(
          validValue(document, parameter.schema ?? {}, ids).map((value) =>
            value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value),
          ),
          fc.constantFrom(...HOSTILE_STRINGS).map((text) => text.slice(0, 2000)),
          fc.string({ unit: 'binary', maxLength: 50 }),
        ),
      ] as const,
  );
  return fc.record(Object.fromEntries(entries), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}

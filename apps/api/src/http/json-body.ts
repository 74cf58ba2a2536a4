import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommonErrors, DomainError } from '@haven/core';
import { noteBodySize } from './validation-turns';

/** Deeper bodies are refused before they are parsed, validated or transformed (API.md, Conventions). */
export const MAX_JSON_DEPTH = 32;

export const BodyErrors = {
  tooDeep: () => new DomainError('too_deep', 400, `The body is nested deeper than ${MAX_JSON_DEPTH} levels.`),
  nul: (field: string) =>
    CommonErrors.validation([{ field, message: 'must not contain control characters' }]),
};

interface Scan {
  tooDeep: boolean;
  hasNul: boolean;
}

/**
 * One pass over the raw JSON text, no recursion: how deep it nests, and whether a string carries
 * the escape `\u0000` (a raw NUL byte is not valid JSON at all). Linear in the text, whatever it holds.
 */
export function scanJson(text: string): Scan {
  let depth = 0;
  let inString = false;
  let hasNul = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) {
        if (text.charCodeAt(index + 1) === 0x75 /* u */ && text.startsWith('0000', index + 2)) hasNul = true;
        index++;
      } else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      if (++depth > MAX_JSON_DEPTH) return { tooDeep: true, hasNul };
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) depth--;
  }
  return { tooDeep: false, hasNul };
}

/** The dotted path of the first string holding NUL (the body is at most 32 levels deep here). */
export function nulPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(body)' : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return path || '(body)';
    // An entry of a list of texts is named by its list, as the validators name it (`skills`).
    const childPath =
      Array.isArray(value) && typeof child === 'string' ? path : path ? `${path}.${key}` : key;
    const found = nulPath(child, childPath || '(body)');
    if (found) return found;
  }
  return null;
}

/**
 * Replaces the JSON body parser: refuses nesting deeper than 32 levels before parsing (deep bodies
 * used to overflow the validator's stack: a 500) and NUL characters, which PostgreSQL text cannot
 * store, with 400 naming the field. Keeps Fastify's own parser, with its prototype-poisoning checks,
 * for the parsing itself. Body size limits stay Fastify's (global, or per route).
 */
export function registerJsonBodyParser(instance: FastifyInstance): void {
  const parse = instance.getDefaultJsonParser('error', 'error');
  instance.removeContentTypeParser('application/json');
  instance.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request: FastifyRequest, body: string | Buffer, done: (error: Error | null, body?: unknown) => void) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      const scan = scanJson(text);
      if (scan.tooDeep) return done(BodyErrors.tooDeep());
      parse(request, text, (error: Error | null, parsed?: unknown) => {
        if (error) return done(error);
        const field = scan.hasNul ? nulPath(parsed) : null;
        if (field) return done(BodyErrors.nul(field));
        noteBodySize(parsed, text.length);
        done(null, parsed);
      });
    },
  );
}

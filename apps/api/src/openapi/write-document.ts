import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { loadConfig } from '@haven/core';
import { ApiModule } from '../api.module';
import { setRoutePrefix } from '../app.factory';
import { buildOpenApiDocument } from './document';

/**
 * Writes the OpenAPI document the API serves at /api/openapi.json, without a server, a database or
 * Redis: Nest's preview mode resolves the modules and routes but instantiates no provider.
 *
 * Usage: node dist/apps/api/src/openapi/write-document.js <file.json>
 */
async function main(file: string): Promise<void> {
  const app = await NestFactory.create(ApiModule.forRoot(loadConfig()), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  setRoutePrefix(app);
  writeFileSync(file, `${JSON.stringify(await buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

main(process.argv[2] ?? 'openapi.json').catch((error: unknown) => {
  console.error('Could not write the OpenAPI document:', error);
  process.exit(1);
});

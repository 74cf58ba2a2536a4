/* The baseline of the browse benchmark: bare NestJS on Fastify answering an empty page, run as its
   own process (`node dist/bench/bare.js`, PORT from the environment) so that it gets the same
   treatment as the API, in as many processes sharing the port as the API runs (BARE_PROCESSES,
   node's cluster, as API_PROCESSES runs the API). */
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import cluster from 'node:cluster';

@Controller()
class BareController {
  @Get('bare')
  bare() {
    return { items: [], nextCursor: null };
  }
}

@Module({ controllers: [BareController] })
export class BareModule {}

async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), {
    logger: false,
  });
  await app.listen(Number(process.env.PORT ?? 3901), '127.0.0.1');
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

/** Runs `count` bare processes on one port; SIGTERM stops them all, then this one. */
function supervise(count: number) {
  for (let started = 0; started < count; started++) cluster.fork();
  cluster.on('exit', () => {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  process.once('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  });
}

if (require.main === module) {
  const count = Number(process.env.BARE_PROCESSES ?? 1);
  if (cluster.isPrimary && count > 1) supervise(count);
  else void main();
}

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

/**
 * Runs `count` bare processes on one port; SIGTERM stops them all, then this one. One that ends
 * before that stops them all with a failure: a baseline on fewer processes would flatter the ratio.
 */
function supervise(count: number) {
  let stopping = false;
  const stop = (code: number) => {
    stopping = true;
    process.exitCode = code;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  for (let started = 0; started < count; started++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      console.error(`A bare process ended (${signal ?? `exit code ${code}`}); stopping`);
      stop(1);
    }
    if (Object.values(cluster.workers ?? {}).every((other) => !other || other === worker)) process.exit();
  });
  process.once('SIGTERM', () => stop(0));
}

if (require.main === module) {
  const count = Number(process.env.BARE_PROCESSES ?? 1);
  if (cluster.isPrimary && count > 1) supervise(count);
  else void main();
}

/* The baseline of the browse benchmark: bare NestJS on Fastify answering an empty page, run as its
   own process (`node dist/bench/bare.js`, PORT from the environment) so that it gets the same
   treatment as the API. */
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

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

if (require.main === module) void main();

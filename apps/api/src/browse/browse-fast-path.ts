import { CanActivate, RequestMethod, Type } from '@nestjs/common';
import {
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
} from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '@haven/core';
import { BrowseCache, BrowseCacheInterceptor, BrowseRoute, browseRouteOf, send } from './browse-cache';

interface CachedRoute {
  controller: Type;
  handler: (...args: never[]) => unknown;
  route: BrowseRoute;
}

/**
 * Serves cached browse answers (see BrowseCache) before Nest's route pipeline: the request's own
 * guards — the same instances, in the same order, on the route's own handler and metadata — then the
 * cache; on a hit the stored answer goes out at once, skipping Nest's router, interceptors and pipes
 * (a third of a cached answer's cost, issue 14). Anything else — a refused guard, a miss, a failure —
 * goes on to Nest as if this were not here, which runs the guards again (the rate limit counts a
 * request once: RateLimitGuard) and answers as usual. Helmet, CORS and the request log ran before
 * this hook, as for every route.
 */
export function serveCachedBrowsing(
  app: NestFastifyApplication,
  prefix: string,
  guards: readonly Type<CanActivate>[],
): void {
  const cache = app.get(BrowseCache);
  const instances = guards.map((guard) => app.get(guard));
  const routes = cachedRoutes(app.get(ModulesContainer), prefix);
  const fastify = app.getHttpAdapter().getInstance();

  fastify.addHook('onReady', async () => {
    // The paths are read from Nest's metadata as Nest reads them; a drift would silently turn this off.
    for (const url of routes.keys()) {
      if (!fastify.hasRoute({ method: 'GET', url })) throw new Error(`Browse fast path: no route GET ${url}`);
    }
  });

  fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const target = request.method === 'GET' ? routes.get(request.routeOptions.url ?? '') : undefined;
    if (!target) return;
    const context = new ExecutionContextHost([request, reply], target.controller, target.handler);
    try {
      for (const guard of instances) if (!(await guard.canActivate(context))) return;
      const { answer } = await cache.find(request as FastifyRequest & { user: Actor }, target.route);
      if (!answer) return;
      return reply.send(send(request, reply, answer));
    } catch {
      return; // Nest answers it: the same guard refuses it again, a failure is reported as usual
    }
  });
}

/** The GET routes whose answers are cached, by their Fastify URL pattern. */
function cachedRoutes(modules: ModulesContainer, prefix: string): Map<string, CachedRoute> {
  const routes = new Map<string, CachedRoute>();
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name] as CachedRoute['handler'];
        const route = typeof handler === 'function' ? browseRouteOf(handler) : undefined;
        if (!route || Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) continue;
        // Only the global guards run here, and the answer is sent as the cache's interceptor made it.
        const own = [
          Reflect.getMetadata(GUARDS_METADATA, controller),
          Reflect.getMetadata(GUARDS_METADATA, handler),
          Reflect.getMetadata(INTERCEPTORS_METADATA, controller),
          (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[]).filter(
            (interceptor) => interceptor !== BrowseCacheInterceptor,
          ),
        ].flat();
        if (own.some(Boolean)) {
          throw new Error(
            `${controller.name}.${name}: a cached browse route cannot have guards or interceptors of its own`,
          );
        }
        const path = [
          prefix,
          Reflect.getMetadata(PATH_METADATA, controller),
          Reflect.getMetadata(PATH_METADATA, handler),
        ]
          .flatMap((part: string) => part.split('/'))
          .filter(Boolean)
          .join('/');
        routes.set(`/${path}`, { controller, handler, route });
      }
    }
  }
  return routes;
}

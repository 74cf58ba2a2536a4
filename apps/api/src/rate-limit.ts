import { ExecutionContext, Injectable, Module } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  normalizeIp,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerStorage,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
} from '@nestjs/throttler';
import { AppConfig, AUTH_ROUTE, RouteMetadata } from '@haven/core';
import { RateLimitStorage } from './rate-limit-storage';

export { RateLimitStorage };

@Module({ providers: [RateLimitStorage], exports: [RateLimitStorage] })
class RateLimitStorageModule {}

/**
 * Per-address request limits. Routes of an @AuthRateLimit() controller get a tenth of the general
 * limit (DESIGN.md, RATE_LIMIT_PER_IP_PER_MINUTE).
 */
export const RateLimitModule = ThrottlerModule.forRootAsync({
  imports: [RateLimitStorageModule],
  inject: [AppConfig, RateLimitStorage],
  useFactory: (config: AppConfig, storage: RateLimitStorage) => {
    const metadata = new RouteMetadata();
    const perMinute = config.RATE_LIMIT_PER_IP_PER_MINUTE;
    return {
      throttlers: [
        {
          name: 'default',
          ttl: 60_000,
          // Of the route alone (RateLimitGuard keeps a route's resolved limits).
          limit: (context: ExecutionContext) =>
            metadata.get(AUTH_ROUTE, context.getClass()) === true
              ? Math.max(1, Math.floor(perMinute / 10))
              : perMinute,
        },
      ],
      storage,
    };
  },
});

const COUNTED = Symbol('haven:rate-limit-counted');
const RESOLVING = Symbol('haven:rate-limit-resolving');

type Resolved = Omit<ThrottlerRequest, 'context'>;
type Resolving = ExecutionContext & { [RESOLVING]?: Resolved[] };

/**
 * The per-address limit, counting each request once however many times the guards run on it: the
 * browse fast path (browse-fast-path.ts) runs them before Nest does, and Nest runs them again when
 * the answer is not cached. A refused request is not marked, so a second run refuses it again.
 *
 * A route's limits are resolved by the library once, on its first request, and kept: they depend on
 * the route alone (its decorators and AUTH_ROUTE), and resolving them read a dozen pieces of route
 * metadata and awaited three values on every request (issue 14).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    metadata: RouteMetadata,
  ) {
    super(options, storage, metadata);
  }

  /** The throttler's keys (SHA-256 of controller, handler, throttler and address) by their input: hashing was 3% of a cached answer. */
  private readonly keys = new Map<string, string>();
  /** Each route's resolved limits, by handler and then controller (a handler may be inherited). */
  private readonly routes = new Map<unknown, Map<unknown, Resolved[]>>();

  /**
   * Whether a route's limits may be kept: not if a throttler skips requests by a rule of its own
   * (`skipIf`), which may look at the request; Haven configures none.
   */
  private get memoised(): boolean {
    return (this.memoisable ??=
      !this.commonOptions.skipIf && !this.throttlers.some((throttler) => throttler.skipIf));
  }

  /** The options are fixed once the module has started; read on the first request. */
  private memoisable?: boolean;

  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    const input = `${context.getClass().name}-${context.getHandler().name}-${name}-${suffix}`;
    let key = this.keys.get(input);
    if (key === undefined) {
      if (this.keys.size >= 10_000) this.keys.clear();
      key = super.generateKey(context, suffix, name);
      this.keys.set(input, key);
    }
    return key;
  }

  override async canActivate(context: Resolving): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ [COUNTED]?: true }>();
    if (request[COUNTED]) return true;
    const handler = context.getHandler();
    const controller = context.getClass();
    const known = this.memoised ? this.routes.get(handler)?.get(controller) : undefined;
    let allowed = true;
    if (known) {
      for (const limits of known) {
        // The library's own check and count, with the limits it resolved before (it throws when over).
        if (!this.countHere(context, limits)) allowed &&= await this.handleRequest({ ...limits, context });
      }
    } else {
      const resolved: Resolved[] = (context[RESOLVING] = []);
      allowed = await super.canActivate(context);
      if (this.memoised) {
        if (!this.routes.has(handler)) this.routes.set(handler, new Map());
        this.routes.get(handler)?.set(controller, resolved);
      }
    }
    if (allowed) request[COUNTED] = true;
    return allowed;
  }

  /**
   * What the library's handleRequest does for a request far from its limit, without its promises:
   * the count stays in this process (RateLimitStorage.countHere) and the same X-RateLimit headers
   * are set. False, having counted nothing, when the library must do it: near or over the limit
   * (Redis is asked, and a refusal thrown), or for a tracker or user-agent rule of a route's own.
   * The library's path was 8% of a cached answer's cost, this one 5.6% (issue 14).
   */
  private countHere(context: ExecutionContext, limits: Resolved): boolean {
    const { throttler } = limits;
    if (
      !(this.storageService instanceof RateLimitStorage) ||
      limits.getTracker !== this.commonOptions.getTracker ||
      this.getTracker !== (ThrottlerGuard.prototype as unknown as RateLimitGuard).getTracker ||
      (throttler.ignoreUserAgents ?? this.commonOptions.ignoreUserAgents) !== undefined
    ) {
      return false;
    }
    const { req, res } = this.getRequestResponse(context);
    // As the library's getTracker (commonOptions.getTracker) reads the address.
    const tracker = normalizeIp(req.ip as string, this.ipv6SubnetPrefix);
    const key = limits.generateKey(context, tracker, throttler.name as string);
    const record = this.storageService.countHere(
      key,
      limits.ttl,
      limits.limit,
      limits.blockDuration,
      throttler.name as string,
    );
    if (!record) return false;
    if (throttler.setHeaders ?? this.commonOptions.setHeaders ?? true) {
      const suffix = throttler.name === 'default' ? '' : `-${throttler.name}`;
      this.setResponseHeader(res, `${this.headerPrefix}-Limit${suffix}`, limits.limit);
      this.setResponseHeader(
        res,
        `${this.headerPrefix}-Remaining${suffix}`,
        Math.max(0, limits.limit - record.totalHits),
      );
      this.setResponseHeader(res, `${this.headerPrefix}-Reset${suffix}`, record.timeToExpire);
    }
    return true;
  }

  protected override handleRequest(request: ThrottlerRequest & { context: Resolving }): Promise<boolean> {
    const { context, ...limits } = request;
    context[RESOLVING]?.push(limits);
    return super.handleRequest(request);
  }
}

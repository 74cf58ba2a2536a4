import { Injectable, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

type Target = Type | ((...args: never[]) => unknown);
type Holder = Target & Record<symbol, Map<unknown, unknown>>;

/**
 * Nest's Reflector, remembering each lookup: a route's metadata (public, roles, rate limits) is
 * fixed once its decorators have run, and reading it walked the prototype chain several times on
 * every request, a twentieth of a cached answer's cost (issue 14). The guards read it through this.
 */
@Injectable()
export class RouteMetadata extends Reflector {
  /** Each instance's own lookups, kept on the targets themselves (a WeakMap's lookup cost more). */
  private readonly known = Symbol('haven:route-metadata');
  /** A handler's lookups with its controller (`getAllAndOverride(key, [handler, controller])`). */
  private readonly knownWith = Symbol('haven:route-metadata-with');

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Reflector's own overloads answer `any`
  override get(key: unknown, target: Target): any {
    const values = this.lookups(target, this.known);
    if (!values.has(key)) values.set(key, super.get(key, target));
    return values.get(key);
  }

  override getAllAndOverride<TResult = any>( // eslint-disable-line @typescript-eslint/no-explicit-any -- Reflector's own default
    key: unknown,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
  ): TResult {
    if (targets.length !== 2) return super.getAllAndOverride(key, targets);
    const [handler, controller] = targets as Target[];
    const byKey = this.lookups(handler, this.knownWith) as Map<unknown, Map<Target, unknown>>;
    let byController = byKey.get(key);
    if (!byController) byKey.set(key, (byController = new Map()));
    if (!byController.has(controller)) {
      byController.set(controller, super.getAllAndOverride(key, targets));
    }
    return byController.get(controller) as TResult;
  }

  private lookups(target: Target, symbol: symbol): Map<unknown, unknown> {
    const holder = target as Holder;
    // Own only: a subclass's constructor would otherwise read its parent's.
    let values = Object.hasOwn(holder, symbol) ? holder[symbol] : undefined;
    if (!values) {
      values = new Map();
      Object.defineProperty(holder, symbol, { value: values });
    }
    return values;
  }
}

import { Injectable, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

type Target = Type | ((...args: never[]) => unknown);

/**
 * Nest's Reflector, remembering each lookup: a route's metadata (public, roles, rate limits) is
 * fixed once its decorators have run, and reading it walked the prototype chain several times on
 * every request, a twentieth of a cached answer's cost (issue 14). The guards read it through this.
 */
@Injectable()
export class RouteMetadata extends Reflector {
  /** Each instance's own lookups, kept on the targets themselves (a WeakMap's lookup cost more). */
  private readonly known = Symbol('haven:route-metadata');

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Reflector's own overloads answer `any`
  override get(key: unknown, target: Target): any {
    const holder = target as Target & Record<symbol, Map<unknown, unknown>>;
    // Own only: a subclass's constructor would otherwise read its parent's.
    let values = Object.hasOwn(holder, this.known) ? holder[this.known] : undefined;
    if (!values) {
      values = new Map();
      Object.defineProperty(holder, this.known, { value: values });
    }
    if (!values.has(key)) values.set(key, super.get(key, target));
    return values.get(key);
  }
}

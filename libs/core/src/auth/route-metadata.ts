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
  private readonly known = new WeakMap<Target, Map<unknown, unknown>>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Reflector's own overloads answer `any`
  override get(key: unknown, target: Target): any {
    let values = this.known.get(target);
    if (!values) this.known.set(target, (values = new Map()));
    if (!values.has(key)) values.set(key, super.get(key, target));
    return values.get(key);
  }
}

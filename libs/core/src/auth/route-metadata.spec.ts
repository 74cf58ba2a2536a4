import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RouteMetadata } from './route-metadata';

const ROLE = 'test:role';

@SetMetadata(ROLE, 'parent')
class Parent {
  @SetMetadata(ROLE, 'handler')
  own() {}

  inherited() {}
}

@SetMetadata(ROLE, 'child')
class Child extends Parent {}

class Plain extends Parent {}

describe('RouteMetadata', () => {
  const reflector = new Reflector();

  it("answers as Nest's Reflector does, each time it is asked", () => {
    const metadata = new RouteMetadata();
    const cases: [object, object][] = [
      [Parent.prototype.own, Parent],
      [Parent.prototype.inherited, Parent],
      [Child.prototype.inherited, Child],
      [Plain.prototype.inherited, Plain],
    ];
    for (let time = 0; time < 2; time++) {
      for (const [handler, controller] of cases) {
        const targets = [handler, controller] as [() => void, typeof Parent];
        expect(metadata.getAllAndOverride(ROLE, targets)).toBe(reflector.getAllAndOverride(ROLE, targets));
        expect(metadata.getAllAndMerge(ROLE, targets)).toEqual(reflector.getAllAndMerge(ROLE, targets));
      }
    }
    expect(metadata.get(ROLE, Child)).toBe('child');
    expect(metadata.get(ROLE, Plain)).toBe('parent');
    expect(metadata.get('test:absent', Parent)).toBeUndefined();
  });

  it('reads the decorators once per target and key', () => {
    const metadata = new RouteMetadata();
    const read = jest.spyOn(Reflect, 'getMetadata');
    try {
      for (let time = 0; time < 3; time++)
        metadata.getAllAndOverride(ROLE, [Parent.prototype.inherited, Parent]);
      expect(read).toHaveBeenCalledTimes(2);
    } finally {
      read.mockRestore();
    }
  });
});

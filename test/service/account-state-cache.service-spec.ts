import { Logger } from '@nestjs/common';
import { AppConfig } from '@haven/core';
import { AccountStateCache } from '@haven/identity';
import { createTestConfig, dropTestResources } from '@haven/testing';
import { eventually } from '../support/polling';

/**
 * Account states held in each API process (AccountStateCache) on real Redis, two caches standing for
 * two processes: a change must have reached every process that listens before it returns, since
 * its answer goes out then and the caller's next request may reach any process.
 */
describe('account states held per process (service)', () => {
  let config: AppConfig;
  let here: AccountStateCache;
  let there: AccountStateCache;

  beforeAll(async () => {
    config = await createTestConfig();
    here = new AccountStateCache(config);
    there = new AccountStateCache(config);
  });

  afterAll(async () => {
    await Promise.all([here?.onApplicationShutdown(), there?.onApplicationShutdown()]);
    await dropTestResources(config);
  });

  it('has every listening process drop the account before a change returns', async () => {
    const active = { role: 'volunteer' as const, status: 'active', deleted: false, verified: true };
    let stored = active;
    let reads = 0;
    const load = async () => {
      reads += 1;
      return stored;
    };
    // Each holds the state once it listens: a second read then reads nothing.
    for (const cache of [here, there]) {
      await eventually(async () => {
        await cache.get('account-1', load);
        const before = reads;
        await cache.get('account-1', load);
        return reads === before;
      }, 'the cache listening');
    }
    const warned = jest.spyOn(Logger.prototype, 'warn');
    try {
      for (const status of ['suspended', 'active', 'suspended']) {
        stored = { ...active, status };
        await here.changed('account-1');
        // At once, in the same turn: the other process has already dropped what it held.
        expect(await there.get('account-1', load)).toMatchObject({ status });
        expect(await here.get('account-1', load)).toMatchObject({ status });
      }
      expect(warned).not.toHaveBeenCalled();
    } finally {
      warned.mockRestore();
    }
  });
});

import { argon2id, hash, verify } from 'argon2';
import { isNativeAccelerationEnabled, pack, unpack } from 'msgpackr';

/**
 * The native add-ons Haven runs on (argon2 for passwords; msgpackr-extract, which BullMQ's msgpackr
 * uses when it loads) must load on the Node that runs the tests — CI runs them on Node 24 after a
 * clean `npm ci`, so a Node upgrade that breaks an add-on fails here, by name.
 */
describe('native add-ons on this Node', () => {
  it(`argon2 hashes and verifies on Node ${process.versions.node}`, async () => {
    const hashed = await hash('a sturdy passphrase 42', { type: argon2id, memoryCost: 1024, timeCost: 1 });
    expect(hashed).toMatch(/^\$argon2id\$/);
    expect(await verify(hashed, 'a sturdy passphrase 42')).toBe(true);
    expect(await verify(hashed, 'another passphrase 42')).toBe(false);
  });

  it('msgpackr runs with its native extension', () => {
    const value = { id: 'x'.repeat(200), items: [1, 2, 3] };
    expect(unpack(pack(value))).toEqual(value);
    expect(isNativeAccelerationEnabled).toBe(true);
  });
});

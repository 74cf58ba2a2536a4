import { stableId } from './stable-id';

describe('stableId', () => {
  it('is a version 5 UUID, the same for the same name and different for another', () => {
    const id = stableId('reminder:1:2026-12-01T09:00:00.000Z');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableId('reminder:1:2026-12-01T09:00:00.000Z')).toBe(id);
    expect(stableId('reminder:1:2026-12-01T10:00:00.000Z')).not.toBe(id);
  });
});

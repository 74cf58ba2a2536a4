import { describe, expect, it } from 'vitest';
import { availabilityFrom, slotsFrom } from './ProfilePage';

describe('the weekly availability grid', () => {
  it('joins neighbouring cells of a day into one range, and reads ranges back into cells', () => {
    const slots = new Set(['1:0', '1:1', '3:2', '6:0', '6:2']);
    const ranges = availabilityFrom(slots);
    expect(ranges).toEqual([
      { weekday: 1, from: '08:00', to: '17:00' },
      { weekday: 3, from: '17:00', to: '21:00' },
      { weekday: 6, from: '08:00', to: '12:00' },
      { weekday: 6, from: '17:00', to: '21:00' },
    ]);
    expect(slotsFrom(ranges)).toEqual(slots);
  });

  it('marks a cell only when a saved range covers all of it', () => {
    expect([...slotsFrom([{ weekday: 2, from: '09:00', to: '18:00' }])]).toEqual(['2:1']);
  });
});

import { EntityManager } from 'typeorm';
import { isOutboxEvent, OutboxEvent, OutboxRow } from './outbox-events';
import { OutboxWriter } from './outbox.writer';

/** Records what the writer would send to PostgreSQL. */
function recordingManager() {
  const calls: unknown[][] = [];
  const manager = {
    query: async (_sql: string, parameters: unknown[]) => {
      calls.push(parameters);
      return [];
    },
  } as unknown as EntityManager;
  return { manager, calls };
}

describe('the typed outbox', () => {
  it('accepts an event only with its own payload type (checked by the compiler; tsc runs on this file)', async () => {
    const { manager, calls } = recordingManager();
    const writer = new OutboxWriter();
    await writer.write(manager, {
      type: OutboxEvent.SignupReminder,
      recipientIds: ['a', 'a'],
      payload: { signupId: 's', taskId: 't' },
    });
    await writer.write(manager, {
      type: OutboxEvent.Digest,
      recipientIds: ['b'],
      // @ts-expect-error a digest carries task ids and a frequency, not an organisation
      payload: { organizationId: 'o' },
    });
    await writer.write(manager, {
      type: OutboxEvent.AccountPhoneCode,
      recipientIds: ['c'],
      // @ts-expect-error a phone code's payload has its challenge id
      payload: {},
    });
    // Recipients are written once each.
    expect(calls[0]).toEqual([
      null,
      'signup.reminder',
      ['a'],
      JSON.stringify({ signupId: 's', taskId: 't' }),
    ]);
  });

  it('writes nothing for an event with no recipients', async () => {
    const { manager, calls } = recordingManager();
    await new OutboxWriter().write(manager, {
      type: OutboxEvent.AccountInactive,
      recipientIds: [],
      payload: { deleteOn: '2027-01-01' },
    });
    expect(calls).toEqual([]);
  });

  it('narrows the payload by the row type where rows are read', () => {
    const row = {
      id: '1',
      type: OutboxEvent.ClearanceRevoked,
      recipientIds: [],
      payload: { clearanceId: 'c', organizationId: 'o', volunteerId: 'v', signupIds: ['s'], taskIds: ['t'] },
    } as OutboxRow;
    const signups = row.type === OutboxEvent.ClearanceRevoked ? row.payload.signupIds : [];
    expect(signups).toEqual(['s']);
  });

  it('knows its events and no others', () => {
    expect(isOutboxEvent('signup.confirmed')).toBe(true);
    expect(isOutboxEvent('signup.teleported')).toBe(false);
  });
});

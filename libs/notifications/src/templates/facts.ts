import { EntityManager } from 'typeorm';
import { OutboxRow } from '@haven/core';
import { displayNames } from '@haven/identity';
import { needFacts, TaskFact, taskFacts } from '@haven/needs';
import { campFacts, organizationFacts } from '@haven/organizations';

/** What a message may say, read fresh from the owning contexts by the ids an outbox payload carries. */
export interface Facts {
  payload: Record<string, unknown>;
  organization?: { name: string; status: string };
  volunteer?: { displayName: string };
  need?: { title: string; timezone: string };
  task?: { title: string; startsAt: Date; timezone: string; place: string };
  tasks?: { title: string; startsAt: Date; timezone: string }[];
}

const id = (value: unknown) => (typeof value === 'string' ? value : undefined);
const ids = (value: unknown) =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];

/** The facts of every row of a batch, read once: one query per owning context and kind. */
export async function loadFactsForRows(
  manager: EntityManager,
  rows: Pick<OutboxRow, 'payload'>[],
): Promise<{ facts: Facts[]; tasks: Map<string, TaskFact> }> {
  const payloads = rows.map((row) => row.payload as unknown as Record<string, unknown>);
  const wanted = (key: string) => [...new Set(payloads.map((payload) => id(payload[key])).filter(Boolean))];
  const taskIds = [...new Set([...wanted('taskId'), ...payloads.flatMap((payload) => ids(payload.taskIds))])];
  // One after another: the queries share the transaction's one connection.
  const organizations = await organizationFacts(manager, wanted('organizationId') as string[]);
  const volunteers = await displayNames(manager, wanted('volunteerId') as string[]);
  const needs = await needFacts(manager, wanted('needId') as string[]);
  const tasks = await taskFacts(manager, taskIds as string[]);
  const campIds = [...new Set([...needs.values(), ...tasks.values()].map((entry) => entry.campId))];
  const camps = await campFacts(manager, campIds);
  const timezoneOf = (campId: string) => camps.get(campId)?.timezone ?? 'UTC';
  const facts = payloads.map((payload) => {
    const facts: Facts = { payload };
    const organization = organizations.get(id(payload.organizationId) ?? '');
    if (organization) facts.organization = { name: organization.name, status: organization.status };
    const volunteer = volunteers.get(id(payload.volunteerId) ?? '');
    if (volunteer !== undefined) facts.volunteer = { displayName: volunteer };
    const need = needs.get(id(payload.needId) ?? '');
    if (need) facts.need = { title: need.title, timezone: timezoneOf(need.campId) };
    const task = tasks.get(id(payload.taskId) ?? '');
    if (task) {
      facts.task = {
        title: task.title,
        startsAt: task.startsAt,
        timezone: timezoneOf(task.campId),
        place: task.remote ? 'remote' : (camps.get(task.campId)?.name ?? ''),
      };
    }
    const listed = ids(payload.taskIds);
    if (listed.length > 0) {
      facts.tasks = listed
        .map((taskId) => tasks.get(taskId))
        .filter((entry): entry is TaskFact => entry !== undefined)
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
        .map((entry) => ({
          title: entry.title,
          startsAt: entry.startsAt,
          timezone: timezoneOf(entry.campId),
        }));
    }
    return facts;
  });
  return { facts, tasks };
}

/** The facts of one payload (a text rendered again at sending). */
export async function loadFacts(manager: EntityManager, payload: Record<string, unknown>): Promise<Facts> {
  const { facts } = await loadFactsForRows(manager, [{ payload } as unknown as Pick<OutboxRow, 'payload'>]);
  return facts[0];
}

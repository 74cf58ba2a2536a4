import { EntityManager } from 'typeorm';

/** What a message may say, read fresh from the database by the ids an outbox payload carries. */
export interface Facts {
  payload: Record<string, unknown>;
  organization?: { name: string; status: string };
  volunteer?: { displayName: string };
  need?: { title: string; timezone: string };
  task?: { title: string; startsAt: Date; timezone: string; place: string };
  tasks?: { title: string; startsAt: Date; timezone: string }[];
}

const id = (value: unknown) => (typeof value === 'string' ? value : undefined);

export async function loadFacts(manager: EntityManager, payload: Record<string, unknown>): Promise<Facts> {
  const facts: Facts = { payload };
  const organizationId = id(payload.organizationId);
  if (organizationId) {
    const [row] = await manager.query('SELECT name, status FROM organizations WHERE id = $1', [
      organizationId,
    ]);
    if (row) facts.organization = { name: row.name, status: row.status };
  }
  const volunteerId = id(payload.volunteerId);
  if (volunteerId) {
    const [row] = await manager.query('SELECT display_name FROM users WHERE id = $1', [volunteerId]);
    if (row) facts.volunteer = { displayName: row.display_name };
  }
  const needId = id(payload.needId);
  if (needId) {
    const [row] = await manager.query(
      'SELECT n.title, c.timezone FROM needs n JOIN camps c ON c.id = n.camp_id WHERE n.id = $1',
      [needId],
    );
    if (row) facts.need = { title: row.title, timezone: row.timezone };
  }
  const taskId = id(payload.taskId);
  if (taskId) {
    const [row] = await manager.query(
      `SELECT t.title, t.starts_at, t.remote, c.name AS camp, c.timezone
         FROM tasks t JOIN camps c ON c.id = t.camp_id WHERE t.id = $1`,
      [taskId],
    );
    if (row) {
      facts.task = {
        title: row.title,
        startsAt: row.starts_at,
        timezone: row.timezone,
        place: row.remote ? 'remote' : row.camp,
      };
    }
  }
  if (Array.isArray(payload.taskIds) && payload.taskIds.length > 0) {
    const rows = await manager.query(
      `SELECT t.title, t.starts_at, c.timezone FROM tasks t JOIN camps c ON c.id = t.camp_id
        WHERE t.id = ANY($1) ORDER BY t.starts_at`,
      [payload.taskIds],
    );
    facts.tasks = rows.map((row: { title: string; starts_at: Date; timezone: string }) => ({
      title: row.title,
      startsAt: row.starts_at,
      timezone: row.timezone,
    }));
  }
  return facts;
}

import { EntityManager } from 'typeorm';

/** What other contexts may read about organisations and camps to word a message, by id, in one query. */
export interface OrganizationFact {
  name: string;
  status: string;
}
export interface CampFact {
  name: string;
  timezone: string;
}

export async function organizationFacts(
  manager: EntityManager,
  ids: string[],
): Promise<Map<string, OrganizationFact>> {
  if (ids.length === 0) return new Map();
  const rows: { id: string; name: string; status: string }[] = await manager.query(
    'SELECT id, name, status FROM organizations WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((row) => [row.id, { name: row.name, status: row.status }]));
}

export async function campFacts(manager: EntityManager, ids: string[]): Promise<Map<string, CampFact>> {
  if (ids.length === 0) return new Map();
  const rows: { id: string; name: string; timezone: string }[] = await manager.query(
    'SELECT id, name, timezone FROM camps WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((row) => [row.id, { name: row.name, timezone: row.timezone }]));
}

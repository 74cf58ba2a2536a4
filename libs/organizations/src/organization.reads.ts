import { EntityManager, In } from 'typeorm';
import { CampEntity } from './entities/camp.entity';
import { OrganizationMemberEntity } from './entities/organization-member.entity';
import { OrganizationEntity, OrganizationStatus } from './entities/organization.entity';

/**
 * What other contexts may read about organisations and camps. Lookups are functions taking the
 * caller's transaction; set-based reads that must stay one statement (the hot lists) take SQL
 * fragments from `OrganizationSql`, so the tables, their columns and the "approved" rule are
 * written here and nowhere else.
 */
export const OrganizationSql = {
  /** Joins the organisation whose id is `idExpression` as `alias`: its `name`, `status` may be read. */
  joinOrganization: (alias: string, idExpression: string) =>
    `JOIN organizations ${alias} ON ${alias}.id = ${idExpression}`,
  /** Joins the camp whose id is `idExpression` as `alias`: its `name`, `timezone` may be read. */
  joinCamp: (alias: string, idExpression: string) => `JOIN camps ${alias} ON ${alias}.id = ${idExpression}`,
  /** The joined organisation `alias` is approved: it may be seen by everyone. */
  isApproved: (alias: string) => `${alias}.status = 'approved'`,
  /** The organisation whose id is `idExpression` is approved (no join needed). */
  isApprovedId: (idExpression: string) =>
    `${idExpression} IN (SELECT id FROM organizations WHERE status = 'approved')`,
  /** The ids of the accounts that belong to the organisation `idExpression`, as an array (null if none). */
  memberIds: (idExpression: string) =>
    `(SELECT array_agg(DISTINCT user_id) FROM organization_members WHERE organization_id = ${idExpression})`,
  /** The calendar day in the camp's own time zone at the instant `instantExpression`. */
  campLocalDate: (campIdExpression: string, instantExpression: string) =>
    `(SELECT (${instantExpression}::timestamptz AT TIME ZONE timezone)::date FROM camps WHERE id = ${campIdExpression})`,
};

export async function organizationStatus(
  manager: EntityManager,
  organizationId: string,
): Promise<OrganizationStatus | null> {
  const organization = await manager.findOne(OrganizationEntity, {
    select: { id: true, status: true },
    where: { id: organizationId },
  });
  return organization?.status ?? null;
}

export function campExists(manager: EntityManager, campId: string): Promise<boolean> {
  return manager.existsBy(CampEntity, { id: campId });
}

/** Whether every one of these camps exists. */
export async function campsExist(manager: EntityManager, campIds: string[]): Promise<boolean> {
  return (await manager.countBy(CampEntity, { id: In(campIds) })) === campIds.length;
}

export interface PlaceNames {
  organizationName: (id: string) => string;
  campName: (id: string) => string;
  timezone: (campId: string) => string;
}

/** Names of organisations and camps (and the camps' time zones), in one round trip. */
export async function placeNames(
  manager: EntityManager,
  organizationIds: string[],
  campIds: string[],
): Promise<PlaceNames> {
  const rows: { id: string; name: string; timezone: string | null }[] = await manager.query(
    `SELECT id, name, NULL AS timezone FROM organizations WHERE id = ANY($1)
     UNION ALL SELECT id, name, timezone FROM camps WHERE id = ANY($2)`,
    [[...new Set(organizationIds)], [...new Set(campIds)]],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    organizationName: (id) => byId.get(id)?.name ?? '',
    campName: (id) => byId.get(id)?.name ?? '',
    timezone: (campId) => byId.get(campId)?.timezone ?? 'UTC',
  };
}

/** The accounts that belong to an organisation. */
export async function memberIds(manager: EntityManager, organizationId: string): Promise<string[]> {
  const members = await manager.find(OrganizationMemberEntity, { where: { organizationId } });
  return members.map((member) => member.userId);
}

import { OrganizationDecisionEntity } from './entities/organization-decision.entity';
import { OrganizationEntity } from './entities/organization.entity';

/** What anyone signed in may see of an approved organisation. */
export function publicView(organization: OrganizationEntity) {
  return {
    id: organization.id,
    name: organization.name,
    country: organization.country,
    description: organization.description,
    focusAreas: organization.focusAreas,
    website: organization.website,
    status: organization.status,
  };
}

/** What admins and the organisation's own members see. */
export function fullView(organization: OrganizationEntity, decisions: OrganizationDecisionEntity[] = []) {
  return {
    ...publicView(organization),
    registrationNumber: organization.registrationNumber,
    contactEmail: organization.contactEmail,
    reviewBy: organization.reviewBy,
    createdAt: organization.createdAt.toISOString(),
    updatedAt: organization.updatedAt.toISOString(),
    decisions: decisions.map((decision) => ({
      decision: decision.decision,
      reason: decision.reason,
      actorId: decision.actorId,
      createdAt: decision.createdAt.toISOString(),
    })),
  };
}

export type OrganizationPublicView = ReturnType<typeof publicView>;
export type OrganizationFullView = ReturnType<typeof fullView>;

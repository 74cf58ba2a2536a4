import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  Actor,
  AuditLogService,
  CommonErrors,
  OutboxEvent,
  OutboxRecord,
  OutboxWriter,
  TransactionService,
} from '@haven/core';
import { activeAdminIds } from '@haven/identity';
import { OrganizationDecisionEntity, VettingDecision } from './entities/organization-decision.entity';
import { OrganizationMemberEntity } from './entities/organization-member.entity';
import { OrganizationEntity, OrganizationStatus } from './entities/organization.entity';
import { fullView, OrganizationFullView } from './organization.views';
import { OrganizationErrors } from './organizations.errors';

type DecisionEvent =
  | OutboxEvent.OrganizationApproved
  | OutboxEvent.OrganizationRejected
  | OutboxEvent.OrganizationSuspended
  | OutboxEvent.OrganizationReinstated;

/** An organisation's members told of a decision; generic over the one event, so the payload is checked against each. */
const decisionNotice = <E extends DecisionEvent>(
  type: E,
  recipientIds: string[],
  organizationId: string,
  status: OrganizationStatus,
): OutboxRecord<E> => ({ type, recipientIds, payload: { organizationId, status } });

/** The vetting state machine: each decision leaves exactly one state. */
const TRANSITIONS: Record<
  VettingDecision,
  { from: OrganizationStatus; to: OrganizationStatus; verb: string; event: DecisionEvent }
> = {
  approve: { from: 'pending', to: 'approved', verb: 'approved', event: OutboxEvent.OrganizationApproved },
  reject: { from: 'pending', to: 'rejected', verb: 'rejected', event: OutboxEvent.OrganizationRejected },
  suspend: { from: 'approved', to: 'suspended', verb: 'suspended', event: OutboxEvent.OrganizationSuspended },
  reinstate: {
    from: 'suspended',
    to: 'approved',
    verb: 'reinstated',
    event: OutboxEvent.OrganizationReinstated,
  },
};

export interface DecisionInput {
  /** Required for reject and suspend (the DTOs enforce it); optional note otherwise. */
  reason?: string;
  /** For approve and reinstate: when to vet again (YYYY-MM-DD); a year from today by default. */
  reviewBy?: string;
}

export function oneYearFrom(today: Date): string {
  const next = new Date(Date.UTC(today.getUTCFullYear() + 1, today.getUTCMonth(), today.getUTCDate()));
  return next.toISOString().slice(0, 10);
}

@Injectable()
export class VettingService {
  constructor(
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxWriter,
    private readonly transactions: TransactionService,
  ) {}

  /**
   * Applies an admin's decision. The organisation row is locked, so two admins deciding at once
   * cannot both succeed; the decision, its audit entry and the members' notification commit together.
   */
  async decide(
    actor: Actor,
    organizationId: string,
    decision: VettingDecision,
    input: DecisionInput,
  ): Promise<OrganizationFullView> {
    if (actor.role !== 'admin') throw CommonErrors.forbidden();
    const transition = TRANSITIONS[decision];
    return this.transactions.run(async (manager) => {
      const organization = await manager
        .getRepository(OrganizationEntity)
        .createQueryBuilder('organization')
        .setLock('pessimistic_write')
        .where('organization.id = :organizationId', { organizationId })
        .getOne();
      if (!organization) throw CommonErrors.notFound('organisation');
      if (organization.status !== transition.from)
        throw OrganizationErrors.illegalTransition(organization.status, transition.verb);

      organization.status = transition.to;
      if (decision === 'approve' || decision === 'reinstate') {
        organization.reviewBy =
          input.reviewBy ?? (decision === 'approve' ? oneYearFrom(new Date()) : organization.reviewBy);
      }
      await manager.save(organization);
      await manager.insert(OrganizationDecisionEntity, {
        organizationId,
        actorId: actor.id,
        decision,
        reason: input.reason ?? null,
      });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: `organization.${transition.verb}`,
        entity: 'organization',
        entityId: organizationId,
        summary: `Organisation ${transition.verb} (was ${transition.from})`,
      });
      await this.outbox.write(
        manager,
        decisionNotice(
          transition.event,
          await this.memberIds(manager, organizationId),
          organizationId,
          transition.to,
        ),
      );
      const decisions = await manager.find(OrganizationDecisionEntity, {
        where: { organizationId },
        order: { createdAt: 'ASC' },
      });
      return fullView(organization, decisions);
    });
  }

  /**
   * The daily re-vetting reminder: one notification to every active admin listing the approved
   * organisations whose review date has come. Returns how many are due.
   */
  async notifyReviewsDue(): Promise<number> {
    return this.transactions.run(async (manager) => {
      const due: { id: string }[] = await manager.query(
        `SELECT id FROM organizations WHERE status = 'approved' AND review_by <= CURRENT_DATE ORDER BY review_by, id`,
      );
      if (due.length === 0) return 0;
      const admins = await activeAdminIds(manager);
      await this.outbox.write(manager, {
        type: OutboxEvent.OrganizationReviewDue,
        recipientIds: admins,
        payload: { organizationIds: due.map((organization) => organization.id), count: due.length },
      });
      return due.length;
    });
  }

  private async memberIds(manager: EntityManager, organizationId: string): Promise<string[]> {
    const members = await manager.find(OrganizationMemberEntity, {
      where: { organizationId },
      select: ['userId'],
    });
    return members.map((member) => member.userId);
  }
}

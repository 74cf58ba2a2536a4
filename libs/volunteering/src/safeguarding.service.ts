import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  Actor,
  AuditLogService,
  CommonErrors,
  OutboxEvent,
  OutboxWriter,
  PageQuery,
  paginate,
  stableId,
  TransactionService,
} from '@haven/core';
import { displayNames, volunteerDisplayName } from '@haven/identity';
import { OrganizationRecordAccess, TaskEntity, TaskSql } from '@haven/needs';
import { memberIds } from '@haven/organizations';
import { SafeguardingClearanceEntity } from './entities/safeguarding-clearance.entity';
import { SignupEntity } from './entities/signup.entity';
import { hasValidClearance, lockClearances } from './signup-rules';
import { SignupsService } from './signups.service';
import { VolunteeringErrors } from './volunteering.errors';

/** A clearance is recorded for at most this many years ahead. */
export const CLEARANCE_MAX_YEARS = 3;
/** How many days before a clearance ends its volunteer and the organisation are warned. */
export const CLEARANCE_WARNING_DAYS = 30;

export function clearanceView(clearance: SafeguardingClearanceEntity, displayName?: string) {
  return {
    id: clearance.id,
    organizationId: clearance.organizationId,
    volunteerId: clearance.volunteerId,
    volunteerName: displayName,
    validUntil: clearance.validUntil,
    createdAt: clearance.createdAt,
    revokedAt: clearance.revokedAt,
  };
}

/** Thrown when sign-ups moved between a revocation's two looks; TransactionService runs the work again. */
class SignupsMoved extends Error {
  readonly code = '40001';
}

/** Safeguarding clearances: an organisation's attestation about a volunteer, audited, never documents. */
@Injectable()
export class SafeguardingService {
  constructor(
    private readonly access: OrganizationRecordAccess,
    private readonly signups: SignupsService,
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxWriter,
    private readonly transactions: TransactionService,
  ) {}

  /**
   * A member of an approved organisation records a clearance, valid from today for at most three
   * years, for a volunteer who has signed up for one of the organisation's tasks; anyone else is
   * unknown here (404), so the route reveals no stranger's name.
   */
  record(actor: Actor, organizationId: string, volunteerId: string, validUntil: string) {
    return this.transactions.run(async (manager) => {
      await this.assertMember(actor, organizationId, manager, false);
      const today = new Date().toISOString().slice(0, 10);
      if (validUntil < today) {
        throw CommonErrors.validation([{ field: 'validUntil', message: 'must be today or later' }]);
      }
      const latest = `${Number(today.slice(0, 4)) + CLEARANCE_MAX_YEARS}${today.slice(4)}`;
      if (validUntil > latest) {
        throw CommonErrors.validation([
          { field: 'validUntil', message: `must be at most ${CLEARANCE_MAX_YEARS} years ahead (${latest})` },
        ]);
      }
      const [signedUp] = await manager.query(
        `SELECT 1 FROM signups s ${TaskSql.joinTask('t', 's.task_id')}
          WHERE s.volunteer_id = $1 AND t.organization_id = $2 LIMIT 1`,
        [volunteerId, organizationId],
      );
      const displayName = signedUp ? await volunteerDisplayName(manager, volunteerId) : null;
      if (displayName === null) throw VolunteeringErrors.notAVolunteer();
      const clearance = await manager.save(
        manager.create(SafeguardingClearanceEntity, {
          organizationId,
          volunteerId,
          validUntil,
          recordedBy: actor.id,
        }),
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'safeguarding.recorded',
        entity: 'safeguarding_clearance',
        entityId: clearance.id,
        summary: `Safeguarding clearance recorded, valid until ${validUntil}`,
      });
      return clearanceView(clearance, displayName);
    });
  }

  /**
   * A member revokes a clearance (whatever the organisation's status: withdrawing trust is never
   * frozen). The clearance is kept, marked revoked; the volunteer's confirmed places on the
   * organisation's safeguarded tasks that no other clearance covers go back to review, freed places
   * go to the waitlist, and the volunteer and the organisation's members are told.
   */
  revoke(actor: Actor, organizationId: string, clearanceId: string, reason: string): Promise<void> {
    return this.transactions.run(async (manager) => {
      await this.assertMember(actor, organizationId, manager, true);
      const found = await manager.findOneBy(SafeguardingClearanceEntity, { id: clearanceId, organizationId });
      if (!found) throw CommonErrors.notFound('clearance');
      const { volunteerId } = found;
      // The tasks first, then the clearances: the order approvals and promotions lock in. Once the
      // clearances are held exclusively no approval that saw this one as valid is uncommitted, so a
      // second look finds every live sign-up; one on a task not locked yet means starting over.
      const locked = await this.safeguardedTaskIds(manager, organizationId, volunteerId);
      const tasks: TaskEntity[] = [];
      for (const taskId of locked) tasks.push(await this.signups.lockTask(taskId, manager));
      await lockClearances(manager, organizationId, volunteerId, 'exclusive');
      const now = await this.safeguardedTaskIds(manager, organizationId, volunteerId);
      if (now.some((taskId) => !locked.includes(taskId))) throw new SignupsMoved();
      const clearance = await manager.findOneOrFail(SafeguardingClearanceEntity, {
        where: { id: clearanceId },
        lock: { mode: 'pessimistic_write' },
      });
      if (clearance.revokedAt) throw VolunteeringErrors.clearanceRevoked();
      await manager.update(SafeguardingClearanceEntity, clearance.id, {
        revokedAt: new Date(),
        revokedBy: actor.id,
        revocationReason: reason,
      });
      const returned = await this.returnToReview(manager, tasks, volunteerId);
      const payload = {
        clearanceId,
        organizationId,
        volunteerId,
        signupIds: returned.map((entry) => entry.signupId),
        taskIds: returned.map((entry) => entry.taskId),
      };
      await this.outbox.write(manager, {
        type: OutboxEvent.ClearanceRevoked,
        recipientIds: [volunteerId],
        payload,
      });
      await this.outbox.write(manager, {
        type: OutboxEvent.ClearanceRevokedReview,
        recipientIds: await memberIds(manager, organizationId),
        payload,
      });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'safeguarding.revoked',
        entity: 'safeguarding_clearance',
        entityId: clearance.id,
        summary: `Safeguarding clearance revoked; ${returned.length} confirmed place(s) back to review`,
      });
    });
  }

  /**
   * Each confirmed place of the volunteer on these (locked) tasks that no other valid clearance
   * covers goes back to review. Returns the sign-ups sent back.
   */
  private async returnToReview(manager: EntityManager, tasks: TaskEntity[], volunteerId: string) {
    const returned: { signupId: string; taskId: string }[] = [];
    for (const task of tasks) {
      if (task.startsAt.getTime() <= Date.now()) continue;
      const signup = await manager.findOne(SignupEntity, {
        where: { taskId: task.id, volunteerId, status: 'confirmed' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!signup || (await hasValidClearance(manager, volunteerId, task))) continue;
      await this.signups.sendBackToReview(task, signup, manager);
      returned.push({ signupId: signup.id, taskId: task.id });
    }
    return returned;
  }

  /** The organisation's safeguarded tasks, not started, on which the volunteer holds a live sign-up. */
  private async safeguardedTaskIds(manager: EntityManager, organizationId: string, volunteerId: string) {
    const rows: { task_id: string }[] = await manager.query(
      `SELECT DISTINCT s.task_id FROM signups s ${TaskSql.joinTask('t', 's.task_id')}
        WHERE s.volunteer_id = $1 AND t.organization_id = $2 AND t.requires_safeguarding
          AND t.status = 'open' AND t.starts_at > now() AND s.status IN ('pending', 'confirmed', 'waitlisted')
        ORDER BY s.task_id`,
      [volunteerId, organizationId],
    );
    return rows.map((row) => row.task_id);
  }

  /**
   * The daily warning: each live clearance ending within 30 days, and not outlasted by a newer one,
   * is claimed once (`expiry_warned_at`) and announced to its volunteer and the organisation's
   * members. The outbox row's id is stable per clearance, so even a retried job warns once.
   */
  warnExpiring(): Promise<number> {
    return this.transactions.run(async (manager) => {
      const due: { id: string; organization_id: string; volunteer_id: string; valid_until: string }[] =
        await manager.query(
          // A CTE, so the driver hands back the claimed rows rather than an UPDATE's [rows, count].
          `WITH claimed AS (
           UPDATE safeguarding_clearances c SET expiry_warned_at = now()
            WHERE c.revoked_at IS NULL AND c.expiry_warned_at IS NULL
              AND c.valid_until >= current_date AND c.valid_until <= current_date + $1::int
              AND NOT EXISTS (SELECT 1 FROM safeguarding_clearances n
                               WHERE n.organization_id = c.organization_id AND n.volunteer_id = c.volunteer_id
                                 AND n.revoked_at IS NULL AND n.valid_until > c.valid_until)
            RETURNING c.id, c.organization_id, c.volunteer_id, to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until)
           SELECT * FROM claimed`,
          [CLEARANCE_WARNING_DAYS],
        );
      for (const clearance of due) {
        await this.outbox.write(manager, {
          id: stableId(`clearance-expiring:${clearance.id}`),
          type: OutboxEvent.ClearanceExpiring,
          recipientIds: [clearance.volunteer_id, ...(await memberIds(manager, clearance.organization_id))],
          payload: {
            clearanceId: clearance.id,
            organizationId: clearance.organization_id,
            volunteerId: clearance.volunteer_id,
            validUntil: clearance.valid_until,
          },
        });
      }
      return due.length;
    });
  }

  /** The organisation's clearances, newest first, for its members and admins. */
  list(actor: Actor, organizationId: string, page: PageQuery) {
    return this.transactions.run(async (manager) => {
      if (actor.role !== 'admin') await this.assertMember(actor, organizationId, manager, true);
      const query = manager
        .createQueryBuilder(SafeguardingClearanceEntity, 'clearance')
        .where('clearance.organizationId = :organizationId', { organizationId });
      const { items: rows, nextCursor } = await paginate(
        query,
        {
          columns: [
            { expression: 'clearance.createdAt', direction: 'DESC', value: (row) => row.createdAt },
            { expression: 'clearance.id', direction: 'DESC', value: (row) => row.id },
          ],
        },
        page,
      );
      const byId = await displayNames(
        manager,
        rows.map((row) => row.volunteerId),
      );
      return { items: rows.map((row) => clearanceView(row, byId.get(row.volunteerId))), nextCursor };
    });
  }

  /** A member of the organisation (approved, unless only reading); its 404 names the organisation. */
  private async assertMember(actor: Actor, organizationId: string, manager: EntityManager, toRead: boolean) {
    await this.access.assertMember(actor, organizationId, manager, {
      toRead,
      notVisible: () => CommonErrors.notFound('organisation'),
    });
  }
}

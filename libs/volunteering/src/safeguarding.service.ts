import { Injectable } from '@nestjs/common';
import { Actor, AuditLogService, CommonErrors, PageQuery, paginate, TransactionService } from '@haven/core';
import { NeedAccess } from '@haven/needs';
import { SafeguardingClearanceEntity } from './entities/safeguarding-clearance.entity';
import { VolunteeringErrors } from './volunteering.errors';

export function clearanceView(clearance: SafeguardingClearanceEntity, displayName?: string) {
  return {
    id: clearance.id,
    organizationId: clearance.organizationId,
    volunteerId: clearance.volunteerId,
    volunteerName: displayName,
    validUntil: clearance.validUntil,
    createdAt: clearance.createdAt,
  };
}

/** Safeguarding clearances: an organisation's attestation about a volunteer, audited, never documents. */
@Injectable()
export class SafeguardingService {
  constructor(
    private readonly access: NeedAccess,
    private readonly audit: AuditLogService,
    private readonly transactions: TransactionService,
  ) {}

  record(actor: Actor, organizationId: string, volunteerId: string, validUntil: string) {
    return this.transactions.run(async (manager) => {
      await this.access.assertMember(actor, organizationId, manager).catch((error: unknown) => {
        throw (error as { status?: number }).status === 404 ? CommonErrors.notFound('organisation') : error;
      });
      const [volunteer] = await manager.query(
        `SELECT display_name FROM users WHERE id = $1 AND role = 'volunteer' AND deleted_at IS NULL`,
        [volunteerId],
      );
      if (!volunteer) throw VolunteeringErrors.notAVolunteer();
      if (validUntil < new Date().toISOString().slice(0, 10)) {
        throw CommonErrors.validation([{ field: 'validUntil', message: 'must be today or later' }]);
      }
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
      return clearanceView(clearance, volunteer.display_name);
    });
  }

  /** The organisation's clearances, newest first, for its members and admins. */
  list(actor: Actor, organizationId: string, page: PageQuery) {
    return this.transactions.run(async (manager) => {
      if (actor.role !== 'admin') {
        await this.access
          .assertMember(actor, organizationId, manager, { toRead: true })
          .catch((error: unknown) => {
            throw (error as { status?: number }).status === 404
              ? CommonErrors.notFound('organisation')
              : error;
          });
      }
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
      const names: { id: string; display_name: string }[] = await manager.query(
        `SELECT id, display_name FROM users WHERE id = ANY($1)`,
        [rows.map((row) => row.volunteerId)],
      );
      const byId = new Map(names.map((row) => [row.id, row.display_name]));
      return { items: rows.map((row) => clearanceView(row, byId.get(row.volunteerId))), nextCursor };
    });
  }
}

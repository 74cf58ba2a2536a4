import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Page, PageQuery, paginate } from '../pagination/cursor';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  summary: string;
}

export interface AuditFilter {
  actorId?: string;
  entity?: string;
  action?: string;
}

/**
 * For a statement that must write its audit entries itself (the sign-up writer's one round trip):
 * inserts the rows `select` yields, as (actor_id, action, entity, entity_id, summary).
 */
export const AuditSql = {
  insert: (select: string) =>
    `INSERT INTO audit_log (actor_id, action, entity, entity_id, summary) ${select}`,
};

/**
 * Writes audit entries inside the caller's transaction (so a failed change leaves no entry) and
 * reads them for admins. There is deliberately no update or delete here.
 */
@Injectable()
export class AuditLogService {
  constructor(@InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>) {}

  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.insert(AuditEntryEntity, record);
  }

  list(filter: AuditFilter, page: PageQuery): Promise<Page<AuditEntryEntity>> {
    const query = this.entries.createQueryBuilder('entry');
    if (filter.actorId) query.andWhere('entry.actorId = :actorId', { actorId: filter.actorId });
    if (filter.entity) query.andWhere('entry.entity = :entity', { entity: filter.entity });
    if (filter.action) query.andWhere('entry.action = :action', { action: filter.action });
    return paginate(
      query,
      {
        columns: [
          { expression: 'entry.createdAt', direction: 'DESC', value: (entry) => entry.createdAt },
          { expression: 'entry.id', direction: 'DESC', value: (entry) => entry.id },
        ],
      },
      page,
    );
  }
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One recorded action. Append-only: a database trigger refuses updates and deletes. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('text')
  action: string;

  @Column('text')
  entity: string;

  @Column('uuid', { name: 'entity_id' })
  entityId: string;

  /** What happened, without personal data: ids and categories, never names, e-mails or reasons. */
  @Column('text')
  summary: string;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false })
  createdAt: Date;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An event waiting to become notifications; the worker relays pending rows to the queue. */
@Entity('outbox')
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { name: 'event_type' })
  eventType: string;

  @Column('uuid', { name: 'recipient_ids', array: true })
  recipientIds: string[];

  /** Ids and non-personal facts only; the notifier reads the rest from the database. */
  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false })
  createdAt: Date;

  @Column('timestamptz', { name: 'relayed_at', nullable: true })
  relayedAt: Date | null;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One message to one user, made from one outbox row. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'outbox_id' })
  outboxId: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  type: string;

  @Column('text')
  title: string;

  @Column('text')
  body: string;

  /** Shown in the in-app feed: the user's preference when the message was made. */
  @Column('boolean', { name: 'in_app' })
  inApp: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;
}

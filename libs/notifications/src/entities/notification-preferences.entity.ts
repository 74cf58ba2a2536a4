import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DigestFrequency = 'off' | 'daily' | 'weekly';

@Entity('notification_preferences')
export class NotificationPreferencesEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('boolean')
  email: boolean;

  @Column('boolean', { name: 'in_app' })
  inApp: boolean;

  @Column('text')
  digest: DigestFrequency;

  @Column('timestamptz', { name: 'last_digest_at', nullable: true })
  lastDigestAt: Date | null;
}

export const DEFAULT_PREFERENCES = { email: true, inApp: true, digest: 'off' as DigestFrequency };

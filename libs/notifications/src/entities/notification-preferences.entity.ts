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

  @Column('boolean')
  sms: boolean;

  /** Quiet hours ("HH:MM", both or neither): texts are held back between them. */
  @Column('text', { name: 'quiet_from', nullable: true })
  quietFrom: string | null;

  @Column('text', { name: 'quiet_to', nullable: true })
  quietTo: string | null;

  @Column('timestamptz', { name: 'last_digest_at', nullable: true })
  lastDigestAt: Date | null;
}

export const DEFAULT_PREFERENCES = {
  email: true,
  inApp: true,
  sms: false,
  digest: 'off' as DigestFrequency,
  quietFrom: null as string | null,
  quietTo: null as string | null,
};

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('calendar_tokens')
export class CalendarTokenEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  /** SHA-256 of the token; the token itself is shown once, in the feed's URL. */
  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

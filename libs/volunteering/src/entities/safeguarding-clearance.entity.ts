import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An organisation's attestation that a volunteer passed its checks; never the documents themselves. */
@Entity('safeguarding_clearances')
export class SafeguardingClearanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'volunteer_id' })
  volunteerId: string;

  @Column('date', { name: 'valid_until' })
  validUntil: string;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** A revoked clearance is kept, and clears no one. */
  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('uuid', { name: 'revoked_by', nullable: true })
  revokedBy: string | null;

  @Column('text', { name: 'revocation_reason', nullable: true })
  revocationReason: string | null;

  /** When the 30-day expiry warning went out; it goes out once. */
  @Column('timestamptz', { name: 'expiry_warned_at', nullable: true })
  expiryWarnedAt: Date | null;
}

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
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { NeedCategory } from '@haven/core';

export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const AGE_GROUPS = ['children', 'youth', 'adults', 'mixed'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const NEED_STATUSES = ['open', 'filled', 'closed', 'cancelled'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** What an organisation asks for at a camp. Beneficiaries are an aggregate count, never people. */
@Entity('needs')
export class NeedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'camp_id' })
  campId: string;

  @Column('text')
  category: NeedCategory;

  @Column('text')
  title: string;

  @Column('text')
  description: string;

  @Column('text')
  urgency: Urgency;

  @Column({ type: 'smallint', name: 'urgency_rank', insert: false, update: false, select: true })
  urgencyRank: number;

  @Column('integer', { name: 'beneficiary_count', nullable: true })
  beneficiaryCount: number | null;

  @Column('text', { name: 'beneficiary_age_group', nullable: true })
  beneficiaryAgeGroup: AgeGroup | null;

  @Column('date', { name: 'starts_on', nullable: true })
  startsOn: string | null;

  @Column('date', { name: 'ends_on', nullable: true })
  endsOn: string | null;

  @Column('text')
  status: NeedStatus;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason: string | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

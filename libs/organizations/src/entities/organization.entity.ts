import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { NeedCategory } from '@haven/core';

/** `closed`: its only member deleted their account; final, like `rejected`. */
export type OrganizationStatus = 'pending' | 'approved' | 'rejected' | 'suspended' | 'closed';

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('char', { length: 2 })
  country: string;

  @Column('text', { name: 'registration_number' })
  registrationNumber: string;

  @Column('text', { name: 'contact_email' })
  contactEmail: string;

  @Column('text')
  description: string;

  @Column('text', { name: 'focus_areas', array: true })
  focusAreas: NeedCategory[];

  @Column('text', { nullable: true })
  website: string | null;

  @Column('text')
  status: OrganizationStatus;

  /** When an approved organisation is due for re-vetting (YYYY-MM-DD). */
  @Column('date', { name: 'review_by', nullable: true })
  reviewBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

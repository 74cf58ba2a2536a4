import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { NeedCategory } from '@haven/core';

export type SignupMode = 'open' | 'review';
export type TaskStatus = 'open' | 'cancelled';

/** A shift or remote session under a need. `confirmed` and `waitlisted` are kept by the sign-ups. */
@Entity('tasks')
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'need_id' })
  needId: string;

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

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('integer')
  capacity: number;

  @Column('integer', { default: 0 })
  confirmed: number;

  @Column('integer', { default: 0 })
  waitlisted: number;

  @Column('text', { array: true })
  skills: string[];

  @Column('text', { array: true })
  languages: string[];

  @Column('boolean')
  remote: boolean;

  @Column('text', { name: 'signup_mode' })
  signupMode: SignupMode;

  @Column('boolean', { name: 'requires_safeguarding' })
  requiresSafeguarding: boolean;

  @Column('text')
  status: TaskStatus;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason: string | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

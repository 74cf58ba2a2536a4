import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type SignupStatus =
  'pending' | 'confirmed' | 'waitlisted' | 'declined' | 'withdrawn' | 'attended' | 'no_show';

/** The statuses that hold a place or a place in the queue. */
export const LIVE_SIGNUP_STATUSES: SignupStatus[] = ['pending', 'confirmed', 'waitlisted'];

const decimal = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

@Entity('signups')
export class SignupEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Taken while the task is locked: the commit order, and so the waitlist order. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('uuid', { name: 'task_id' })
  taskId: string;

  @Column('uuid', { name: 'volunteer_id' })
  volunteerId: string;

  @Column('text')
  status: SignupStatus;

  @Column('numeric', { precision: 4, scale: 2, nullable: true, transformer: decimal })
  hours: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

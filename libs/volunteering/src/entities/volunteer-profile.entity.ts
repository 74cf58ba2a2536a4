import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A weekly window in which the volunteer can help, in the local time of the camp concerned. */
export interface AvailabilityWindow {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  from: string;
  to: string;
}

@Entity('volunteer_profiles')
export class VolunteerProfileEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('text', { array: true })
  skills: string[];

  @Column('text', { array: true })
  languages: string[];

  @Column('jsonb')
  availability: AvailabilityWindow[];

  @Column('boolean')
  remote: boolean;

  @Column('uuid', { name: 'camp_ids', array: true })
  campIds: string[];

  @Column('text', { nullable: true })
  bio: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

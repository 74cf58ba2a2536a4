import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

const decimal = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A public place. Coordinates are kept to two decimals (about 1 km), never a precise location. */
@Entity('camps')
export class CampEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('char', { length: 2 })
  country: string;

  @Column('text')
  region: string;

  /** IANA time zone, for showing task times as people at the camp read them. */
  @Column('text')
  timezone: string;

  @Column('numeric', { precision: 5, scale: 2, nullable: true, transformer: decimal })
  latitude: number | null;

  @Column('numeric', { precision: 5, scale: 2, nullable: true, transformer: decimal })
  longitude: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

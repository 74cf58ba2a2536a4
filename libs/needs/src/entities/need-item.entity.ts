import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A supply a need asks for; `pledged` and `delivered` are running sums of its pledges. */
@Entity('need_items')
export class NeedItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'need_id' })
  needId: string;

  @Column('text')
  name: string;

  @Column('text')
  unit: string;

  @Column('integer')
  quantity: number;

  @Column('integer', { default: 0 })
  pledged: number;

  @Column('integer', { default: 0 })
  delivered: number;

  @Column('smallint')
  position: number;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type MemberRole = 'owner' | 'coordinator';

/** A coordinator's place in an organisation; the user id is the key, so one organisation each. */
@Entity('organization_members')
export class OrganizationMemberEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text', { name: 'member_role' })
  memberRole: MemberRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@haven/core';

export type UserStatus = 'active' | 'suspended';

export const LOCALES = ['en', 'ar', 'ckb', 'kmr'] as const;
export type Locale = (typeof LOCALES)[number];

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique through the `lower(email)` index. */
  @Column('text')
  email: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text')
  role: Role;

  @Column('text')
  status: UserStatus;

  /** Why an admin last suspended or reinstated the account. */
  @Column('text', { name: 'status_reason', nullable: true })
  statusReason: string | null;

  /** Null once the account is deleted: nobody can sign in to it again. */
  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash: string | null;

  /** Null until the person follows the link e-mailed at registration. */
  @Column('timestamptz', { name: 'email_verified_at', nullable: true })
  emailVerifiedAt: Date | null;

  @Column('text', { default: 'en' })
  locale: Locale;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}

/** The public shape of a user in API responses. */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

export function toUserView(user: UserEntity): UserView {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}

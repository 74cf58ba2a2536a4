import { EntityManager } from 'typeorm';

/**
 * What the contexts above identity must undo when an account is deleted, inside the deleting
 * transaction: the person leaves their organisation (a sole owner with other members is refused,
 * 409; the only member closes it when they delete the account themselves, `deleted`, but an account
 * unused for years, `inactive`, is kept instead), their pending invitations are withdrawn, their
 * live sign-ups are withdrawn so their places go to the waitlist, and what they wrote about
 * themselves goes. Identity defines the port and knows nothing of those contexts; the application
 * wires an implementation in with `AccountDeletionModule.register`.
 */
export interface AccountErasure {
  erase(manager: EntityManager, userId: string, why: ErasureReason): Promise<void>;
}

export type ErasureReason = 'deleted' | 'inactive';

export const ACCOUNT_ERASURE = Symbol('AccountErasure');

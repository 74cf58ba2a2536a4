import { EntityManager } from 'typeorm';

/**
 * What the contexts above identity must undo when an account is deleted, inside the deleting
 * transaction: the person leaves their organisation (a sole owner is refused, 409), their pending
 * invitations are withdrawn, their live sign-ups are withdrawn so their places go to the waitlist,
 * and what they wrote about themselves goes. Identity defines the port and knows nothing of those
 * contexts; the application wires an implementation in with `AccountDeletionModule.register`.
 */
export interface AccountErasure {
  erase(manager: EntityManager, userId: string): Promise<void>;
}

export const ACCOUNT_ERASURE = Symbol('AccountErasure');

import { EntityManager } from 'typeorm';

/**
 * What other contexts must undo when an account is deleted, inside the deleting transaction: the
 * person leaves their organisation (a sole owner with other members is refused, 409; the only
 * member closes it when they delete the account themselves, `deleted`, but an account unused for
 * years, `inactive`, is kept instead) and their live sign-ups are withdrawn so their places go to
 * the waitlist. Identity defines the port and knows nothing of sign-ups.
 */
export interface AccountErasure {
  erase(manager: EntityManager, userId: string, why: ErasureReason): Promise<void>;
}

export type ErasureReason = 'deleted' | 'inactive';

export const ACCOUNT_ERASURE = Symbol('AccountErasure');

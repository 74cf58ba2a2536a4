import { EntityManager } from 'typeorm';

/**
 * What other contexts must undo when an account is deleted, inside the deleting transaction: the
 * person leaves their organisation (a sole owner is refused, 409) and their live sign-ups are
 * withdrawn so their places go to the waitlist.
 * Identity defines the port and knows nothing of sign-ups.
 */
export interface AccountErasure {
  erase(manager: EntityManager, userId: string): Promise<void>;
}

export const ACCOUNT_ERASURE = Symbol('AccountErasure');

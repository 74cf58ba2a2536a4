import { EntityManager } from 'typeorm';

/**
 * What must happen above identity when a volunteer's phone number changes or goes, inside that
 * transaction: texts to them stop at once (a new number is unverified, a removed one is gone).
 * Identity defines the port and knows nothing of preferences; notifications answers it
 * (`PhoneTextsModule`), and the application wires it in with `PhoneModule.register`.
 */
export interface PhoneTexts {
  stop(manager: EntityManager, userId: string): Promise<void>;
}

export const PHONE_TEXTS = Symbol('PhoneTexts');

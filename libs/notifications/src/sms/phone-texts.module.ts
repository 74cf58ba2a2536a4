import { Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PHONE_TEXTS, PhoneTexts } from '@haven/identity';

/** Identity's PhoneTexts port: a changed or removed phone switches the volunteer's texts off. */
export const phoneTexts: PhoneTexts = {
  async stop(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('UPDATE notification_preferences SET sms = false WHERE user_id = $1', [userId]);
  },
};

/** Provides PHONE_TEXTS for `PhoneModule.register`. */
@Module({
  providers: [{ provide: PHONE_TEXTS, useValue: phoneTexts }],
  exports: [PHONE_TEXTS],
})
export class PhoneTextsModule {}

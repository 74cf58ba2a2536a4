import { DynamicModule, Module, Type } from '@nestjs/common';
import { PhoneLimiter } from './phone-limiter';
import { PhoneService } from './phone.service';

/**
 * A volunteer's phone, wired to the PhoneTexts port it requires: `texts` is the module that
 * exports PHONE_TEXTS (the notifications library's PhoneTextsModule). A process that changes
 * phones imports this; without the port it does not start.
 */
@Module({})
export class PhoneModule {
  static register(texts: Type): DynamicModule {
    return {
      module: PhoneModule,
      imports: [texts],
      providers: [PhoneLimiter, PhoneService],
      exports: [PhoneService],
    };
  }
}

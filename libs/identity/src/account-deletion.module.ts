import { DynamicModule, Module, Type } from '@nestjs/common';
import { AccountDeletionService } from './account-deletion.service';
import { IdentityModule } from './identity.module';
import { InactiveAccountsService } from './inactive-accounts.service';

/**
 * Account deletion, wired to the AccountErasure port it requires: `erasure` is the module that
 * exports ACCOUNT_ERASURE (the volunteering library's AccountErasureModule, which covers the
 * contexts above identity). A process that deletes accounts imports this; without an erasure it
 * does not start.
 */
@Module({})
export class AccountDeletionModule {
  static register(erasure: Type): DynamicModule {
    return {
      module: AccountDeletionModule,
      imports: [IdentityModule, erasure],
      providers: [AccountDeletionService, InactiveAccountsService],
      exports: [AccountDeletionService, InactiveAccountsService],
    };
  }
}

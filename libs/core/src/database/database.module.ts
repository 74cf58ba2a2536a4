import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { databaseOptions } from './database-options';
import { PreparingClient } from './preparing-client';
import { TransactionService } from './transaction.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // The running apps prepare their statements (see PreparingClient); the CLI and migrations do not.
      useFactory: (config: AppConfig) => {
        const options = databaseOptions(config);
        return { ...options, extra: { ...options.extra, Client: PreparingClient }, autoLoadEntities: true };
      },
    }),
  ],
  providers: [TransactionService],
  exports: [TransactionService],
})
export class DatabaseModule {}

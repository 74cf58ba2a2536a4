import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';
import { OutboxWriter } from '../outbox/outbox.writer';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditLogService } from './audit-log.service';

/** The audit log and the outbox: what every context writes beside its own state changes. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity, OutboxMessageEntity])],
  providers: [AuditLogService, OutboxWriter],
  exports: [AuditLogService, OutboxWriter],
})
export class AuditModule {}

export const CORE_ENTITIES = [AuditEntryEntity, OutboxMessageEntity];

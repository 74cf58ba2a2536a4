export * from './audit-entry.entity';
export * from './audit-log.service';
export * from './audit.module';
export * from '../outbox/outbox-message.entity';
export * from '../outbox/outbox.writer';
export * from '../outbox/stable-id';

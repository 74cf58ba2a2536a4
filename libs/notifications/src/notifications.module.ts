import { NotificationRetentionService } from './notification-retention.service';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VolunteeringModule } from '@haven/volunteering';
import { AccountMailService } from './account-mail.service';
import { DeliveryService } from './delivery.service';
import { DigestsService } from './digests.service';
import { EmailBatch, SentMarks } from './email-batch';
import { EmailChannel } from './email.channel';
import { NotificationPreferencesEntity } from './entities/notification-preferences.entity';
import { NotificationEntity } from './entities/notification.entity';
import { FeedService } from './feed.service';
import { OperationsStatsService } from './operations-stats.service';
import { OutboxRelay } from './outbox-relay.service';
import { PreferencesService } from './preferences.service';
import { RemindersService } from './reminders.service';
import { PhoneCodeSender } from './sms/phone-code.sender';
import { SmsDelivery } from './sms/sms-delivery';
import { SmsInboundService } from './sms/sms-inbound.service';
import { SmsChannel } from './sms/sms.channel';

export const NOTIFICATION_ENTITIES = [NotificationEntity, NotificationPreferencesEntity];

const SERVICES = [
  AccountMailService,
  DeliveryService,
  DigestsService,
  EmailBatch,
  EmailChannel,
  FeedService,
  NotificationRetentionService,
  OperationsStatsService,
  OutboxRelay,
  PreferencesService,
  RemindersService,
  PhoneCodeSender,
  SentMarks,
  SmsChannel,
  SmsDelivery,
  SmsInboundService,
];

@Module({
  imports: [VolunteeringModule, TypeOrmModule.forFeature(NOTIFICATION_ENTITIES)],
  providers: SERVICES,
  exports: SERVICES,
})
export class NotificationsModule {}

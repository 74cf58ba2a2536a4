import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { DestinationStream } from 'pino';
import {
  AppConfig,
  AuditModule,
  DatabaseModule,
  HavenConfigModule,
  HavenLoggerModule,
  JwtAuthGuard,
  QueueModule,
  RedisModule,
  RolesGuard,
  RouteMetadata,
  VerifiedEmailGuard,
} from '@haven/core';
import { AccountDeletionModule, IdentityHttpModule, IdentityModule, PhoneModule } from '@haven/identity';
import { NeedsModule } from '@haven/needs';
import { NotificationsModule, PhoneTextsModule } from '@haven/notifications';
import { OrganizationsModule } from '@haven/organizations';
import { ReportsModule } from '@haven/reports';
import { AccountErasureModule, TaskParticipantsModule, VolunteeringModule } from '@haven/volunteering';
import { BrowseCache } from './browse/browse-cache';
import { AdminController } from './admin/admin.controller';
import { QueuesSession } from './admin/queues-board';
import { CampsController } from './camps/camps.controller';
import { InvitationsController } from './organizations/invitations.controller';
import { OrganizationsController } from './organizations/organizations.controller';
import { AuthController } from './auth/auth.controller';
import { HealthController } from './health/health.controller';
import { MeController } from './me/me.controller';
import { NeedsController } from './needs/needs.controller';
import { PledgesController } from './needs/pledges.controller';
import { TasksController } from './needs/tasks.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { RateLimitGuard, RateLimitModule } from './rate-limit';
import { ReportsController } from './reports/reports.controller';
import { MeVolunteeringController } from './volunteering/me-volunteering.controller';
import { SafeguardingController } from './volunteering/safeguarding.controller';
import { SignupsController } from './volunteering/signups.controller';

/**
 * The guards every request passes, in order: limit by address first, then authenticate, then check
 * the role, then the e-mail. Also run, the same instances, by the browse fast path.
 */
export const REQUEST_GUARDS = [RateLimitGuard, JwtAuthGuard, RolesGuard, VerifiedEmailGuard] as const;

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        HavenConfigModule.forRoot(config),
        HavenLoggerModule.forRoot('api', logDestination),
        DatabaseModule,
        RedisModule,
        QueueModule.forRoot('producer'),
        RateLimitModule,
        TerminusModule.forRoot({ logger: false }),
        AuditModule,
        IdentityModule,
        IdentityHttpModule,
        AccountDeletionModule.register(AccountErasureModule),
        OrganizationsModule,
        NeedsModule.register(TaskParticipantsModule),
        VolunteeringModule,
        NotificationsModule,
        PhoneModule.register(PhoneTextsModule),
        ReportsModule,
      ],
      controllers: [
        AuthController,
        MeController,
        OrganizationsController,
        InvitationsController,
        CampsController,
        NeedsController,
        PledgesController,
        TasksController,
        SignupsController,
        MeVolunteeringController,
        SafeguardingController,
        NotificationsController,
        AdminController,
        ReportsController,
        HealthController,
      ],
      providers: [
        QueuesSession,
        BrowseCache,
        RouteMetadata,
        ...REQUEST_GUARDS,
        ...REQUEST_GUARDS.map((guard) => ({ provide: APP_GUARD, useExisting: guard })),
      ],
    };
  }
}

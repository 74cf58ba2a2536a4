import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AuditModule, DatabaseModule, HavenConfigModule, RedisModule } from '@haven/core';
import { IdentityModule } from '@haven/identity';
import { NeedsModule } from '@haven/needs';
import { OrganizationsModule } from '@haven/organizations';
import { TaskParticipantsModule, VolunteeringModule } from '@haven/volunteering';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        HavenConfigModule.forRoot(config),
        DatabaseModule,
        AuditModule,
        RedisModule,
        IdentityModule,
        OrganizationsModule,
        NeedsModule.register(TaskParticipantsModule),
        VolunteeringModule,
      ],
    };
  }
}

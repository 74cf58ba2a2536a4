import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '@haven/core';
import { ApiEnum, ApiInteger, ApiUuid, INT32_MAX } from '../../openapi/schema';

export class AuditLogQuery extends PageQuery {
  @ApiUuid({ required: false })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'organization', maxLength: 40 })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'must be an entity name such as organization' })
  entity?: string;

  @ApiPropertyOptional({ example: 'organization.approved', maxLength: 80 })
  @IsOptional()
  @Matches(/^[a-z_.]{1,80}$/, { message: 'must be an action such as organization.approved' })
  action?: string;
}

export class AuditEntryDto {
  @ApiUuid() id: string;
  @ApiUuid({ nullable: true, description: 'Null for the system' }) actorId: string | null;
  @ApiProperty({ example: 'organization.approved' }) action: string;
  @ApiProperty({ example: 'organization' }) entity: string;
  @ApiUuid() entityId: string;
  /** What happened, without personal data: ids and categories, never names, e-mails or reasons. */
  summary: string;
  createdAt: Date;
}

export class AccountStatusDto {
  @ApiUuid() id: string;
  displayName: string;
  @ApiEnum('Role') role: string;
  @ApiEnum('UserStatus') status: string;
  statusReason: string | null;
}

export class QueuesSessionDto {
  @ApiProperty({ example: '/admin/queues' }) path: string;
  @ApiInteger(1) expiresInSeconds: number;
}

export class OrganizationCountsDto {
  @ApiInteger(0) pending: number;
  @ApiInteger(0) approved: number;
  @ApiInteger(0) rejected: number;
  @ApiInteger(0) suspended: number;
}

export class UserCountsDto {
  @ApiInteger(0) admin: number;
  @ApiInteger(0) coordinator: number;
  @ApiInteger(0) volunteer: number;
  @ApiInteger(0) suspended: number;
}

export class NeedStatusCountsDto {
  @ApiInteger(0) open: number;
  @ApiInteger(0) filled: number;
  @ApiInteger(0) closed: number;
  @ApiInteger(0) cancelled: number;
}

export class UpcomingTaskCountsDto {
  @ApiInteger(0, INT32_MAX, { description: 'Open tasks still to start' }) upcoming: number;
  @ApiInteger(0, INT32_MAX, { description: 'Of those, with a free place' }) withSpace: number;
}

export class OutboxStatsDto {
  @ApiInteger(0) pending: number;
  @ApiProperty({ type: 'number', minimum: 0 }) oldestPendingSeconds: number;
  @ApiInteger(0) failedDeliveries: number;
}

export class QueueCountsDto {
  @ApiInteger(0) waiting: number;
  @ApiInteger(0) active: number;
  @ApiInteger(0) delayed: number;
  @ApiInteger(0) failed: number;
  @ApiInteger(0) paused: number;
}

export class QueuesStatsDto {
  system: QueueCountsDto;
  notifications: QueueCountsDto;
}

export class AdminStatsDto {
  organizations: OrganizationCountsDto;
  users: UserCountsDto;
  needs: NeedStatusCountsDto;
  tasks: UpcomingTaskCountsDto;
  outbox: OutboxStatsDto;
  queues: QueuesStatsDto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: string;
}

const report = () =>
  ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
    description: 'Admins only. By check (database, redis, notifications): its status and details',
  });

/** Terminus' health report: the status alone, and for admins what is up or down. */
export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status: string;
  @report() info?: Record<string, unknown>;
  @report() error?: Record<string, unknown>;
  @report() details?: Record<string, unknown>;
}

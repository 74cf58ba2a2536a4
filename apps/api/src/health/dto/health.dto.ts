import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: string;
}

const report = (required: boolean) =>
  (required ? ApiProperty : ApiPropertyOptional)({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
    description: 'By check (database, redis, notifications): its status and details',
  });

/** Terminus' health report. */
export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status: string;
  @report(false) info?: Record<string, unknown>;
  @report(false) error?: Record<string, unknown>;
  @report(true) details: Record<string, unknown>;
}

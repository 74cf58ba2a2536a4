import { ApiProperty } from '@nestjs/swagger';

export class MeOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() status: string;
  @ApiProperty({ enum: ['owner', 'coordinator'] }) memberRole: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['admin', 'coordinator', 'volunteer'] }) role: string;
  @ApiProperty({ type: MeOrganizationDto, nullable: true }) organization: MeOrganizationDto | null;
}

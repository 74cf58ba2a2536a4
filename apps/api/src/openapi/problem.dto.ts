import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'capacity', description: 'Dotted path of the field (`items.0.quantity`)' })
  field: string;

  @ApiProperty({ example: 'must be a whole number' })
  message: string;
}

/** RFC 9457 problem details: the body of every error response. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:haven:problem:validation', description: 'A stable code as a URN' })
  type: string;

  @ApiProperty({ example: 'Bad request' })
  title: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  status: number;

  @ApiPropertyOptional({ example: 'The request has invalid fields.' })
  detail?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'One entry per invalid field' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ format: 'uuid', description: 'On a 500 only: the id to find the error in the log' })
  errorId?: string;
}

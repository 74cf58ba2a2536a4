import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { FreeText, NoControlCharacters } from '@haven/core';
import { ApiEnum, ApiInteger, ApiUuid, INT32_MAX } from '../../openapi/schema';
import { IsAcceptablePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, UserView } from '@haven/identity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'sam.volunteer@example.org', maxLength: 254 })
  @Transform(trim)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @NoControlCharacters()
  @IsAcceptablePassword()
  password: string;

  @ApiProperty({
    example: 'Sam (volunteer)',
    minLength: 1,
    maxLength: 80,
    description: 'Passes the privacy guard',
  })
  @FreeText(80)
  displayName: string;

  @ApiEnum('RegistrationRole')
  @IsIn(['volunteer', 'coordinator'], { message: 'must be volunteer or coordinator' })
  role: 'volunteer' | 'coordinator';
}

export class LoginDto {
  @ApiProperty({ example: 'sam.volunteer@example.org' })
  @IsString()
  @NoControlCharacters()
  @MinLength(3)
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @NoControlCharacters()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class RefreshDto {
  @ApiPropertyOptional({ description: 'May be left out when the haven_refresh cookie carries it' })
  @IsOptional()
  @IsString()
  @NoControlCharacters()
  @Length(20, 200)
  refreshToken?: string;
}

export class UserDto implements UserView {
  @ApiUuid() id: string;
  @ApiProperty({ format: 'email' }) email: string;
  displayName: string;
  @ApiEnum('Role') role: UserView['role'];
}

export class SessionDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ description: 'JWT, valid for 15 minutes' }) accessToken: string;
  @ApiProperty({ description: 'Single use: each refresh returns a new one' }) refreshToken: string;
  @ApiInteger(1, INT32_MAX, { description: 'Seconds until the access token expires' }) expiresIn: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { FreeText, NoControlCharacters, Omittable } from '@haven/core';
import {
  IsAcceptablePassword,
  Locale,
  LOCALES,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '@haven/identity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The token of an e-mailed link (43 characters of base64url; a little slack for what clients send). */
export class AccountTokenDto {
  @ApiProperty({ description: 'The `token` parameter of the e-mailed link' })
  @IsString()
  @NoControlCharacters()
  @Length(20, 200)
  token: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'sam.volunteer@example.org', maxLength: 254 })
  @Transform(trim)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto extends AccountTokenDto {
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @NoControlCharacters()
  @IsAcceptablePassword()
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password in use now', maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @NoControlCharacters()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @NoControlCharacters()
  @IsAcceptablePassword()
  newPassword: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Sam (volunteer)', minLength: 1, maxLength: 80 })
  @Omittable()
  @FreeText(80)
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @Omittable()
  @IsIn(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;
}

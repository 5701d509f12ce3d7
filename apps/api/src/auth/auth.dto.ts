import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { EX } from '../common/api-docs';

const lower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class LoginDto {
  @ApiProperty({ example: 'curator@demo.karta' })
  @Transform(lower)
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'karta-demo-2024' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class TokenDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…' }) token!: string;
  @ApiProperty({ example: 43200, description: 'Seconds until the token expires' }) expiresIn!: number;
}

export class AcceptInviteDto {
  @ApiProperty({
    example: 'mJ1x3Qv9ZbT4kLr8NwYe2HsD6cFp0AuGi7oKqVtXzWA',
    description: 'The token from the invitation email',
  })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;

  @ApiProperty({ example: 'a-long-passphrase', minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;
}

export class RoleDto {
  @ApiProperty({ example: 'curator', enum: ['executor', 'head', 'curator', 'admin'] }) role!: string;
  @ApiProperty({ format: 'uuid', example: EX.ministry }) organizationId!: string;
  @ApiProperty({ example: 'Департамент образования и науки Костромской области' }) organizationName!: string;
  @ApiProperty({ format: 'uuid', example: EX.region }) regionId!: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid', example: EX.curator }) id!: string;
  @ApiProperty({ example: 'curator@demo.karta' }) email!: string;
  @ApiProperty({ example: 'Смирнова Анна Петровна' }) fullName!: string;
  @ApiProperty({ type: [RoleDto] }) roles!: RoleDto[];
  @ApiProperty({
    example: [{ userId: EX.head, fullName: 'Иванов Иван Иванович', from: '2024-07-01', to: '2024-07-14' }],
    description: 'People he stands in for today',
  })
  deputyFor!: Array<{ userId: string; fullName: string; from: string; to: string }>;
}

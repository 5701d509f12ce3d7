import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ORGANIZATION_KINDS, ROLES } from '@karta/domain';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const lower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateRegionDto {
  @ApiProperty({ example: 'kostroma' })
  @Matches(/^[a-z0-9-]{2,64}$/)
  code!: string;

  @ApiProperty({ example: 'Костромская область' })
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  name!: string;

  @ApiProperty({ example: 'Europe/Moscow', description: 'IANA time zone (Amur: Asia/Yakutsk)' })
  @IsString()
  @MaxLength(64)
  tz!: string;
}

export class CreateOrganizationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  regionId!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS, example: 'institute' })
  @IsIn(ORGANIZATION_KINDS)
  kind!: (typeof ORGANIZATION_KINDS)[number];

  @ApiProperty({ example: 'Костромской областной институт развития образования' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  name!: string;

  @ApiPropertyOptional({ example: 'ОГБОУ ДПО «КОИРО»' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  shortName?: string;

  @ApiPropertyOptional({ example: ['КОИРО', 'ЦНППМ'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  parentId?: string | null;
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {}

export class RoleInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId!: string;

  @ApiProperty({ enum: ROLES, example: 'executor' })
  @IsIn(ROLES)
  role!: (typeof ROLES)[number];
}

export class CreateUserDto {
  @ApiProperty({ example: 'ivanova@koiro.ru' })
  @Transform(lower)
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'Иванова Анна Сергеевна' })
  @IsString()
  @MinLength(3)
  @MaxLength(255)
  fullName!: string;

  @ApiPropertyOptional({ example: 'Руководитель ЦНППМ' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  position?: string;

  @ApiPropertyOptional({ type: [RoleInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RoleInputDto)
  roles?: RoleInputDto[];

  @ApiPropertyOptional({ example: true, description: 'Send an invitation email to set a password' })
  @IsOptional()
  @IsBoolean()
  invite?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Иванова Анна Сергеевна' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(255)
  fullName?: string;

  @ApiPropertyOptional({ example: 'Проректор' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  position?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateDeputyDto {
  @ApiProperty({ format: 'uuid', description: 'Who stands in' })
  @IsUUID()
  deputyId!: string;

  @ApiProperty({ example: '2024-07-01' })
  @Matches(ISO)
  from!: string;

  @ApiProperty({ example: '2024-07-14' })
  @Matches(ISO)
  to!: string;

  @ApiPropertyOptional({ example: 'Отпуск' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  reason?: string;
}

export class DirectoryImportDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  regionId!: string;
}

export class DirectoryImportFormDto extends DirectoryImportDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'CSV (`;` or `,`, UTF-8) or XLSX with a header row. Organizations: `name, short_name, kind, parent, aliases` (aliases separated by `|`). Users: `email, full_name, position, organization, role` (organization by name, short name or alias).',
  })
  file!: unknown;
}

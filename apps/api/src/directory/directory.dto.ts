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
import { EX } from '../common/api-docs';

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
  @ApiProperty({ format: 'uuid', example: EX.region })
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

  @ApiPropertyOptional({ format: 'uuid', nullable: true, example: EX.ministry })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  parentId?: string | null;
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {}

export class RoleInputDto {
  @ApiProperty({ format: 'uuid', example: EX.institute })
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
  @ApiProperty({ format: 'uuid', example: EX.executor2, description: 'Who stands in' })
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
  @ApiProperty({ format: 'uuid', example: EX.region })
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

// Answers (documentation only: the services return these shapes).

export class RegionDto {
  @ApiProperty({ format: 'uuid', example: EX.region }) id!: string;
  @ApiProperty({ example: 'demo' }) code!: string;
  @ApiProperty({ example: 'Демонстрационная область' }) name!: string;
  @ApiProperty({ example: 'Europe/Moscow', description: 'IANA time zone its dates are read in' }) tz!: string;
  @ApiProperty({ format: 'date-time', example: '2024-09-02T08:15:00.000Z' }) createdAt!: string;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid', example: EX.institute }) id!: string;
  @ApiProperty({ format: 'uuid', example: EX.region }) regionId!: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS, example: 'institute' }) kind!: string;
  @ApiProperty({ example: 'Демонстрационный институт развития образования' }) name!: string;
  @ApiProperty({ example: 'ГАУ ДПО «ДИРО»', nullable: true }) shortName!: string | null;
  @ApiProperty({
    type: [String],
    example: ['ДИРО', 'ЦНППМ', 'Центр непрерывного повышения профессионального мастерства'],
    description: 'Other names documents use; matched when a roadmap is imported',
  })
  aliases!: string[];
  @ApiProperty({ format: 'uuid', example: EX.ministry, nullable: true }) parentId!: string | null;
  @ApiProperty({ format: 'date-time', example: '2024-09-02T08:15:00.000Z' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', example: '2024-09-02T08:15:00.000Z' }) updatedAt!: string;
}

export class ImportReportDto {
  @ApiProperty({ example: 12 }) created!: number;
  @ApiProperty({ example: 1, description: 'Rows that matched an existing entry (and added to it)' })
  updated!: number;
  @ApiProperty({ example: 0, description: 'Rows that matched an existing entry and changed nothing' })
  skipped!: number;
  @ApiProperty({
    example: [{ row: 7, message: 'организация «ЦНППИМ» не найдена в справочнике региона' }],
    description: 'Rows not imported, numbered as in the file (the header is row 1)',
  })
  errors!: Array<{ row: number; message: string }>;
}

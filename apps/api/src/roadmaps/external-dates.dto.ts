import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export class ExternalDateDto {
  @ApiPropertyOptional({ example: '2024-09-16' })
  @IsOptional()
  @Matches(ISO, { context: { ru: 'ГГГГ-ММ-ДД' } })
  start?: string;

  @ApiProperty({ example: '2024-10-11' })
  @Matches(ISO)
  due!: string;

  @ApiPropertyOptional({ example: 'ВПР, осень 2024' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  label?: string;
}

export class ExternalDatesDto {
  @ApiProperty({
    type: [ExternalDateDto],
    example: [{ start: '2024-09-16', due: '2024-10-11', label: 'ВПР, осень 2024' }],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ExternalDateDto)
  occurrences!: ExternalDateDto[];
}

export class CorrectTermDto {
  @ApiProperty({ example: 'Ежеквартально, до 25 числа последнего месяца квартала' })
  @IsString()
  @MaxLength(500)
  term!: string;
}

export class CancelActivityDto {
  @ApiProperty({ example: 'Мероприятие исключено приказом министерства № 12 от 01.03.2024' })
  @IsString()
  @MaxLength(2000)
  reason!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, Matches, ValidateNested } from 'class-validator';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { EX, ROADMAP_TITLE } from '../common/api-docs';
import { PAST_DUE_ITEM } from './roadmap.examples';

export class ImportRoadmapBodyDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: EX.region,
    description: 'Region of the roadmap; needed only when the curator (or admin) has several',
  })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @ApiPropertyOptional({
    enum: ['auto', 'text', 'docx', 'pdf', 'html', 'xlsx'],
    default: 'auto',
    description: 'Detected from the bytes by default',
  })
  @IsOptional()
  @IsIn(['auto', 'text', 'docx', 'pdf', 'html', 'xlsx'])
  format?: 'auto' | 'text' | 'docx' | 'pdf' | 'html' | 'xlsx';
}

export class ImportRoadmapFileDto extends ImportRoadmapBodyDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'The roadmap document: text, DOCX, PDF, HTML or XLSX',
  })
  file!: unknown;
}

export class ImportedDraftDto {
  @ApiProperty({ format: 'uuid', example: EX.roadmap }) id!: string;
  @ApiProperty({ example: 8, description: 'Activities read from the document' }) activities!: number;
  @ApiProperty({ example: 3, description: 'Activities with something for a human to resolve before launch' })
  needsReview!: number;
  @ApiProperty({ example: 4, description: 'Launch blockers in total' }) blockers!: number;
  @ApiProperty({ example: ROADMAP_TITLE }) title!: string;
  @ApiProperty({ example: 'draft' }) status!: string;
}

export class UpdateActivityDto {
  @ApiPropertyOptional({ example: 'Корректировка положения о РС НМС' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  title?: string;

  @ApiPropertyOptional({ example: '1.2.' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  number?: string;

  @ApiPropertyOptional({ example: 'Декабрь 2024', description: 'A corrected term; re-parsed on save' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  term?: string;

  @ApiPropertyOptional({
    example: true,
    description: 'Accept the term as it reads although the parser flagged it',
  })
  @IsOptional()
  @IsBoolean()
  acceptTerm?: boolean;

  @ApiPropertyOptional({ example: 'Приказ об утверждении плана' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(4000)
  result?: string | null;
}

export class ResolveAssignmentDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: EX.institute,
    description: 'The organization meant (responsible), or whose part an executor is in',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: EX.executor, description: 'The person meant (executor)' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({
    example: false,
    description: 'The string names nobody to track (e.g. `зав. кафедрами`)',
  })
  @IsOptional()
  @IsBoolean()
  ignore?: boolean;

  @ApiPropertyOptional({ example: true, description: 'Make this responsible organization the lead one' })
  @IsOptional()
  @IsBoolean()
  lead?: boolean;
}

export class AddAssignmentDto {
  @ApiProperty({ enum: ['responsible', 'executor'], example: 'executor' })
  @IsIn(['responsible', 'executor'])
  kind!: 'responsible' | 'executor';

  @ApiPropertyOptional({ format: 'uuid', example: EX.institute })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid', example: EX.executor })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class AcceptWarningDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: EX.activity,
    description: 'The activity whose warning it is; omit for a document warning',
  })
  @IsOptional()
  @IsUUID()
  activityId?: string;

  @ApiProperty({ example: 0, description: 'Index of the warning in its list' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  index!: number;
}

export class AcceptSuggestionsDto {
  @ApiPropertyOptional({
    example: 0.8,
    default: 0.8,
    description: 'Accept each top suggestion scoring at least this',
  })
  @IsOptional()
  @IsNumber()
  @Min(0.5)
  @Max(1)
  minScore?: number;
}

export class CloseRoadmapDto {
  @ApiPropertyOptional({ example: 'Срок реализации плана истёк' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class BlockerDto {
  @ApiProperty({
    example: 'responsible',
    enum: [
      'term',
      'warning',
      'responsible',
      'executor',
      'no_responsible',
      'no_executor',
      'no_curator',
      'document_warning',
    ],
  })
  kind!: string;
  @ApiProperty({ format: 'uuid', nullable: true, example: EX.activity2 }) activityId!: string | null;
  @ApiProperty({ example: '2.3.', nullable: true }) number!: string | null;
  @ApiProperty({
    example: EX.assignment,
    nullable: true,
    description: 'The assignment id or warning index concerned',
  })
  ref!: string | number | null;
  @ApiProperty({ example: '№ 2.3.: ответственный «ЦНППИМ» не сопоставлен со справочником' }) message!: string;
}

export class LaunchResultDto {
  @ApiProperty({ format: 'uuid', example: EX.roadmap }) id!: string;
  @ApiProperty({ example: 'active' }) status!: string;
  @ApiProperty({ example: 8 }) activities!: number;
  @ApiProperty({ example: 14 }) occurrences!: number;
  @ApiProperty({
    example: { started: 8, pending: 0, failed: 0 },
    description: 'Workflow starts: delivered to Temporal, waiting (retried automatically), refused',
  })
  workflows!: {
    started: number;
    pending: number;
    failed: number;
  };
  @ApiProperty({
    description:
      'Occurrences already past on the launch day: the curator marks each done, re-plans it or keeps it overdue',
    example: [PAST_DUE_ITEM],
  })
  pastDue!: Array<{
    occurrenceId: string;
    activityId: string;
    number: string | null;
    title: string;
    due: string;
    status: string;
    decision: string | null;
  }>;
}

export class EscalationPolicyDto {
  @ApiPropertyOptional({
    example: 1,
    description: 'Level 1 (executor + head): working days after the due date',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  firstAfterWorkingDays?: number;

  @ApiPropertyOptional({ example: 5, description: 'Level 2 (curator): working days after level 1' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  curatorAfterWorkingDays?: number;

  @ApiPropertyOptional({ example: 7, description: 'Then every this many calendar days to all three' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  repeatEveryDays?: number;
}

/** Per-roadmap workflow policy (workflows/src/messages.ts `Policy`); only what differs from the defaults. */
export class RoadmapPolicyDto {
  @ApiPropertyOptional({ example: [10, 3, 0], description: 'Reminders, in working days before the due date' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(60, { each: true })
  reminderOffsets?: number[];

  @ApiPropertyOptional({ example: '09:00', description: 'Local time of reminders and escalations' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/)
  sendAt?: string;

  @ApiPropertyOptional({ type: EscalationPolicyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EscalationPolicyDto)
  escalation?: EscalationPolicyDto;

  @ApiPropertyOptional({ example: 5, description: 'Rework due, working days after a return' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  reworkWorkingDays?: number;

  @ApiPropertyOptional({
    enum: ['monthly', 'quarterly', 'halfyear', 'yearly'],
    example: 'quarterly',
    description: 'Progress checkpoints of continuous terms',
  })
  @IsOptional()
  @IsIn(['monthly', 'quarterly', 'halfyear', 'yearly'])
  checkpointCadence?: 'monthly' | 'quarterly' | 'halfyear' | 'yearly';

  @ApiPropertyOptional({ example: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  externalDatesReminderEveryDays?: number;
}

/** One occurrence of a roadmap, for the Gantt timeline. */
export class RoadmapOccurrenceDto {
  @ApiProperty({ format: 'uuid', example: EX.occurrence }) id!: string;
  @ApiProperty({ format: 'uuid', example: EX.activity }) activityId!: string;
  @ApiProperty({ example: '1.2.', nullable: true }) number!: string | null;
  @ApiProperty({ example: 'Корректировка положения о РС НМС' }) title!: string;
  @ApiProperty({
    example: 'Организационное обеспечение',
    nullable: true,
    description: 'The top-level section of the activity',
  })
  direction!: string | null;
  @ApiProperty({ example: '2024-01-09', nullable: true, description: 'Start of the window (YYYY-MM-DD)' })
  start!: string | null;
  @ApiProperty({ example: '2024-05-31', description: 'Current approved due date (YYYY-MM-DD)' }) due!: string;
  @ApiProperty({ example: '2024-05-31', description: 'The due date at launch' }) baselineDue!: string;
  @ApiProperty({
    example: 'open',
    enum: ['planned', 'open', 'submitted', 'returned', 'approved', 'cancelled'],
  })
  status!: string;
  @ApiProperty({ example: false, description: 'Past its due (or rework) date and not reported' })
  overdue!: boolean;
  @ApiProperty({ example: 'I полугодие 2024', nullable: true }) label!: string | null;
}

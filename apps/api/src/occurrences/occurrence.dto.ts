import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { EX } from '../common/api-docs';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export class SubmitEvidenceDto {
  @ApiPropertyOptional({ example: 'Положение утверждено, приказ во вложении' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({
    example: '872',
    description:
      'Required when the result is an order or a protocol (a deadline, not a progress checkpoint): its number',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  documentNumber?: string;

  @ApiPropertyOptional({
    example: '2024-05-31',
    description: 'Required with documentNumber: the document’s date',
  })
  @IsOptional()
  @Matches(ISO)
  documentDate?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The organization reported for, when the activity has several and the user is in more than one',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class SubmitEvidenceFormDto extends SubmitEvidenceDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    description: 'One or more files (PDF, Office/ODF, images, ZIP, text)',
  })
  files!: unknown[];
}

export class ApproveDto {
  @ApiPropertyOptional({ example: 'Принято' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({
    example: 'Приказ подписан позже из-за болезни ректора',
    description: 'Required when the report came late',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  outcomeReason?: string;
}

export class ReturnDto {
  @ApiProperty({ example: 'Приложите подписанный приказ, а не проект' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  comment!: string;

  @ApiPropertyOptional({ example: '2024-06-10', description: 'Rework due date; 5 working days by default' })
  @IsOptional()
  @Matches(ISO)
  reworkDue?: string;
}

export class DeadlineChangeRequestDto {
  @ApiProperty({ example: '2024-12-20' })
  @Matches(ISO)
  proposedDue!: string;

  @ApiProperty({ example: 'Перенос сроков курсов по решению Минпросвещения' })
  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  reason!: string;
}

export class DecisionDto {
  @ApiPropertyOptional({ example: 'Согласовано' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

export class DelayNoteDto {
  @ApiProperty({ example: 'Исполнитель на больничном до 15 мая; отчёт будет 20 мая' })
  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  note!: string;
}

export class PastDueDecisionDto {
  @ApiProperty({
    enum: ['done', 'replan', 'overdue'],
    example: 'replan',
    description:
      'done: it was done (files attached); replan: a new due date; overdue: keep it running as overdue',
  })
  @IsIn(['done', 'replan', 'overdue'])
  decision!: 'done' | 'replan' | 'overdue';

  @ApiPropertyOptional({ example: '2024-12-20', description: 'The new due date, for replan' })
  @IsOptional()
  @Matches(ISO)
  due?: string;

  @ApiPropertyOptional({
    example: 'Выполнено до утверждения дорожной карты',
    description: 'For done: the reason reported beside a late outcome',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;

  @ApiPropertyOptional({ example: 'Приказ № 872 от 31.05.2023' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({
    example: '872',
    description: 'For done, when the result is an order or a protocol: its number (required then)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  documentNumber?: string;

  @ApiPropertyOptional({ example: '2024-05-31', description: 'For done, with documentNumber: the document’s date' })
  @IsOptional()
  @Matches(ISO)
  documentDate?: string;
}

/** The multipart form of a past-due decision (`done` may attach the evidence; JSON without files works too). */
export class PastDueDecisionFormDto extends PastDueDecisionDto {
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    description: 'For done (multipart only): the evidence files, recorded on behalf of the lead executor',
  })
  files?: unknown[];
}

export class TaskDto {
  @ApiProperty({ format: 'uuid', example: EX.occurrence }) id!: string;
  @ApiProperty({ format: 'uuid', example: EX.activity }) activityId!: string;
  @ApiProperty({ format: 'uuid', example: EX.roadmap }) roadmapId!: string;
  @ApiProperty({
    example:
      'План мероприятий («дорожная карта») по развитию системы научно-методического сопровождения педагогических работников Демонстрационной области на период 2023-2025 годы',
    nullable: true,
  })
  roadmapTitle!: string | null;
  @ApiProperty({ example: '1.2.', nullable: true }) number!: string | null;
  @ApiProperty({ example: 'Проведение мониторинга профессиональных дефицитов педагогических работников' })
  title!: string;
  @ApiProperty({
    example: null,
    nullable: true,
    description: 'The checkpoint (`I квартал 2024`) or external-schedule label, if any',
  })
  label!: string | null;
  @ApiProperty({ example: 'deadline', enum: ['deadline', 'checkpoint'] }) kind!: string;
  @ApiProperty({ example: 'до 29.11.2024', description: 'The term as the document states it' }) term!: string;
  @ApiProperty({ example: 'Аналитическая справка', nullable: true }) result!: string | null;
  @ApiProperty({ example: '2024-11-29', description: 'Current approved due date (YYYY-MM-DD)' }) due!: string;
  @ApiProperty({ example: '2024-11-29', description: 'The due date at launch' }) baselineDue!: string;
  @ApiProperty({ example: null, nullable: true, description: 'Rework due date after a return' })
  reworkDue!: string | null;
  @ApiProperty({
    example: 'open',
    enum: ['planned', 'open', 'submitted', 'returned', 'approved', 'cancelled'],
  })
  status!: string;
  @ApiProperty({ example: false, description: 'Past its due (or rework) date and not reported' })
  overdue!: boolean;
  @ApiProperty({ example: true, description: 'Due within 14 days and not overdue' }) dueSoon!: boolean;
  @ApiProperty({
    example: 0,
    description: 'Escalations sent so far: 0 none, 1 executor and head, 2 and up the curator too',
  })
  escalationLevel!: number;
  @ApiProperty({
    example: 'Демонстрационный институт развития образования',
    nullable: true,
    description: 'The organization whose part it is',
  })
  organization!: string | null;
  @ApiProperty({ format: 'uuid', example: EX.institute, nullable: true }) organizationId!: string | null;
  @ApiProperty({
    example: 'Курсы перенесены федеральным оператором',
    nullable: true,
    description: 'The head’s latest note on the reason for delay, or null',
  })
  delayNote!: string | null;
}

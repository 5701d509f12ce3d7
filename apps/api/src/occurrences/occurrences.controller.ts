import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, CurrentUser } from '../common/auth.decorators';
import type { AuthUser } from '../common/auth-user';
import { Uuid } from '../common/params';
import { EvidenceService, UploadedEvidenceFile } from './evidence.service';
import {
  ApproveDto,
  DecisionDto,
  DeadlineChangeRequestDto,
  DelayNoteDto,
  PastDueDecisionDto,
  ReturnDto,
  SubmitEvidenceDto,
  SubmitEvidenceFormDto,
  TaskDto,
} from './occurrence.dto';
import { OccurrencesService } from './occurrences.service';
import { ReviewService } from './review.service';

const OCCURRENCE_EXAMPLE = {
  id: '5c0e…',
  activityId: '9a41…',
  roadmapId: '0b6f…',
  number: '2.3.',
  title: 'Проведение мониторинга…',
  term: 'Ноябрь 2024',
  due: '2024-11-29',
  baselineDue: '2024-11-29',
  status: 'open',
  overdue: false,
  escalationLevel: 0,
  reminders: [
    { at: '2024-11-15T06:00:00.000Z', kind: 'reminder', level: 'd10', sent: true },
    { at: '2024-11-26T06:00:00.000Z', kind: 'reminder', level: 'd3', sent: false },
    { at: '2024-12-02T06:00:00.000Z', kind: 'escalation', level: '1', sent: false },
  ],
  evidence: [
    {
      id: '…',
      version: 1,
      state: 'accepted',
      comment: 'Отчёт',
      files: [
        {
          id: '…',
          fileName: 'Отчёт.pdf',
          size: 48213,
          mimeType: 'application/pdf',
          sha256: '…',
          url: '/api/evidence/files/…',
        },
      ],
    },
  ],
  reviews: [{ id: '…', decision: 'return', comment: 'Нет подписи', reworkDue: '2024-12-06' }],
};
const REJECTED = {
  statusCode: 409,
  code: 'occurrence_state',
  message: 'Нельзя принять отчёт: мероприятие в статусе «в работе»',
};

@ApiTags('occurrences')
@Auth()
@Controller('occurrences')
export class OccurrencesController {
  constructor(
    private readonly occurrences: OccurrencesService,
    private readonly evidence: EvidenceService,
    private readonly reviews: ReviewService,
  ) {}

  @Get(':id')
  @ApiOperation({
    summary:
      'One occurrence with its planned and sent reminders/escalations, evidence versions, reviews and deadline changes',
  })
  @ApiOkResponse({ schema: { example: OCCURRENCE_EXAMPLE } })
  get(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.occurrences.get(user, id);
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'What happened to the occurrence (audit log): who, on whose behalf, when, before/after',
  })
  history(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.occurrences.history(user, id);
  }

  @Post(':id/evidence')
  @UseInterceptors(FilesInterceptor('files'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: SubmitEvidenceFormDto })
  @ApiOperation({
    summary:
      'Submit evidence (one or more files, optional comment; number and date for an order or protocol)',
  })
  @ApiCreatedResponse({
    schema: {
      example: {
        id: '…',
        version: 2,
        state: 'accepted',
        occurrence: { id: '…', status: 'submitted', due: '2024-11-29' },
        files: [{ fileName: 'Приказ.pdf', size: 48213, mimeType: 'application/pdf', sha256: '…' }],
      },
    },
  })
  @ApiAcceptedResponse({
    description: 'Recorded; the workflow is unreachable right now and gets it automatically later',
  })
  @ApiConflictResponse({
    schema: {
      example: {
        statusCode: 409,
        code: 'occurrence_state',
        message: 'Нельзя отправить отчёт: мероприятие в статусе «на проверке»',
      },
    },
  })
  submit(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @UploadedFiles() files: UploadedEvidenceFile[] | undefined,
    @Body() dto: SubmitEvidenceDto,
  ) {
    return this.evidence.submit(user, id, files, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Curator: accept the submitted evidence (a late one needs outcomeReason or a comment)',
  })
  @ApiOkResponse({
    schema: {
      example: {
        id: '…',
        decision: 'approve',
        occurrence: { id: '…', status: 'approved', outcome: 'выполнено' },
      },
    },
  })
  @ApiConflictResponse({ schema: { example: REJECTED } })
  approve(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: ApproveDto) {
    return this.reviews.approve(user, id, dto);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Curator: return the evidence for rework with a comment (rework due: 5 working days by default)',
  })
  @ApiOkResponse({
    schema: {
      example: {
        id: '…',
        decision: 'return',
        occurrence: { id: '…', status: 'returned', reworkDue: '2024-12-06' },
      },
    },
  })
  @ApiConflictResponse({ schema: { example: REJECTED } })
  return(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: ReturnDto) {
    return this.reviews.return(user, id, dto);
  }

  @Post(':id/deadline-changes')
  @ApiOperation({ summary: 'Ask to move the due date, with the reason; a curator decides' })
  @ApiCreatedResponse({
    schema: {
      example: {
        id: '…',
        occurrenceId: '…',
        currentDue: '2024-11-29',
        proposedDue: '2024-12-20',
        reason: '…',
        status: 'requested',
      },
    },
  })
  requestChange(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Body() dto: DeadlineChangeRequestDto,
  ) {
    return this.reviews.requestDeadlineChange(user, id, dto);
  }

  @Post(':id/delay-note')
  @HttpCode(200)
  @ApiOperation({ summary: 'Head (or curator): a note on the reason for delay' })
  delayNote(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: DelayNoteDto) {
    return this.occurrences.delayNote(user, id, dto.note);
  }

  @Post(':id/past-due')
  @HttpCode(200)
  @UseInterceptors(FilesInterceptor('files'))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiOperation({
    summary:
      'Curator: decide on an occurrence already past at launch — done (with files), replan (new due), or keep overdue',
  })
  pastDue(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Body() dto: PastDueDecisionDto,
    @UploadedFiles() files?: UploadedEvidenceFile[],
  ) {
    return this.reviews.pastDue(user, id, dto, files);
  }
}

@ApiTags('occurrences')
@Auth()
@Controller('deadline-changes')
export class DeadlineChangesController {
  constructor(private readonly reviews: ReviewService) {}

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Curator: approve a deadline change; the running workflow moves its reminders' })
  approve(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: DecisionDto) {
    return this.reviews.approveDeadlineChange(user, id, dto.comment);
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Curator: refuse a deadline change' })
  refuse(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: DecisionDto) {
    return this.reviews.refuseDeadlineChange(user, id, dto.comment);
  }
}

@ApiTags('occurrences')
@Auth()
@Controller('evidence')
export class EvidenceFilesController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get('files/:fileId')
  @ApiOperation({ summary: 'Download an evidence file (same access rule as its occurrence)' })
  async download(
    @CurrentUser() user: AuthUser,
    @Param('fileId', Uuid('fileId')) fileId: string,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.evidence.download(user, fileId);
    res
      .set({
        'Content-Type': file.mimeType,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'X-Content-Type-Options': 'nosniff',
      })
      .send(file.body);
  }
}

@ApiTags('me')
@Auth()
@Controller('me')
export class MeController {
  constructor(private readonly occurrences: OccurrencesService) {}

  @Get('tasks')
  @ApiOperation({
    summary:
      'My items: open, due soon, overdue, returned, waiting for review (and those of whom I deputise for today)',
  })
  @ApiQuery({ name: 'filter', required: false, enum: ['active', 'all'] })
  @ApiOkResponse({ type: [TaskDto] })
  tasks(@CurrentUser() user: AuthUser, @Query('filter') filter?: string) {
    return this.occurrences.tasks(user, filter === 'all' ? 'all' : 'active');
  }
}

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
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ALLOWED_EVIDENCE_MIME } from '@karta/domain';
import type { Response } from 'express';
import {
  ApiConflict,
  ApiForbidden,
  ApiInvalid,
  ApiNotFound,
  ApiUploadTooLarge,
  ApiWorkflowAction,
  EX,
  occurrenceState,
  ROADMAP_NOT_ACTIVE,
  uuidProblem,
  workflowRejected,
  problem,
} from '../common/api-docs';
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
  PastDueDecisionFormDto,
  ReturnDto,
  SubmitEvidenceDto,
  SubmitEvidenceFormDto,
  TaskDto,
} from './occurrence.dto';
import { decided, HISTORY_EXAMPLE, OCCURRENCE_EXAMPLE } from './occurrence.examples';
import { OccurrencesService } from './occurrences.service';
import { ReviewService } from './review.service';

const NOT_FOUND = ['occurrence_not_found', 'Мероприятие (срок) не найдено'] as const;
const NOT_ASSIGNED = 'Это мероприятие вам не назначено: нет доступа';
const REVIEWERS_ONLY = 'Решение по отчёту принимает куратор министерства этого региона';
const REASON_REQUIRED = problem(
  'reason_required',
  'Срок нарушен: укажите причину нарушения срока (комментарий или пояснение руководителя)',
  'comment',
);
const FILES_REQUIRED = problem('files_required', 'Приложите хотя бы один файл в поле files', 'files');
const DOCUMENT_NUMBER_REQUIRED = problem(
  'document_number_required',
  'Укажите номер документа (приказа, протокола)',
  'documentNumber',
);
const FILE_TYPE = problem(
  'file_type_not_allowed',
  'Файл «Отчёт.exe»: тип application/x-msdownload не принимается (нужны PDF, документы Office/ODF, изображения, архив ZIP или текст)',
  'files',
);
const COMMENT_TOO_LONG = {
  field: 'comment',
  constraint: 'maxLength',
  message: 'слишком длинное (максимум 4000 симв.)',
};
const CHANGE_DECIDED = problem('change_decided', 'По этому запросу уже принято решение');
const SUBMITTED = {
  id: EX.evidence,
  version: 2,
  state: 'accepted',
  occurrence: { id: EX.occurrence, status: 'submitted', due: '2024-11-29' },
  files: [
    {
      fileName: 'Справка по итогам мониторинга (подписана).pdf',
      size: 51877,
      mimeType: 'application/pdf',
      sha256: '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b',
    },
  ],
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
  @ApiOkResponse({
    description:
      '`reminders` holds planned and sent reminders and escalations (`sent`: handed to the mail outbox); `evidence` and `reviews` newest first',
    example: OCCURRENCE_EXAMPLE,
  })
  @ApiInvalid(uuidProblem())
  @ApiForbidden(NOT_ASSIGNED)
  @ApiNotFound(...NOT_FOUND)
  get(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.occurrences.get(user, id);
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'What happened to the occurrence (audit log): who, on whose behalf, when, before/after',
  })
  @ApiOkResponse({
    description:
      'Audit events of the occurrence, its evidence, reviews, deadline changes and its activity, oldest first',
    example: HISTORY_EXAMPLE,
  })
  @ApiInvalid(uuidProblem())
  @ApiForbidden(NOT_ASSIGNED)
  @ApiNotFound(...NOT_FOUND)
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
  @ApiWorkflowAction(
    201,
    SUBMITTED,
    'Отчёт не принят',
    'Recorded and accepted by the activity’s workflow; the occurrence waits for the curator',
    { state: 'pending', occurrence: { id: EX.occurrence, status: 'open', due: '2024-11-29' } },
  )
  @ApiInvalid(
    uuidProblem(),
    { field: 'documentDate', constraint: 'matches', message: 'неверный формат' },
    FILES_REQUIRED,
    DOCUMENT_NUMBER_REQUIRED,
    problem('document_date_required', 'Укажите дату документа', 'documentDate'),
    problem('too_many_files', 'Не больше 10 файлов за раз', 'files'),
    FILE_TYPE,
    problem('organization_not_in_activity', 'Организация не участвует в мероприятии', 'organizationId'),
  )
  @ApiForbidden('Отчёт отправляет исполнитель или руководитель ответственной организации')
  @ApiNotFound(...NOT_FOUND)
  @ApiConflict(
    occurrenceState('отправить отчёт', 'submitted', ['planned', 'open', 'returned']),
    ROADMAP_NOT_ACTIVE,
    workflowRejected('Отчёт не принят'),
  )
  @ApiUploadTooLarge()
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
  @ApiWorkflowAction(
    200,
    { id: EX.review, decision: 'approve', occurrence: decided('approved', { outcome: 'выполнено' }) },
    'Отчёт не принят',
    'The workflow closed the occurrence with its outcome',
    { occurrence: decided('submitted') },
  )
  @ApiInvalid(uuidProblem(), COMMENT_TOO_LONG, REASON_REQUIRED)
  @ApiForbidden(REVIEWERS_ONLY)
  @ApiNotFound(...NOT_FOUND)
  @ApiConflict(
    occurrenceState('принять отчёт', 'open', ['submitted']),
    ROADMAP_NOT_ACTIVE,
    workflowRejected('Отчёт не принят'),
  )
  approve(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: ApproveDto) {
    return this.reviews.approve(user, id, dto);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Curator: return the evidence for rework with a comment (rework due: 5 working days by default)',
  })
  @ApiWorkflowAction(
    200,
    {
      id: EX.review,
      decision: 'return',
      occurrence: decided('returned', { reworkDue: '2024-12-05' }),
    },
    'Отчёт не возвращён',
    'The workflow reopened the occurrence until the rework date',
    { occurrence: decided('submitted') },
  )
  @ApiInvalid(
    uuidProblem(),
    { field: 'comment', constraint: 'minLength', message: 'слишком короткое (минимум 1 симв.)' },
    { field: 'reworkDue', constraint: 'matches', message: 'неверный формат' },
    problem('bad_date', 'Срок доработки не может быть в прошлом', 'reworkDue'),
    problem('comment_required', 'Укажите, что нужно доработать', 'comment'),
  )
  @ApiForbidden(REVIEWERS_ONLY)
  @ApiNotFound(...NOT_FOUND)
  @ApiConflict(
    occurrenceState('вернуть отчёт на доработку', 'returned', ['submitted']),
    ROADMAP_NOT_ACTIVE,
    workflowRejected('Отчёт не возвращён'),
  )
  return(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: ReturnDto) {
    return this.reviews.return(user, id, dto);
  }

  @Post(':id/deadline-changes')
  @ApiOperation({ summary: 'Ask to move the due date, with the reason; a curator decides' })
  @ApiCreatedResponse({
    description: 'The request, waiting for a curator',
    example: {
      id: EX.deadlineChange,
      occurrenceId: EX.occurrence,
      currentDue: '2024-11-29',
      proposedDue: '2024-12-20',
      reason: 'Перенос сроков курсов по решению Минпросвещения',
      status: 'requested',
    },
  })
  @ApiInvalid(
    uuidProblem(),
    { field: 'proposedDue', constraint: 'matches', message: 'неверный формат' },
    { field: 'reason', constraint: 'minLength', message: 'слишком короткое (минимум 3 симв.)' },
    problem('same_due', 'Новый срок совпадает с текущим', 'proposedDue'),
  )
  @ApiForbidden('Перенос срока может запросить исполнитель, руководитель или куратор')
  @ApiNotFound(...NOT_FOUND)
  @ApiConflict(
    problem('change_pending', 'Запрос на перенос этого срока уже ожидает решения'),
    occurrenceState('перенести срок', 'approved', ['planned', 'open', 'submitted', 'returned']),
    ROADMAP_NOT_ACTIVE,
  )
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
  @ApiOkResponse({
    description: 'The note replaces the previous one; executors and the curator see it beside the item',
    example: { id: EX.occurrence, delayNote: 'Исполнитель на больничном до 15 мая; отчёт будет 20 мая' },
  })
  @ApiInvalid(uuidProblem(), {
    field: 'note',
    constraint: 'minLength',
    message: 'слишком короткое (минимум 3 симв.)',
  })
  @ApiForbidden('Пояснение о причине задержки пишет руководитель ответственной организации или куратор')
  @ApiNotFound(...NOT_FOUND)
  delayNote(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: DelayNoteDto) {
    return this.occurrences.delayNote(user, id, dto.note);
  }

  @Post(':id/past-due')
  @HttpCode(200)
  @UseInterceptors(FilesInterceptor('files'))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ type: PastDueDecisionFormDto })
  @ApiOperation({
    summary:
      'Curator: decide on an occurrence already past at launch — done (with files), replan (new due), or keep overdue',
  })
  @ApiOkResponse({
    description: 'What was decided',
    examples: {
      overdue: { summary: 'Kept running as overdue', value: { id: EX.occurrence, decision: 'overdue' } },
      replanned: {
        summary: 'Moved to a new due date (a deadline change approved at once)',
        value: { id: EX.occurrence, decision: 'replanned', due: '2024-12-20' },
      },
      done: {
        summary: 'Evidence recorded for the lead executor and approved, late, with the reason',
        value: {
          id: EX.occurrence,
          decision: 'done',
          occurrence: decided('approved', {
            due: '2024-11-08',
            outcome: 'выполнено с нарушением срока',
            outcomeReason: 'Выполнено до утверждения дорожной карты',
          }),
        },
      },
    },
  })
  @ApiAcceptedResponse({
    description:
      'The workflow is unreachable: the change (or the evidence) is kept and delivered later; the decision is not marked yet',
    example: {
      statusCode: 202,
      state: 'pending',
      message:
        'Перенос срока не применён: принято к отправке, процесс мероприятия временно недоступен — будет доставлено автоматически',
      id: EX.deadlineChange,
      status: 'requested',
      occurrenceId: EX.occurrence,
      due: '2024-12-20',
    },
  })
  @ApiInvalid(
    uuidProblem(),
    {
      field: 'decision',
      constraint: 'isIn',
      message: 'недопустимое значение (допустимо: done, replan, overdue)',
    },
    problem('due_required', 'Укажите новый срок (due)', 'due'),
    problem('bad_date', 'Новый срок не может быть в прошлом', 'due'),
    problem('reason_required', 'Срок прошёл до запуска: укажите причину для отчёта (reason)', 'reason'),
    FILES_REQUIRED,
    DOCUMENT_NUMBER_REQUIRED,
  )
  @ApiForbidden(REVIEWERS_ONLY)
  @ApiNotFound(...NOT_FOUND)
  @ApiConflict(
    problem('not_past_due', 'Срок не был просрочен на момент запуска'),
    problem('no_executor', 'У мероприятия нет исполнителя, от имени которого записать отчёт'),
    ROADMAP_NOT_ACTIVE,
    workflowRejected('Отчёт не принят'),
  )
  @ApiUploadTooLarge()
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
  @ApiWorkflowAction(
    200,
    { id: EX.deadlineChange, status: 'approved', occurrenceId: EX.occurrence, due: '2024-12-20' },
    'Перенос срока не применён',
    'The workflow moved the due date and re-planned the reminders',
    { status: 'requested' },
  )
  @ApiInvalid(uuidProblem(), COMMENT_TOO_LONG)
  @ApiForbidden(REVIEWERS_ONLY)
  @ApiNotFound('change_not_found', 'Запрос на перенос срока не найден')
  @ApiConflict(CHANGE_DECIDED, ROADMAP_NOT_ACTIVE, workflowRejected('Перенос срока не применён'))
  approve(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: DecisionDto) {
    return this.reviews.approveDeadlineChange(user, id, dto.comment);
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Curator: refuse a deadline change' })
  @ApiOkResponse({
    description: 'Refused; the due date stays',
    example: { id: EX.deadlineChange, status: 'refused' },
  })
  @ApiInvalid(uuidProblem(), COMMENT_TOO_LONG)
  @ApiForbidden(REVIEWERS_ONLY)
  @ApiNotFound('change_not_found', 'Запрос на перенос срока не найден')
  @ApiConflict(CHANGE_DECIDED)
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
  @ApiOkResponse({
    description:
      'The file as uploaded, under the type recognised from its content (one of /api/uploads/limits `mimeTypes`); named in Content-Disposition',
    content: Object.fromEntries(
      [...ALLOWED_EVIDENCE_MIME].map((m) => [m, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  @ApiInvalid(uuidProblem('fileId'))
  @ApiForbidden(NOT_ASSIGNED)
  @ApiNotFound('file_not_found', 'Файл не найден')
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
  @ApiOkResponse({ type: [TaskDto], description: 'Ordered by due date' })
  tasks(@CurrentUser() user: AuthUser, @Query('filter') filter?: string) {
    return this.occurrences.tasks(user, filter === 'all' ? 'all' : 'active');
  }
}

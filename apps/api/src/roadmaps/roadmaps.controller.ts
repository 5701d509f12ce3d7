import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiConflict,
  ApiForbidden,
  ApiInvalid,
  ApiNotFound,
  ApiUploadTooLarge,
  binary,
  EX,
  ROADMAP_NOT_ACTIVE,
  ROADMAP_NOT_DRAFT,
  uuidProblem,
  problem,
} from '../common/api-docs';
import { Auth, CurrentUser } from '../common/auth.decorators';
import type { AuthUser } from '../common/auth-user';
import { Uuid } from '../common/params';
import { CancelActivityDto, CorrectTermDto, ExternalDatesDto } from './external-dates.dto';
import { LaunchService } from './launch.service';
import {
  AcceptSuggestionsDto,
  AcceptWarningDto,
  AddAssignmentDto,
  BlockerDto,
  CloseRoadmapDto,
  ImportedDraftDto,
  ImportRoadmapBodyDto,
  ImportRoadmapFileDto,
  LaunchResultDto,
  ResolveAssignmentDto,
  RoadmapOccurrenceDto,
  RoadmapPolicyDto,
  UpdateActivityDto,
} from './roadmap.dto';
import { ASSIGNMENT, BLOCKED, PAST_DUE_ITEM, ROADMAP_DETAIL, ROADMAP_VIEW } from './roadmap.examples';
import { RoadmapsService, UploadedDocument } from './roadmaps.service';

const OTHER_REGION = 'Дорожная карта другого региона: нет доступа';
const ROADMAP_NOT_FOUND = ['roadmap_not_found', 'Дорожная карта не найдена'] as const;
const ACTIVITY_NOT_FOUND = problem('activity_not_found', 'Мероприятие не найдено в этой дорожной карте');
const ORG_NOT_IN_REGION = problem(
  'organization_not_in_region',
  'Организация не найдена в справочнике региона',
  'organizationId',
);
const USER_NOT_IN_REGION = problem(
  'user_not_in_region',
  'Сотрудник не найден в справочнике региона',
  'userId',
);
const USER_NOT_ALLOWED = problem('user_not_allowed', 'Ответственным может быть только организация', 'userId');
const ORGANIZATION_REQUIRED = problem(
  'organization_required',
  'Укажите организацию (organizationId)',
  'organizationId',
);
const ACTIVITY_GONE = problem('activity_not_found', 'Мероприятие не найдено');
const ACTIVITY_CANCELLED = problem('activity_cancelled', 'Мероприятие отменено');

@ApiTags('roadmaps')
@Auth()
@Controller('roadmaps')
export class RoadmapsController {
  constructor(
    private readonly roadmaps: RoadmapsService,
    private readonly launcher: LaunchService,
  ) {}

  @Post('import')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportRoadmapFileDto })
  @ApiOperation({
    summary: 'Upload a roadmap document; the importer reads it into a draft listing what needs a human',
  })
  @ApiCreatedResponse({
    type: ImportedDraftDto,
    description: 'The draft; GET /api/roadmaps/{id} lists what to resolve',
  })
  @ApiInvalid(
    uuidProblem('regionId'),
    {
      field: 'format',
      constraint: 'isIn',
      message: 'недопустимое значение (допустимо: auto, text, docx, pdf, html, xlsx)',
    },
    problem('file_required', 'Приложите файл дорожной карты в поле file', 'file'),
    problem('file_too_large', 'Файл больше 25 МБ', 'file'),
    problem('region_required', 'Укажите регион дорожной карты (regionId)', 'regionId'),
    problem('region_not_found', 'Регион не найден', 'regionId'),
    problem(
      'import_no_text_layer',
      'Не удалось прочитать документ: В PDF нет текстового слоя (скан?): распознайте текст, например ocrmypdf -l rus — the PDF has no text layer (a scan?); run OCR first',
      'file',
    ),
    problem('import_no_activities', 'В документе не найдено ни одного мероприятия', 'file'),
  )
  @ApiForbidden('Загружать дорожные карты могут кураторы министерства')
  @ApiUploadTooLarge()
  import(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: UploadedDocument | undefined,
    @Body() body: ImportRoadmapBodyDto,
  ): Promise<ImportedDraftDto> {
    return this.roadmaps.import(user, file, body);
  }

  @Get()
  @ApiOperation({ summary: 'Roadmaps of the regions the user belongs to (drafts for curators only)' })
  @ApiOkResponse({
    description: 'Newest first; `activities` is their number',
    example: [
      {
        ...ROADMAP_VIEW,
        status: 'active',
        version: 9,
        launchedAt: '2024-09-05T07:02:11.000Z',
        launchDate: '2024-09-05',
        activities: 8,
      },
    ],
  })
  list(@CurrentUser() user: AuthUser) {
    return this.roadmaps.list(user);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A roadmap with its activities, directory matches with ranked suggestions, and launch blockers',
  })
  @ApiOkResponse({
    description:
      'The roadmap with its import warnings, launch blockers and activities; each assignment carries the directory’s ranked suggestions',
    example: ROADMAP_DETAIL,
  })
  @ApiInvalid(uuidProblem())
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND)
  get(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.roadmaps.get(user, id);
  }

  @Get(':id/blockers')
  @ApiOperation({ summary: 'What still prevents the launch (empty when launchable)' })
  @ApiOkResponse({ type: [BlockerDto] })
  @ApiInvalid(uuidProblem())
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND)
  blockers(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.roadmaps.blockers(user, id);
  }

  @Get(':id/occurrences')
  @ApiOperation({
    summary:
      'Every occurrence of the roadmap with its dates, status and direction, for the timeline (curator of its region, admin)',
  })
  @ApiOkResponse({ type: [RoadmapOccurrenceDto], description: 'In plan order' })
  @ApiInvalid(uuidProblem())
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND)
  occurrences(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
  ): Promise<RoadmapOccurrenceDto[]> {
    return this.roadmaps.occurrences(user, id);
  }

  @Get(':id/source')
  @ApiOperation({ summary: 'The uploaded document, as uploaded' })
  @ApiOkResponse(
    binary(
      'application/octet-stream',
      'The bytes as uploaded, under the original name (Content-Disposition)',
    ),
  )
  @ApiInvalid(uuidProblem())
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND)
  async source(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const { fileName, body } = await this.roadmaps.source(user, id);
    res
      .set({
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      })
      .send(body);
  }

  @Patch(':id/activities/:activityId')
  @ApiOperation({
    summary:
      'Fix an activity of a draft: title, number, result, or the term (re-parsed on save), or accept a flagged term',
  })
  @ApiOkResponse({
    description: 'The activity as saved; `term` is the full parse of the (new) term',
    example: {
      id: EX.activity2,
      title: 'Реализация программ повышения квалификации по выявленным дефицитам',
      number: '2.3.',
      result: 'Программа ДПО, списки слушателей',
      term: {
        input: 'Декабрь 2024',
        kind: 'once',
        occurrences: [{ start: '2024-12-01', due: '2024-12-31' }],
        window: { start: '2024-12-01', end: '2024-12-31' },
        needsReview: false,
        schedule: {
          type: 'dates',
          items: [{ start: { unit: 'month', m: 12, y: 2024 }, end: { unit: 'month', m: 12, y: 2024 } }],
        },
        raw: 'Декабрь 2024',
      },
      termAccepted: false,
    },
  })
  @ApiInvalid(uuidProblem(), uuidProblem('activityId'), {
    field: 'title',
    constraint: 'minLength',
    message: 'слишком короткое (минимум 3 симв.)',
  })
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND, ACTIVITY_NOT_FOUND)
  @ApiConflict(ROADMAP_NOT_DRAFT)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Param('activityId', Uuid('activityId')) activityId: string,
    @Body() dto: UpdateActivityDto,
  ) {
    return this.roadmaps.updateActivity(user, id, activityId, dto);
  }

  @Delete(':id/activities/:activityId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a row the importer took for an activity' })
  @ApiNoContentResponse({ description: 'Removed, with its assignments' })
  @ApiInvalid(uuidProblem(), uuidProblem('activityId'))
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND, ACTIVITY_NOT_FOUND)
  @ApiConflict(ROADMAP_NOT_DRAFT)
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Param('activityId', Uuid('activityId')) activityId: string,
  ): Promise<void> {
    await this.roadmaps.deleteActivity(user, id, activityId);
  }

  @Post(':id/activities/:activityId/assignments')
  @ApiOperation({ summary: 'Add a responsible organization or an executor the document does not name' })
  @ApiCreatedResponse({
    description: 'The assignment, resolved',
    example: {
      ...ASSIGNMENT,
      id: 'e7a9c1e3-5b7d-4f9a-8c1e-3b5d7f9a1c28',
      kind: 'executor',
      position: 1,
      raw: '(добавлено вручную) Соколова Анна Викторовна',
      userId: EX.executor2,
      suggestions: [],
      lead: false,
    },
  })
  @ApiInvalid(
    uuidProblem(),
    uuidProblem('activityId'),
    {
      field: 'kind',
      constraint: 'isIn',
      message: 'недопустимое значение (допустимо: responsible, executor)',
    },
    ORG_NOT_IN_REGION,
    USER_NOT_IN_REGION,
    USER_NOT_ALLOWED,
    ORGANIZATION_REQUIRED,
    problem('target_required', 'Укажите исполнителя (userId) или организацию (organizationId)', 'userId'),
  )
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND, ACTIVITY_NOT_FOUND)
  @ApiConflict(ROADMAP_NOT_DRAFT)
  addAssignment(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Param('activityId', Uuid('activityId')) activityId: string,
    @Body() dto: AddAssignmentDto,
  ) {
    return this.roadmaps.addAssignment(user, id, activityId, dto);
  }

  @Patch(':id/assignments/:assignmentId')
  @ApiOperation({
    summary: 'Resolve a responsible/executor string: pick an organization or person, or ignore it',
  })
  @ApiOkResponse({ description: 'The assignment as saved', example: ASSIGNMENT })
  @ApiInvalid(
    uuidProblem(),
    uuidProblem('assignmentId'),
    ORG_NOT_IN_REGION,
    USER_NOT_IN_REGION,
    USER_NOT_ALLOWED,
    ORGANIZATION_REQUIRED,
    problem(
      'target_required',
      'Укажите исполнителя (userId) или организацию, чей руководитель исполняет (organizationId)',
      'userId',
    ),
  )
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(
    ...ROADMAP_NOT_FOUND,
    problem('assignment_not_found', 'Сопоставление не найдено'),
    ACTIVITY_NOT_FOUND,
  )
  @ApiConflict(ROADMAP_NOT_DRAFT)
  resolve(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Param('assignmentId', Uuid('assignmentId')) assignmentId: string,
    @Body() dto: ResolveAssignmentDto,
  ) {
    return this.roadmaps.resolveAssignment(user, id, assignmentId, dto);
  }

  @Post(':id/warnings/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Explicitly accept an import warning (of the document, or of one activity)' })
  @ApiOkResponse({
    description: 'The warning, now accepted',
    example: { accepted: { message: 'Строка 41: в ячейке «Срок» два значения', line: 41, accepted: true } },
  })
  @ApiInvalid(
    uuidProblem(),
    { field: 'index', constraint: 'min', message: 'слишком маленькое значение (минимум 0)' },
    problem('warning_not_found', 'Нет предупреждения с номером 3', 'index'),
  )
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND, ACTIVITY_NOT_FOUND)
  @ApiConflict(ROADMAP_NOT_DRAFT)
  acceptWarning(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Body() dto: AcceptWarningDto,
  ) {
    return this.roadmaps.acceptWarning(user, id, dto);
  }

  @Post(':id/suggestions/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept every top directory suggestion scoring at least minScore' })
  @ApiOkResponse({ description: 'How many assignments were resolved', example: { accepted: 14 } })
  @ApiInvalid(uuidProblem(), {
    field: 'minScore',
    constraint: 'min',
    message: 'слишком маленькое значение (минимум 0.5)',
  })
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND)
  @ApiConflict(ROADMAP_NOT_DRAFT)
  acceptSuggestions(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Body() dto: AcceptSuggestionsDto,
  ) {
    return this.roadmaps.acceptSuggestions(user, id, dto);
  }

  @Patch(':id/policy')
  @ApiOperation({
    summary:
      'Set the draft’s reminder/escalation/checkpoint policy (defaults: 10, 3, 0 working days; escalation +1/+5 working days, weekly)',
  })
  @ApiOkResponse({
    description: 'The policy as stored (only what differs from the defaults)',
    example: { id: EX.roadmap, policy: { reminderOffsets: [5, 1, 0], checkpointCadence: 'halfyear' } },
  })
  @ApiInvalid(
    uuidProblem(),
    {
      field: 'reminderOffsets',
      constraint: 'max',
      message: 'слишком большое значение (максимум 60)',
    },
    { field: 'sendAt', constraint: 'matches', message: 'неверный формат' },
  )
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND)
  @ApiConflict(ROADMAP_NOT_DRAFT)
  setPolicy(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: RoadmapPolicyDto) {
    return this.roadmaps.setPolicy(user, id, dto);
  }

  @Post(':id/launch')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Launch: one workflow per activity. Refused with the blockers list while anything is unresolved; launching twice is harmless',
  })
  @ApiOkResponse({ type: LaunchResultDto })
  @ApiInvalid(uuidProblem())
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND)
  @ApiConflict(BLOCKED, problem('roadmap_closed', 'Дорожная карта закрыта: запуск невозможен'))
  launch(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.launcher.launch(user, id);
  }

  @Get(':id/past-due')
  @ApiOperation({
    summary: 'Occurrences already past on the launch day, with the curator’s decision for each',
  })
  @ApiOkResponse({
    description:
      '`decision`: pending, done, replanned or overdue (POST /api/occurrences/{id}/past-due decides)',
    example: [PAST_DUE_ITEM],
  })
  @ApiInvalid(uuidProblem())
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND)
  pastDue(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.launcher.pastDue(user, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close an active roadmap; its workflows finish' })
  @ApiOkResponse({
    description: 'Closed (closing a closed roadmap again is harmless)',
    example: { id: EX.roadmap, status: 'closed' },
  })
  @ApiInvalid(uuidProblem(), {
    field: 'reason',
    constraint: 'maxLength',
    message: 'слишком длинное (максимум 2000 симв.)',
  })
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(...ROADMAP_NOT_FOUND)
  @ApiConflict(problem('roadmap_not_active', 'Черновик не запущен: закрывать нечего'))
  close(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: CloseRoadmapDto) {
    return this.launcher.close(user, id, dto.reason);
  }
}

@ApiTags('roadmaps')
@Auth()
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly launcher: LaunchService) {}

  @Post(':id/external-dates')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Enter the dates of an external-schedule term (`по графику ФИОКО`); the running workflow takes them',
  })
  @ApiOkResponse({
    description:
      '`state`: delivered (the workflow took the dates) or pending (Temporal unreachable: delivered automatically later)',
    example: {
      state: 'delivered',
      occurrences: [{ id: EX.occurrence, start: '2024-09-16', due: '2024-10-11' }],
    },
  })
  @ApiInvalid(
    uuidProblem(),
    {
      field: 'occurrences',
      constraint: 'arrayMinSize',
      message: 'слишком мало элементов (1 минимум)',
    },
    { field: 'occurrences.0.due', constraint: 'matches', message: 'неверный формат' },
    problem('bad_date', 'Даты должны быть в формате ГГГГ-ММ-ДД', 'occurrences'),
    problem('bad_range', 'Начало позже срока', 'occurrences'),
  )
  @ApiForbidden('Даты вносит куратор региона')
  @ApiNotFound(ACTIVITY_GONE.code, ACTIVITY_GONE.message)
  @ApiConflict(
    ROADMAP_NOT_ACTIVE,
    problem('workflow_rejected', 'Процесс мероприятия отклонил даты: Дорожная карта закрыта'),
  )
  externalDates(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Body() dto: ExternalDatesDto,
  ) {
    return this.launcher.setExternalDates(user, id, dto.occurrences);
  }

  @Post(':id/term')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Curator: correct the term of a running activity; re-parsed, re-planned, applied by its workflow without a restart',
  })
  @ApiOkResponse({
    description:
      'The re-planned occurrences (unfinished ones keep their ids) and those cancelled; `state` as for external dates',
    example: {
      state: 'delivered',
      term: { raw: 'до 20.12.2024', kind: 'once' },
      occurrences: [{ id: EX.occurrence, start: null, due: '2024-12-20' }],
      cancelled: [],
    },
  })
  @ApiInvalid(
    uuidProblem(),
    { field: 'term', constraint: 'maxLength', message: 'слишком длинное (максимум 500 симв.)' },
    problem('term_unknown', 'Срок «после согласования» не распознан: уточните формулировку', 'term'),
    problem(
      'term_outside_period',
      'Срок «до 20.12.2027» не даёт ни одной даты в периоде дорожной карты',
      'term',
    ),
  )
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(
    ACTIVITY_GONE.code,
    ACTIVITY_GONE.message,
    problem('roadmap_not_found', 'Дорожная карта не найдена'),
  )
  @ApiConflict(
    ROADMAP_NOT_ACTIVE,
    ACTIVITY_CANCELLED,
    problem('workflow_rejected', 'Процесс мероприятия отклонил исправление срока: Дорожная карта закрыта'),
  )
  correctTerm(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: CorrectTermDto) {
    return this.launcher.correctTerm(user, id, dto.term);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Curator: cancel a running activity (its workflow stops reminding)' })
  @ApiOkResponse({
    description:
      'Cancelled here at once; `delivery` says whether the workflow has taken it (delivered), will later (pending) or refused (rejected)',
    example: { id: EX.activity, cancelled: true, delivery: 'delivered' },
  })
  @ApiInvalid(uuidProblem(), {
    field: 'reason',
    constraint: 'isString',
    message: 'должно быть строкой',
  })
  @ApiForbidden(OTHER_REGION)
  @ApiNotFound(
    ACTIVITY_GONE.code,
    ACTIVITY_GONE.message,
    problem('roadmap_not_found', 'Дорожная карта не найдена'),
  )
  @ApiConflict(ROADMAP_NOT_ACTIVE, ACTIVITY_CANCELLED)
  cancel(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: CancelActivityDto) {
    return this.launcher.cancelActivity(user, id, dto.reason);
  }
}

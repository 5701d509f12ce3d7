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
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
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
import { RoadmapsService, UploadedDocument } from './roadmaps.service';

const BLOCKED_EXAMPLE = {
  statusCode: 409,
  code: 'launch_blocked',
  message: 'Запуск невозможен: нерешённых вопросов — 2',
  blockers: [
    {
      kind: 'responsible',
      activityId: '…',
      number: '1.2.',
      ref: '…',
      message: '№ 1.2.: ответственный «ЦНППИМ» не сопоставлен со справочником',
    },
    {
      kind: 'term',
      activityId: '…',
      number: '2.1.',
      ref: null,
      message: '№ 2.1.: срок «по мере необходимости» не распознан однозначно',
    },
  ],
};

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
  @ApiCreatedResponse({ type: ImportedDraftDto })
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
    schema: {
      example: [
        {
          id: '…',
          title: 'Дорожная карта…',
          status: 'active',
          activities: 12,
          period: { from: '2023-01-01', to: '2024-12-31' },
        },
      ],
    },
  })
  list(@CurrentUser() user: AuthUser) {
    return this.roadmaps.list(user);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A roadmap with its activities, directory matches with ranked suggestions, and launch blockers',
  })
  @ApiOkResponse({
    schema: {
      example: {
        id: '…',
        title: 'Дорожная карта…',
        status: 'draft',
        blockers: [BLOCKED_EXAMPLE.blockers[0]],
        activities: [
          {
            id: '…',
            number: '1.2.',
            title: 'Корректировка положения',
            term: { raw: 'Февраль, 2023', kind: 'once', needsReview: false },
            assignments: [
              {
                id: '…',
                kind: 'responsible',
                raw: 'ЦНППИМ',
                status: 'suggested',
                suggestions: [
                  {
                    id: '…',
                    label: 'Центр непрерывного повышения профессионального мастерства (ЦНППМ)',
                    score: 0.84,
                    reason: 'typo',
                  },
                ],
              },
            ],
          },
        ],
      },
    },
  })
  get(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.roadmaps.get(user, id);
  }

  @Get(':id/blockers')
  @ApiOperation({ summary: 'What still prevents the launch (empty when launchable)' })
  @ApiOkResponse({ type: [BlockerDto] })
  blockers(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.roadmaps.blockers(user, id);
  }

  @Get(':id/occurrences')
  @ApiOperation({
    summary:
      'Every occurrence of the roadmap with its dates, status and direction, for the timeline (curator of its region, admin)',
  })
  @ApiOkResponse({ type: [RoadmapOccurrenceDto] })
  occurrences(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
  ): Promise<RoadmapOccurrenceDto[]> {
    return this.roadmaps.occurrences(user, id);
  }

  @Get(':id/source')
  @ApiOperation({ summary: 'The uploaded document, as uploaded' })
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
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Param('activityId', Uuid('activityId')) activityId: string,
  ): Promise<void> {
    await this.roadmaps.deleteActivity(user, id, activityId);
  }

  @Post(':id/activities/:activityId/assignments')
  @ApiOperation({ summary: 'Add a responsible organization or an executor the document does not name' })
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
  @ApiOkResponse({ schema: { example: { accepted: 14 } } })
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
    schema: { example: { id: '…', policy: { reminderOffsets: [5, 1, 0], checkpointCadence: 'halfyear' } } },
  })
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
  @ApiConflictResponse({ schema: { example: BLOCKED_EXAMPLE } })
  launch(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.launcher.launch(user, id);
  }

  @Get(':id/past-due')
  @ApiOperation({
    summary: 'Occurrences already past on the launch day, with the curator’s decision for each',
  })
  pastDue(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.launcher.pastDue(user, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close an active roadmap; its workflows finish' })
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
    schema: {
      example: { state: 'delivered', occurrences: [{ id: '…', start: '2024-09-16', due: '2024-10-11' }] },
    },
  })
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
    schema: {
      example: {
        state: 'delivered',
        term: { raw: 'до 20.12.2024', kind: 'once' },
        occurrences: [{ id: '…', start: null, due: '2024-12-20' }],
        cancelled: [],
      },
    },
  })
  correctTerm(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: CorrectTermDto) {
    return this.launcher.correctTerm(user, id, dto.term);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Curator: cancel a running activity (its workflow stops reminding)' })
  cancel(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: CancelActivityDto) {
    return this.launcher.cancelActivity(user, id, dto.reason);
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiForbidden, ApiInvalid, ApiNotFound, EX, TASK_EXAMPLE, uuidProblem } from '../common/api-docs';
import { Auth, CurrentUser } from '../common/auth.decorators';
import type { AuthUser } from '../common/auth-user';
import { Uuid } from '../common/params';
import { ReviewQueueItemDto } from './curators.dto';
import { CuratorsService } from './curators.service';

const CURATORS_ONLY = 'Раздел куратора министерства';

@ApiTags('curators')
@Auth()
@Controller()
export class CuratorsController {
  constructor(private readonly curators: CuratorsService) {}

  @Get('curators/review-queue')
  @ApiOperation({ summary: 'Curator: submitted evidence waiting for a decision in his region, oldest first' })
  @ApiOkResponse({
    type: [ReviewQueueItemDto],
    example: [
      {
        ...TASK_EXAMPLE,
        status: 'submitted',
        dueSoon: false,
        organization: null,
        organizationId: null,
        evidence: {
          id: EX.evidence,
          version: 1,
          submittedAt: '2024-11-27T09:41:12.000Z',
          submittedBy: 'Иванова Мария Сергеевна',
        },
      },
    ],
  })
  @ApiForbidden(CURATORS_ONLY)
  reviewQueue(@CurrentUser() user: AuthUser) {
    return this.curators.reviewQueue(user);
  }

  @Get('curators/deadline-changes')
  @ApiOperation({ summary: 'Curator: deadline change requests in his region' })
  @ApiQuery({ name: 'status', required: false, enum: ['requested', 'approved', 'refused'] })
  @ApiOkResponse({
    description: 'Oldest first; any other `status` value reads as `requested`',
    example: [
      {
        id: EX.deadlineChange,
        occurrenceId: EX.occurrence,
        number: '2.3.',
        title: 'Реализация программ повышения квалификации по выявленным дефицитам',
        currentDue: '2024-11-29',
        proposedDue: '2024-12-20',
        reason: 'Перенос сроков курсов по решению Минпросвещения',
        status: 'requested',
        requestedBy: 'Иванова Мария Сергеевна',
        createdAt: '2024-11-20T07:12:45.000Z',
      },
    ],
  })
  @ApiForbidden(CURATORS_ONLY)
  deadlineChanges(@CurrentUser() user: AuthUser, @Query('status') status?: string) {
    return this.curators.deadlineChanges(
      user,
      ['requested', 'approved', 'refused'].includes(status ?? '') ? status : 'requested',
    );
  }

  @Get('roadmaps/:id/progress')
  @ApiOperation({ summary: 'Progress of a roadmap: counts by status and direction, overdue by organization' })
  @ApiOkResponse({
    description:
      'Counts of occurrences; `byDirection` by the top-level section, `byOrganization` by responsible organization (most overdue first)',
    example: {
      roadmapId: EX.roadmap,
      asOf: '2024-06-03',
      total: 31,
      overdue: 4,
      byStatus: { planned: 12, open: 8, submitted: 3, returned: 1, approved: 7, cancelled: 0 },
      byOutcome: { выполнено: 5, 'выполнено с нарушением срока': 2 },
      byDirection: [
        {
          direction: 'Направление 1 «Управление системой научно-методического сопровождения»',
          total: 10,
          approved: 4,
          overdue: 1,
          byStatus: { open: 3, submitted: 2, approved: 4, returned: 1 },
        },
      ],
      byOrganization: [
        {
          organizationId: EX.institute,
          name: 'Демонстрационный институт развития образования',
          total: 14,
          overdue: 3,
          approved: 5,
        },
      ],
    },
  })
  @ApiInvalid(uuidProblem())
  @ApiForbidden('Дорожная карта другого региона: нет доступа')
  @ApiNotFound('roadmap_not_found', 'Дорожная карта не найдена')
  progress(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.curators.progress(user, id);
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ApiConflict,
  ApiForbidden,
  ApiInvalid,
  ApiNotFound,
  ApiWorkflowAction,
  EX,
  ROADMAP_NOT_ACTIVE,
  TASK_EXAMPLE,
  uuidProblem,
  workflowRejected,
  problem,
} from '../common/api-docs';
import { Auth, CurrentUser } from '../common/auth.decorators';
import type { AuthUser } from '../common/auth-user';
import { Uuid } from '../common/params';
import { HeadsOverviewDto, ReassignDto } from './heads.dto';
import { HeadsService } from './heads.service';

@ApiTags('heads')
@Auth()
@Controller()
export class HeadsController {
  constructor(private readonly heads: HeadsService) {}

  @Get('heads/overview')
  @ApiOperation({ summary: 'Head: overdue and due-soon items of his organization and its children' })
  @ApiQuery({ name: 'days', required: false, example: 14 })
  @ApiOkResponse({
    type: HeadsOverviewDto,
    example: {
      organizationIds: [EX.institute],
      overdue: [
        {
          ...TASK_EXAMPLE,
          id: EX.occurrence2,
          activityId: EX.activity2,
          number: '1.1.',
          title: 'Актуализация регионального положения о системе научно-методического сопровождения',
          term: 'до 08.11.2024',
          result: 'Приказ министерства об утверждении положения',
          due: '2024-11-08',
          baselineDue: '2024-11-08',
          overdue: true,
          dueSoon: false,
          escalationLevel: 2,
          delayNote: 'Приказ на подписи у министра',
          executors: 'Иванова Мария Сергеевна',
        },
      ],
      dueSoon: [{ ...TASK_EXAMPLE, executors: 'Иванова Мария Сергеевна' }],
    },
  })
  @ApiBadRequestResponse({
    description: '`days` is not a whole number (it is clamped to 1…90 otherwise)',
    example: {
      statusCode: 400,
      message: 'Validation failed (numeric string is expected)',
      error: 'Bad Request',
    },
  })
  @ApiForbidden('Раздел руководителя: вы не руководите организацией')
  overview(
    @CurrentUser() user: AuthUser,
    @Query('days', new ParseIntPipe({ optional: true })) days?: number,
  ) {
    return this.heads.overview(user, Math.min(Math.max(days ?? 14, 1), 90));
  }

  @Post('activities/:id/executors')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Head (or curator): replace the executors of his organization’s part of an activity',
  })
  @ApiWorkflowAction(
    200,
    {
      activityId: EX.activity,
      organizationId: EX.institute,
      executors: [{ userId: EX.executor2, fullName: 'Соколова Анна Викторовна' }],
    },
    'Переназначение не применено',
    'The running workflow took the new executors; reminders go to them from now on',
  )
  @ApiInvalid(
    uuidProblem(),
    { field: 'userIds', constraint: 'arrayMinSize', message: 'слишком мало элементов (1 минимум)' },
    problem('organization_not_in_activity', 'Организация не участвует в мероприятии', 'organizationId'),
    {
      code: 'user_not_in_organization',
      message: 'Исполнителем можно назначить только сотрудника этой организации (или подведомственной)',
      field: 'userIds',
      userIds: [EX.executor2],
    },
  )
  @ApiForbidden('Переназначить исполнителя может руководитель этой организации или куратор')
  @ApiNotFound('activity_not_found', 'Мероприятие не найдено')
  @ApiConflict(ROADMAP_NOT_ACTIVE, workflowRejected('Переназначение не применено'))
  reassign(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: ReassignDto) {
    return this.heads.reassign(user, id, dto);
  }
}

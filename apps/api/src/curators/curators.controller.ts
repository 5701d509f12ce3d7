import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth.decorators';
import type { AuthUser } from '../common/auth-user';
import { Uuid } from '../common/params';
import { CuratorsService } from './curators.service';

@ApiTags('curators')
@Auth()
@Controller()
export class CuratorsController {
  constructor(private readonly curators: CuratorsService) {}

  @Get('curators/review-queue')
  @ApiOperation({ summary: 'Curator: submitted evidence waiting for a decision in his region, oldest first' })
  reviewQueue(@CurrentUser() user: AuthUser) {
    return this.curators.reviewQueue(user);
  }

  @Get('curators/deadline-changes')
  @ApiOperation({ summary: 'Curator: deadline change requests in his region' })
  @ApiQuery({ name: 'status', required: false, enum: ['requested', 'approved', 'refused'] })
  deadlineChanges(@CurrentUser() user: AuthUser, @Query('status') status?: string) {
    return this.curators.deadlineChanges(
      user,
      ['requested', 'approved', 'refused'].includes(status ?? '') ? status : 'requested',
    );
  }

  @Get('roadmaps/:id/progress')
  @ApiOperation({ summary: 'Progress of a roadmap: counts by status and direction, overdue by organization' })
  @ApiOkResponse({
    schema: {
      example: {
        roadmapId: '…',
        asOf: '2024-06-03',
        total: 31,
        overdue: 4,
        byStatus: { planned: 12, open: 8, submitted: 3, returned: 1, approved: 7, cancelled: 0 },
        byDirection: [{ direction: 'Направление 1 «Управление…»', total: 10, approved: 4, overdue: 1 }],
        byOrganization: [
          { organizationId: '…', name: 'ОГБОУ ДПО «КОИРО»', total: 14, overdue: 3, approved: 5 },
        ],
      },
    },
  })
  progress(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.curators.progress(user, id);
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth.decorators';
import type { AuthUser } from '../common/auth-user';
import { Uuid } from '../common/params';
import { ReassignDto } from './heads.dto';
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
    schema: {
      example: {
        organizationIds: ['…'],
        overdue: [
          {
            id: '…',
            title: '…',
            due: '2024-05-31',
            status: 'open',
            overdue: true,
            organization: 'ОГБОУ ДПО «КОИРО»',
            executors: 'Иванова А. А.',
            delayNote: 'Приказ на подписи у ректора',
          },
        ],
        dueSoon: [],
      },
    },
  })
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
  reassign(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: ReassignDto) {
    return this.heads.reassign(user, id, dto);
  }
}

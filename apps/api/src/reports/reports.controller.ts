import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, CurrentUser } from '../common/auth.decorators';
import type { AuthUser } from '../common/auth-user';
import { Uuid } from '../common/params';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('roadmaps/:id/export.xlsx')
  @Auth()
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary: 'XLSX report of a roadmap’s execution, in Russian: one row per activity and occurrence',
  })
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const { fileName, body } = await this.reports.exportXlsx(user, id);
    res
      .set({
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="roadmap.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      })
      .send(body);
  }

  @Get('me/calendar')
  @Auth()
  @ApiOperation({ summary: 'The secret URL of my iCalendar feed of due dates' })
  @ApiOkResponse({ schema: { example: { url: 'http://localhost:3000/api/calendar/q4Xo…Zg.ics' } } })
  calendarLink(@CurrentUser() user: AuthUser) {
    return this.reports.calendarLink(user);
  }

  @Post('me/calendar/rotate')
  @HttpCode(200)
  @Auth()
  @ApiOperation({ summary: 'Issue a new secret calendar URL (the old one stops working)' })
  rotate(@CurrentUser() user: AuthUser) {
    return this.reports.calendarLink(user, true);
  }

  @Get('calendar/:file')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary: 'Personal iCalendar feed; the secret token in the URL is the credential (`<token>.ics`)',
  })
  async calendar(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const token = file.replace(/\.ics$/u, '');
    const body = await this.reports.calendar(/^[A-Za-z0-9_-]{20,100}$/u.test(token) ? token : '-');
    res
      .set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300' })
      .send(body);
  }
}

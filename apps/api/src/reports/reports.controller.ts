import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiForbidden, ApiInvalid, ApiNotFound, binary, uuidProblem } from '../common/api-docs';
import { Auth, CurrentUser } from '../common/auth.decorators';
import type { AuthUser } from '../common/auth-user';
import { Uuid } from '../common/params';
import { ReportsService } from './reports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CALENDAR_LINK = {
  description: 'The feed URL; anyone holding it reads the due dates, so it is rotated on demand',
  example: { url: 'http://localhost:3000/api/calendar/q4XoV1cM9rT2yHb7LkP3sWd8NfJ6aGe0uZiQ5Rt1Zgx.ics' },
};

const ICS_EXAMPLE = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'CALSCALE:GREGORIAN',
  'PRODID:karta/ics',
  'METHOD:PUBLISH',
  'X-WR-CALNAME:Karta: сроки — Иванова Мария Сергеевна',
  'X-PUBLISHED-TTL:PT1H',
  'BEGIN:VEVENT',
  'UID:occurrence-5c0e7a3d-9b1f-4e2c-8d4a-6f7b8c9d0e15@karta',
  'SUMMARY:Срок: 1.2. Проведение мониторинга профессиональных дефицитов педаго',
  '\tгических работников',
  'DTSTAMP:20241115T060000Z',
  'DTSTART;VALUE=DATE:20241129',
  'DTEND;VALUE=DATE:20241130',
  'DESCRIPTION:План мероприятий («дорожная карта») по развитию системы научно-',
  '\tметодического сопровождения педагогических работников Демонстрационной обл',
  '\tасти на период 2023-2025 годы\\nРезультат: Аналитическая справка',
  'URL:http://localhost:3000/api/occurrences/5c0e7a3d-9b1f-4e2c-8d4a-6f7b8c9d0',
  '\te15',
  'CATEGORIES:Karta',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('roadmaps/:id/export.xlsx')
  @Auth()
  @ApiOperation({
    summary: 'XLSX report of a roadmap’s execution, in Russian: one row per activity and occurrence',
  })
  @ApiOkResponse(
    binary(
      XLSX,
      'Sheet «Исполнение»; the file is named `Исполнение дорожной карты <YYYY-MM-DD>.xlsx` (Content-Disposition)',
    ),
  )
  @ApiInvalid(uuidProblem())
  @ApiForbidden('Дорожная карта другого региона: нет доступа')
  @ApiNotFound('roadmap_not_found', 'Дорожная карта не найдена')
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
  @ApiOkResponse(CALENDAR_LINK)
  calendarLink(@CurrentUser() user: AuthUser) {
    return this.reports.calendarLink(user);
  }

  @Post('me/calendar/rotate')
  @HttpCode(200)
  @Auth()
  @ApiOperation({ summary: 'Issue a new secret calendar URL (the old one stops working)' })
  @ApiOkResponse(CALENDAR_LINK)
  rotate(@CurrentUser() user: AuthUser) {
    return this.reports.calendarLink(user, true);
  }

  @Get('calendar/:file')
  @ApiOperation({
    summary: 'Personal iCalendar feed; the secret token in the URL is the credential (`<token>.ics`)',
  })
  @ApiParam({ name: 'file', example: 'q4XoV1cM9rT2yHb7LkP3sWd8NfJ6aGe0uZiQ5Rt1Zgx.ics' })
  @ApiOkResponse({
    description:
      'Every active due date of the person (and of whom he deputises for today), one all-day event each',
    content: { 'text/calendar': { schema: { type: 'string' }, example: ICS_EXAMPLE } },
  })
  @ApiNotFoundResponse({
    description: 'No active person has this token (it was rotated, or never existed)',
    example: { statusCode: 404, code: 'calendar_not_found', message: 'Календарь не найден' },
  })
  async calendar(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const token = file.replace(/\.ics$/u, '');
    const body = await this.reports.calendar(/^[A-Za-z0-9_-]{20,100}$/u.test(token) ? token : '-');
    res
      .set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300' })
      .send(body);
  }
}

import { Controller, Delete, Get, HttpCode, NotFoundException, Query, UseGuards } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { DevOnlyGuard } from './dev-only.guard';
import { MailboxService } from './mailbox.service';

class MailboxQuery {
  @ApiPropertyOptional({ description: 'only messages whose recipients contain this text' })
  @IsOptional()
  @IsString()
  to?: string;
}

class CaughtMailDto {
  @ApiProperty({ example: '4b7f2c1e-9d3a-4e5b-8f6c-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ example: 'Karta <karta@localhost>' }) from!: string;
  @ApiProperty({ example: 'sokolova@diro.ru' }) to!: string;
  @ApiProperty({ example: 'Приглашение в Karta' }) subject!: string;
  @ApiProperty({ format: 'date-time', example: '2024-11-15T06:00:04.000Z' }) date!: string;
  @ApiProperty({
    example:
      'Здравствуйте, Соколова Анна Викторовна!\n\nВас пригласили в систему Karta — исполнение дорожных карт.\nЗадайте пароль по ссылке (действует 7 дней):\nhttp://localhost:3000/invite?token=mJ1x3Qv9ZbT4kLr8NwYe2HsD6cFp0AuGi7oKqVtXzWA\n\nИли через API: POST /api/auth/invitations/accept {"token": "mJ1x3Qv9ZbT4kLr8NwYe2HsD6cFp0AuGi7oKqVtXzWA", "password": "…"}\n',
  })
  text!: string;
  @ApiPropertyOptional({
    example:
      '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Напоминание: срок 29.11.2024</title></head><body>…</body></html>',
    description: 'Reminders and escalations have an HTML part; invitations are plain text',
  })
  html?: string;
}

const NO_MAILBOX = {
  description: 'SMTP_URL is set (no catcher runs), NODE_ENV=production, or a caller on another machine',
  example: {
    statusCode: 404,
    message: 'No mailbox: SMTP_URL is set, mail goes to a real relay',
    error: 'Not Found',
  },
};

/**
 * What the development SMTP catcher received; absent (404) when SMTP_URL points at a real relay, in
 * production, and for callers on other machines.
 */
@ApiTags('dev')
@UseGuards(DevOnlyGuard)
@Controller('dev/mailbox')
export class MailboxController {
  constructor(private readonly mailbox: MailboxService) {}

  @Get()
  @ApiOperation({ summary: 'Development only: mail the SMTP catcher received, newest first' })
  @ApiOkResponse({ type: [CaughtMailDto], description: 'received messages, newest first' })
  @ApiNotFoundResponse(NO_MAILBOX)
  list(@Query() query: MailboxQuery): CaughtMailDto[] {
    this.assertEnabled();
    return this.mailbox.list(query);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Development only: forget every caught message' })
  @ApiNoContentResponse({ description: 'The mailbox is empty now' })
  @ApiNotFoundResponse(NO_MAILBOX)
  clear(): void {
    this.assertEnabled();
    this.mailbox.clear();
  }

  private assertEnabled(): void {
    if (!this.mailbox.enabled)
      throw new NotFoundException('No mailbox: SMTP_URL is set, mail goes to a real relay');
  }
}

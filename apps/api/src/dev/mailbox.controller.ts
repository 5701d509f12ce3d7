import { Controller, Delete, Get, HttpCode, NotFoundException, Query, UseGuards } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
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
  @ApiProperty() id!: string;
  @ApiProperty() from!: string;
  @ApiProperty({ example: 'student@example.ru' }) to!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ format: 'date-time' }) date!: string;
  @ApiProperty() text!: string;
  @ApiPropertyOptional() html?: string;
}

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
  @ApiOkResponse({ type: [CaughtMailDto], description: 'received messages, newest first' })
  @ApiNotFoundResponse({ description: 'SMTP_URL is set, so no catcher runs' })
  list(@Query() query: MailboxQuery): CaughtMailDto[] {
    this.assertEnabled();
    return this.mailbox.list(query);
  }

  @Delete()
  @HttpCode(204)
  clear(): void {
    this.assertEnabled();
    this.mailbox.clear();
  }

  private assertEnabled(): void {
    if (!this.mailbox.enabled)
      throw new NotFoundException('No mailbox: SMTP_URL is set, mail goes to a real relay');
  }
}

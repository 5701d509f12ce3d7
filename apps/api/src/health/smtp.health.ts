import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { createTransport } from 'nodemailer';
import { AppConfig } from '../config';

/** Up when the SMTP server (the relay, or the in-process catcher) accepts a connection and EHLO. */
@Injectable()
export class SmtpHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly config: AppConfig,
  ) {}

  async check(key: string, timeoutMs = 2_000) {
    const indicator = this.health.check(key);
    const target = redact(this.config.mail.smtpUrl);
    const transport = createTransport(this.config.mail.smtpUrl, {
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    try {
      await transport.verify();
      return indicator.up({ url: target, catcher: this.config.mail.catcher !== undefined });
    } catch (err) {
      return indicator.down({ url: target, message: err instanceof Error ? err.message : String(err) });
    } finally {
      transport.close();
    }
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

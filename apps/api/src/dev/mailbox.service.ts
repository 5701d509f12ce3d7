import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CaughtMail, SmtpCatcher } from '@karta/devstack';
import { AppConfig } from '../config';

/** Runs the in-process SMTP catcher while SMTP_URL is unset, and answers what it caught. */
@Injectable()
export class MailboxService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MailboxService.name);
  private readonly catcher?: SmtpCatcher;

  constructor(config: AppConfig) {
    const catcher = config.mail.catcher;
    if (catcher)
      this.catcher = new SmtpCatcher({ host: catcher.host, port: catcher.port, file: catcher.file });
  }

  get enabled(): boolean {
    return this.catcher !== undefined;
  }

  async onModuleInit(): Promise<void> {
    if (!this.catcher) return;
    await this.catcher.start();
    this.catcher.on('mail', (mail: CaughtMail) =>
      this.logger.log({ to: mail.to, subject: mail.subject }, 'mail caught'),
    );
    this.logger.log(`SMTP catcher listening on ${this.catcher.url}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.catcher?.stop();
  }

  list(filter: { to?: string }): CaughtMail[] {
    return this.catcher?.list(filter) ?? [];
  }

  clear(): void {
    this.catcher?.clear();
  }
}

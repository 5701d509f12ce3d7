import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config';

/** Mail the API itself sends (invitations); the engine's notifications go through the worker's outbox. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    this.transport = createTransport(config.mail.smtpUrl);
  }

  async send(message: { to: string; subject: string; text: string; html?: string }): Promise<void> {
    await this.transport.sendMail({ from: this.config.mail.from, ...message });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { InvalidAddressError, Mail, Mailer } from '../../../../activities/src/ports';

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
}

/** A 5xx answer to the recipient (or an envelope nodemailer itself refuses) will never succeed. */
export function isPermanentRecipientError(error: unknown): boolean {
  const e = error as SmtpError;
  if (e?.code === 'EENVELOPE') return true;
  return typeof e?.responseCode === 'number' && e.responseCode >= 500 && /RCPT/i.test(e.command ?? '');
}

/** Sends through SMTP (`SMTP_URL`), pooled. */
export class NodemailerMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl, {
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
  }

  async send(mail: Mail): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: { name: mail.to.name, address: mail.to.email },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      });
    } catch (error) {
      if (isPermanentRecipientError(error)) {
        throw new InvalidAddressError(`${mail.to.email}: ${(error as Error).message}`);
      }
      throw error;
    }
  }

  close(): void {
    this.transport.close();
  }
}

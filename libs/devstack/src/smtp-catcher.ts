import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One caught message, as `GET /api/dev/mailbox` answers it. */
export interface CaughtMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  /** ISO 8601: the Date header, or when the message arrived. */
  date: string;
  text: string;
  html?: string;
}

export interface SmtpCatcherOptions {
  host?: string;
  /** 0 picks a free port; read it back from `port` after `start()`. */
  port: number;
  /** JSON-lines file the messages are appended to (and reloaded from on start), so they survive restarts. */
  file?: string;
  /** How many messages are kept in memory (and reloaded). */
  keep?: number;
}

/**
 * A real SMTP server that accepts every message (no auth, no TLS) and keeps it: the development and test
 * stand-in for a mail relay. Emits 'mail' with each CaughtMail.
 */
export class SmtpCatcher extends EventEmitter {
  private server?: SMTPServer;
  private readonly messages: CaughtMail[] = [];
  private boundPort = 0;

  constructor(private readonly options: SmtpCatcherOptions) {
    super();
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `smtp://${this.options.host ?? '127.0.0.1'}:${this.boundPort}`;
  }

  /** Newest first. */
  list(filter: { to?: string } = {}): CaughtMail[] {
    const needle = filter.to?.toLowerCase();
    const all = [...this.messages].reverse();
    return needle ? all.filter((m) => m.to.toLowerCase().includes(needle)) : all;
  }

  clear(): void {
    this.messages.length = 0;
    if (this.options.file) fs.writeFileSync(this.options.file, '');
  }

  async start(): Promise<void> {
    this.reload();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      banner: 'Karta SMTP catcher',
      size: 25 * 1024 * 1024,
      logger: false,
      onData: (stream, session, callback) => {
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
        simpleParser(stream)
          .then((parsed) => {
            this.keep({
              id: randomUUID(),
              from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
              to: addresses(parsed.to) || envelopeTo.join(', '),
              subject: parsed.subject ?? '',
              date: (parsed.date ?? new Date()).toISOString(),
              text: parsed.text ?? '',
              ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    server.on('error', (err) => this.emit('error', err));
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      server.server.once('error', onError);
      server.listen(this.options.port, this.options.host ?? '127.0.0.1', () => {
        server.server.off('error', onError);
        resolve();
      });
    });
    const address = server.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : this.options.port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private keep(mail: CaughtMail): void {
    this.messages.push(mail);
    const limit = this.options.keep ?? 500;
    if (this.messages.length > limit) this.messages.splice(0, this.messages.length - limit);
    if (this.options.file) fs.appendFileSync(this.options.file, JSON.stringify(mail) + '\n');
    this.emit('mail', mail);
  }

  private reload(): void {
    const file = this.options.file;
    if (!file) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file)) return;
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    for (const line of lines.slice(-(this.options.keep ?? 500))) {
      try {
        this.messages.push(JSON.parse(line) as CaughtMail);
      } catch {
        // a torn last line from a crash: skip it
      }
    }
  }
}

function addresses(field: AddressObject | AddressObject[] | undefined): string {
  if (!field) return '';
  const list = Array.isArray(field) ? field : [field];
  return list
    .flatMap((a) => a.value)
    .map((a) => a.address ?? '')
    .filter(Boolean)
    .join(', ');
}

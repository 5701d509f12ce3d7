import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTransport } from 'nodemailer';
import { SmtpCatcher } from './smtp-catcher';

describe('SmtpCatcher', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karta-catcher-'));
  const file = path.join(dir, 'mailbox', 'messages.jsonl');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps what it receives, newest first, and reloads it after a restart', async () => {
    const catcher = new SmtpCatcher({ port: 0, file });
    await catcher.start();
    const transport = createTransport(catcher.url);
    await transport.sendMail({
      from: 'karta@localhost',
      to: 'ivan@example.ru',
      subject: 'Первое',
      text: 'раз',
    });
    await transport.sendMail({
      from: 'karta@localhost',
      to: ['olga@example.ru', 'petr@example.ru'],
      subject: 'Второе',
      text: 'два',
    });
    transport.close();
    await catcher.stop();

    const again = new SmtpCatcher({ port: 0, file });
    await again.start();
    try {
      const mails = again.list();
      expect(mails.map((m) => m.subject)).toEqual(['Второе', 'Первое']);
      expect(mails[0]).toMatchObject({ to: 'olga@example.ru, petr@example.ru', text: 'два' });
      expect(Date.parse(mails[0].date)).not.toBeNaN();
      expect(again.list({ to: 'IVAN@' }).map((m) => m.subject)).toEqual(['Первое']);
    } finally {
      await again.stop();
    }
  });
});

import { createTransport } from 'nodemailer';
import request from 'supertest';
import { startTestApi, TestApi } from './support/api';

describe('GET /api/dev/mailbox (in-process SMTP catcher)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('shows mail sent with nodemailer, newest first, with to, subject, date and text', async () => {
    const transport = createTransport(api.config.mail.smtpUrl);
    const sentAt = Date.now();
    await transport.sendMail({
      from: api.config.mail.from,
      to: 'ivan.petrov@school.example.ru',
      subject: 'Срок сдачи отчёта',
      text: 'Отчёт о самообследовании нужно сдать до 20 апреля.',
    });
    await transport.sendMail({
      from: api.config.mail.from,
      to: 'olga@school.example.ru',
      subject: 'Второе',
      text: 'x',
    });
    transport.close();

    const { body } = await request(api.server).get('/api/dev/mailbox').expect(200);
    expect(body.map((m: { subject: string }) => m.subject)).toEqual(['Второе', 'Срок сдачи отчёта']);
    expect(body[1]).toEqual(
      expect.objectContaining({
        to: 'ivan.petrov@school.example.ru',
        subject: 'Срок сдачи отчёта',
        text: 'Отчёт о самообследовании нужно сдать до 20 апреля.',
        date: expect.any(String),
      }),
    );
    expect(Date.parse(body[1].date)).toBeGreaterThanOrEqual(Math.floor(sentAt / 1000) * 1000);

    const filtered = await request(api.server).get('/api/dev/mailbox?to=ivan.petrov').expect(200);
    expect(filtered.body).toHaveLength(1);

    await request(api.server).delete('/api/dev/mailbox').expect(204);
    expect((await request(api.server).get('/api/dev/mailbox').expect(200)).body).toEqual([]);
  });
});

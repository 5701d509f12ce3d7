import { ApplicationFailure } from '@temporalio/common';
import type { OutgoingMessage } from '../../workflows/src/activity-contract';
import { createActivities, messageIdFor } from '../src/activities';
import { InMemoryOutbox, InMemoryProjection, RecordingMailer } from '../src/testing';

const message = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  key: 'activity-a1|o1|org1|reminder|d3|u1',
  kind: 'reminder',
  level: 'd3',
  scheduledFor: '2023-10-26T06:00:00.000Z',
  to: { userId: 'u1', email: 'executor@demo.karta', name: 'Иванова Мария Петровна', role: 'executor' },
  context: {
    roadmapId: 'r1',
    activityId: 'a1',
    activityNumber: '2.3',
    activityTitle: 'Проведение региональной олимпиады',
    tz: 'Europe/Moscow',
    occurrenceId: 'o1',
    occurrenceKind: 'deadline',
    due: '2023-10-31',
    organizationName: 'КОИРО',
    workingDaysLeft: 3,
  },
  ...overrides,
});

function setup() {
  const outbox = new InMemoryOutbox();
  const mailer = new RecordingMailer();
  const projection = new InMemoryProjection();
  const deputies = new Map<string, { userId: string; email: string; name: string }>();
  const activities = createActivities({
    mailer,
    outbox,
    projection,
    publicUrl: 'https://karta.example/',
    directory: { deputyOf: async (userId) => deputies.get(userId) ?? null },
    clock: { now: () => new Date('2023-10-26T06:00:05Z') },
  });
  return { outbox, mailer, projection, deputies, activities };
}

describe('notify', () => {
  it('stores the message under its key before sending, sends it once, and a retry does nothing', async () => {
    const { outbox, mailer, activities } = setup();
    expect(await activities.notify(message())).toBe('sent');
    expect(await activities.notify(message())).toBe('already-sent');
    expect(mailer.sent).toHaveLength(1);
    const entry = outbox.entries.get(message().key)!;
    expect(entry).toMatchObject({
      status: 'sent',
      attempts: 1,
      kind: 'reminder',
      level: 'd3',
      recipient: 'executor@demo.karta',
      occurrenceId: 'o1',
      organizationId: 'org1',
    });
    expect(mailer.sent[0].messageId).toBe(messageIdFor(message().key));
  });

  it('writes Russian dates in the region zone and links to the item', async () => {
    const { mailer, activities } = setup();
    await activities.notify(message());
    const mail = mailer.sent[0];
    expect(mail.subject).toBe(
      'Напоминание: 2.3 Проведение региональной олимпиады — до 31 октября 2023 г., вт',
    );
    expect(mail.text).toContain('До срока осталось 3 рабочих дня');
    expect(mail.text).toContain('Организация: КОИРО');
    expect(mail.text).toContain('https://karta.example/occurrences/o1');
    expect(mail.html).toContain('<a href="https://karta.example/occurrences/o1">');
    expect(mail.html).toContain('до 31 октября 2023 г., вт');
  });

  it('retries while SMTP is down (the attempt is recorded) and sends once it is back', async () => {
    const { outbox, mailer, activities } = setup();
    mailer.failuresLeft = 2;
    await expect(activities.notify(message())).rejects.toThrow(/ECONNREFUSED/);
    await expect(activities.notify(message())).rejects.toThrow(/ECONNREFUSED/);
    expect(outbox.entries.get(message().key)).toMatchObject({
      status: 'pending',
      attempts: 2,
      lastError: expect.stringContaining('ECONNREFUSED'),
    });
    expect(await activities.notify(message())).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('fails for good, non-retryably, on an address that cannot be delivered', async () => {
    const { outbox, mailer, activities } = setup();
    const bad = message({ key: 'k-bad', to: { ...message().to, email: 'not-an-address' } });
    const error = await activities.notify(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'InvalidAddress', nonRetryable: true });
    expect(outbox.entries.get('k-bad')!.status).toBe('failed');
    mailer.refuse.add('gone@demo.karta');
    const refused = message({ key: 'k-refused', to: { ...message().to, email: 'gone@demo.karta' } });
    await expect(activities.notify(refused)).rejects.toMatchObject({
      type: 'InvalidAddress',
      nonRetryable: true,
    });
    await expect(activities.notify(refused)).rejects.toMatchObject({ type: 'InvalidAddress' });
    expect(mailer.attempts).toBe(1);
  });

  it('never sends the same key from two attempts at once', async () => {
    const { mailer, activities } = setup();
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const send = mailer.send.bind(mailer);
    mailer.send = async (mail) => {
      await slow;
      return send(mail);
    };
    const first = activities.notify(message());
    await new Promise((r) => setImmediate(r));
    await expect(activities.notify(message())).rejects.toMatchObject({
      type: 'OutboxBusy',
      nonRetryable: false,
    });
    release();
    expect(await first).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('sends to the deputy standing in for the recipient, saying for whom', async () => {
    const { outbox, mailer, deputies, activities } = setup();
    deputies.set('u1', { userId: 'u2', email: 'deputy@demo.karta', name: 'Смирнов Павел' });
    await activities.notify(message());
    expect(mailer.sent[0].to.email).toBe('deputy@demo.karta');
    expect(mailer.sent[0].text).toContain('Здравствуйте, Смирнов Павел!');
    expect(mailer.sent[0].text).toContain('как заместитель: Иванова Мария Петровна');
    expect(outbox.entries.get(message().key)).toMatchObject({
      recipientUserId: 'u2',
      onBehalfOfUserId: 'u1',
    });
  });
});

describe('templates', () => {
  it('word an escalation with the overdue days as of its intended time', async () => {
    const { mailer, activities } = setup();
    await activities.notify(
      message({
        key: 'k-esc',
        kind: 'escalation',
        level: '3',
        scheduledFor: '2023-11-15T06:00:00.000Z',
        to: { userId: 'h', email: 'head@demo.karta', name: 'Петров С. И.', role: 'head' },
        context: { ...message().context, escalationLevel: 3, workingDaysLeft: undefined },
      }),
    );
    expect(mailer.sent[0].subject).toBe(
      'Просрочено на 15 дней: 2.3 Проведение региональной олимпиады — срок до 31 октября 2023 г., вт',
    );
    expect(mailer.sent[0].text).toContain('Просрочка — 15 дней.');
  });

  it('escape what people wrote', async () => {
    const { mailer, activities } = setup();
    await activities.notify(
      message({
        key: 'k-ret',
        kind: 'returned',
        level: 'v1',
        context: { ...message().context, comment: '<b>Нет</b> приказа & протокола', reworkDue: '2023-11-08' },
      }),
    );
    expect(mailer.sent[0].html).toContain('&lt;b&gt;Нет&lt;/b&gt; приказа &amp; протокола');
    expect(mailer.sent[0].text).toContain('Доработанный отчёт нужно представить до 8 ноября 2023 г., ср.');
  });
});

describe('checkpoints', () => {
  it('ask a continuous term for a progress report', async () => {
    const { mailer, activities } = setup();
    await activities.notify(
      message({
        key: 'k-cp',
        level: 'd0',
        context: {
          ...message().context,
          occurrenceKind: 'checkpoint',
          occurrenceLabel: 'III квартал 2023',
          due: '2023-09-29',
          workingDaysLeft: 0,
        },
      }),
    );
    expect(mailer.sent[0].subject).toBe(
      'Срок сегодня: 2.3 Проведение региональной олимпиады — до 29 сентября 2023 г., пт',
    );
    expect(mailer.sent[0].text).toContain('Сегодня последний день срока: отчёт о ходе исполнения');
    expect(mailer.sent[0].text).toContain('Период: III квартал 2023');
  });
});

describe('digests', () => {
  it('pick the regions where it is 09:00 on a working day and send one digest per person once', async () => {
    const outbox = new InMemoryOutbox();
    const mailer = new RecordingMailer();
    const activities = createActivities({
      mailer,
      outbox,
      projection: new InMemoryProjection(),
      publicUrl: 'https://karta.example',
      isWorkingDay: (d) => d !== '2023-11-06',
      digests: {
        regions: async () => [
          { regionId: 'kostroma', tz: 'Europe/Moscow' },
          { regionId: 'amur', tz: 'Asia/Yakutsk' },
        ],
        recipients: async (regionIds) => regionIds.flatMap((r) => [`${r}-curator`, `${r}-idle`]),
        digestFor: async (userId, date) => ({
          person: { userId, email: `${userId}@demo.karta`, name: userId },
          tz: 'Europe/Moscow',
          content: {
            date,
            sections: userId.endsWith('idle')
              ? []
              : [
                  {
                    title: 'Отчёты на проверке',
                    items: [{ title: '2.3 Олимпиада', due: '2023-11-07', occurrenceId: 'o1' }],
                  },
                ],
          },
        }),
      },
    });
    // 06:00 UTC = 09:00 in Kostroma, 15:00 in Amur.
    const run = await activities.listDigestRecipients({ at: '2023-11-07T06:00:00Z', localHour: 9 });
    expect(run).toEqual({
      regions: ['kostroma'],
      recipients: [
        { userId: 'kostroma-curator', date: '2023-11-07' },
        { userId: 'kostroma-idle', date: '2023-11-07' },
      ],
    });
    expect(
      (await activities.listDigestRecipients({ at: '2023-11-07T00:00:00Z', localHour: 9 })).regions,
    ).toEqual(['amur']);
    expect(
      (await activities.listDigestRecipients({ at: '2023-11-06T06:00:00Z', localHour: 9 })).regions,
    ).toEqual([]);
    expect(await activities.sendDigest({ ...run.recipients[0], scheduledFor: '2023-11-07T06:00:00Z' })).toBe(
      'sent',
    );
    expect(await activities.sendDigest({ ...run.recipients[0], scheduledFor: '2023-11-07T06:00:00Z' })).toBe(
      'already-sent',
    );
    expect(await activities.sendDigest({ ...run.recipients[1], scheduledFor: '2023-11-07T06:00:00Z' })).toBe(
      'empty',
    );
    expect(mailer.sent.map((m) => m.subject)).toEqual(['Сводка на 7 ноября 2023 г., вт']);
    expect(mailer.sent[0].text).toContain(
      '• 2.3 Олимпиада — до 7 ноября 2023 г., вт — https://karta.example/occurrences/o1',
    );
  });
});

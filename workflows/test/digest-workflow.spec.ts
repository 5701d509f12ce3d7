/** The digest workflow with fake digest data: regions chosen by local hour, one email per person, once. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/src/activities';
import { InMemoryOutbox, InMemoryProjection, RecordingMailer } from '../../activities/src/testing';
import type { digestWorkflow } from '../src/workflows';
import { workflowBundle } from './support/bundle';
import { createTimeSkippingEnv } from './support/env';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

test('sends each person of the regions at 09:00 one digest, and a rerun sends nothing more', async () => {
  const mailer = new RecordingMailer();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'digest',
    workflowBundle: await workflowBundle(),
    activities: createActivities({
      mailer,
      outbox: new InMemoryOutbox(),
      projection: new InMemoryProjection(),
      publicUrl: 'https://karta.example',
      isWorkingDay: () => true,
      digests: {
        regions: async () => [
          { regionId: 'kostroma', tz: 'Europe/Moscow' },
          { regionId: 'amur', tz: 'Asia/Yakutsk' },
        ],
        recipients: async (ids) => ids.flatMap((id) => Array.from({ length: 30 }, (_, i) => `${id}-${i}`)),
        digestFor: async (userId, date) => ({
          person: { userId, email: `${userId}@demo.karta`, name: userId },
          tz: 'Europe/Moscow',
          content: {
            date,
            sections: userId.endsWith('-0')
              ? []
              : [
                  {
                    title: 'Ваши сроки на ближайшие две недели',
                    items: [{ title: '1.1 Совещание', due: date }],
                  },
                ],
          },
        }),
      },
    }),
  });
  const run = (id: string) =>
    env.client.workflow.execute<typeof digestWorkflow>('digestWorkflow', {
      taskQueue: 'digest',
      workflowId: id,
      args: [{ at: '2026-03-02T06:00:00.000Z' }],
    });
  const [first, second] = await worker.runUntil(async () => [await run('digest-1'), await run('digest-2')]);
  expect(first).toEqual({ regions: ['kostroma'], digests: 30, sent: 29 });
  expect(second).toEqual({ regions: ['kostroma'], digests: 30, sent: 0 });
  expect(mailer.sent).toHaveLength(29);
  expect(mailer.sent[0].subject).toBe('Сводка на 2 марта 2026 г., пн');
});

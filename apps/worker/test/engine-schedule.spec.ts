/** The digest Schedule on the real dev server: created on first boot, brought up to date on the next. */
import { Client, Connection } from '@temporalio/client';
import { DIGEST_SCHEDULE_ID } from '../../../workflows/src/messages';
import { ensureDigestSchedule } from '../src/engine';
import { testTemporalAddress, uniqueName } from '../../../libs/devstack/src/testing';

test('ensureDigestSchedule is safe on every boot', async () => {
  const connection = await Connection.connect({ address: testTemporalAddress() });
  const namespace = 'default';
  const client = new Client({ connection, namespace });
  try {
    await ensureDigestSchedule(client, 'old-queue');
    await ensureDigestSchedule(client, uniqueName('karta'));
    const description = await client.schedule.getHandle(DIGEST_SCHEDULE_ID).describe();
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'digestWorkflow' });
    expect(description.action.type === 'startWorkflow' && description.action.taskQueue).not.toBe('old-queue');
    expect(description.spec.calendars?.length ?? description.spec.intervals?.length ?? 0).toBeGreaterThan(0);
    await client.schedule.getHandle(DIGEST_SCHEDULE_ID).delete();
  } finally {
    await connection.close();
  }
});

import { Client, ScheduleAlreadyRunning, ScheduleOptions, ScheduleOverlapPolicy } from '@temporalio/client';
import {
  DIGEST_SCHEDULE_ID,
  DIGEST_WORKFLOW_ID_PREFIX,
  DIGEST_WORKFLOW_TYPE,
} from '../../../../workflows/src/messages';

/**
 * The hourly digest run: every hour on the hour (UTC), the digest workflow sends to the regions where it is
 * 09:00 local on a working day. Regions' zones are whole hours from UTC, so one hourly schedule serves all.
 */
export function digestScheduleOptions(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: DIGEST_SCHEDULE_ID,
    spec: { cronExpressions: ['0 * * * *'] },
    action: {
      type: 'startWorkflow',
      workflowType: DIGEST_WORKFLOW_TYPE,
      workflowId: DIGEST_WORKFLOW_ID_PREFIX,
      taskQueue,
      args: [{}],
      workflowRunTimeout: '50 minutes',
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '30 minutes' },
  };
}

/** Creates the digest Schedule, or brings an existing one to the current definition. Safe on every boot. */
export async function ensureDigestSchedule(client: Client, taskQueue: string): Promise<void> {
  const options = digestScheduleOptions(taskQueue);
  try {
    await client.schedule.create(options);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(DIGEST_SCHEDULE_ID).update((previous) => ({
      ...previous,
      spec: options.spec,
      action: options.action,
      policies: { ...previous.policies, ...options.policies },
    }));
  }
}

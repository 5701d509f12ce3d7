import { proxyActivities } from '@temporalio/workflow';
import type { PingActivities } from '../../activities/src/ping';

const { ping } = proxyActivities<PingActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second' },
});

/** Trivial round trip through the worker: the smoke test of the Temporal wiring. */
export async function pingWorkflow(name: string): Promise<string> {
  return await ping(name);
}

/** The time-skipping environment and a worker with in-memory adapters, as every workflow test needs them. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { findTemporalTestServer } from '../../../libs/devstack/src/temporal';
import { createActivities } from '../../../activities/src/activities';
import { InMemoryOutbox, InMemoryProjection, RecordingMailer } from '../../../activities/src/testing';
import { workflowBundle } from './bundle';

let runtimeInstalled = false;

/** The SDK logs workers' state changes (and the test server's missing capabilities); tests want errors only. */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
  runtimeInstalled = true;
}

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: findTemporalTestServer() } },
  });
}

export interface Harness {
  worker: Worker;
  outbox: InMemoryOutbox;
  mailer: RecordingMailer;
  projection: InMemoryProjection;
  taskQueue: string;
}

let queues = 0;

export async function createHarness(env: TestWorkflowEnvironment): Promise<Harness> {
  const taskQueue = `test-${process.pid}-${++queues}`;
  const outbox = new InMemoryOutbox();
  const mailer = new RecordingMailer();
  const projection = new InMemoryProjection();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ mailer, outbox, projection, publicUrl: 'https://karta.example' }),
  });
  return { worker, outbox, mailer, projection, taskQueue };
}

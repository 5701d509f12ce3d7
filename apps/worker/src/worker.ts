import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { createPingActivities, PingDeps } from '../../../activities/src/ping';
import { ActivityDeps, createActivities } from '../../../activities/src/activities';
import { WorkerConfig } from './config';

/** The workflow bundle entry: every function it exports is a registered workflow type. */
export const WORKFLOWS_PATH = require.resolve('./workflows');

/** What the activities need from the outside world; main.ts builds the real ones, tests pass fakes. */
export type WorkerDeps = PingDeps & {
  /** The execution engine's adapters (outbox, mailer, projection); absent when the worker has no DB/SMTP. */
  engine?: ActivityDeps;
};

/** Every activity this worker registers, built from its dependencies (the `createActivities(deps)` pattern). */
export function composeActivities(deps: WorkerDeps) {
  return {
    ...createPingActivities(deps),
    ...(deps.engine ? createActivities(deps.engine) : {}),
  };
}

/** One worker: a connection, the workflow bundle and the activities. Tests call this with their own queue. */
export async function createWorker(options: {
  connection: NativeConnection;
  config: Pick<WorkerConfig, 'temporal'>;
  deps: WorkerDeps;
  overrides?: Partial<WorkerOptions>;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.config.temporal.namespace,
    taskQueue: options.config.temporal.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: composeActivities(options.deps),
    ...options.overrides,
  } as WorkerOptions);
}

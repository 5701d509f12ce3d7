import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createWorker } from '../apps/worker/src/worker';
import { testTemporalAddress, uniqueName } from '../libs/devstack/src/testing';

describe('worker on the real Temporal dev server', () => {
  beforeAll(() => {
    Runtime.install({ shutdownSignals: [] });
  });

  it('runs the ping workflow through its activity', async () => {
    const address = testTemporalAddress();
    const taskQueue = uniqueName('ping');
    const nativeConnection = await NativeConnection.connect({ address });
    const connection = await Connection.connect({ address });
    try {
      const worker = await createWorker({
        connection: nativeConnection,
        config: { temporal: { address, namespace: 'default', taskQueue } },
        deps: { now: () => new Date('2026-09-01T09:00:00Z') },
      });
      const client = new Client({ connection, namespace: 'default' });
      const result = await worker.runUntil(
        client.workflow.execute('pingWorkflow', {
          taskQueue,
          workflowId: uniqueName('ping'),
          args: ['test'],
        }),
      );
      expect(result).toMatch(/^pong test from .+ at 2026-09-01T09:00:00.000Z$/);
    } finally {
      await connection.close();
      await nativeConnection.close();
    }
  });
});

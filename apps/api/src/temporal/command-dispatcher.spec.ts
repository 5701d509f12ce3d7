import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openDataSource } from '@karta/persistence';
import { createTestDatabase, TestDatabase } from '../../../../libs/devstack/src/testing';
import { CommandDispatcher } from './command-dispatcher';
import { WorkflowGateway, WorkflowRejection, WorkflowUnavailable } from './workflow-gateway';

/** The outbox against real PostgreSQL with a scripted Temporal: what is lost, doubled or kept on each failure. */
describe('CommandDispatcher', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const answers: Array<() => unknown> = [];
  const sent: string[] = [];
  const gateway = {
    update: async (_wf: string, _def: unknown, _arg: unknown, updateId: string) => {
      sent.push(updateId);
      const next = answers.shift();
      return next ? next() : { ok: true };
    },
    start: async () => ({ alreadyStarted: false }),
    signal: async () => undefined,
  } as unknown as WorkflowGateway;
  const projected: string[] = [];
  let dispatcher: CommandDispatcher;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase('dispatcher');
    ds = await openDataSource(db.url, { logging: false });
    dispatcher = new CommandDispatcher(ds.manager, gateway);
    dispatcher.register('thing', {
      accepted: async (_tx, c) => void projected.push(`accepted:${c.id}`),
      rejected: async (_tx, c, reason) => void projected.push(`rejected:${c.id}:${reason}`),
    });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });
  beforeEach(() => {
    sent.length = 0;
    projected.length = 0;
    answers.length = 0;
  });

  const enqueue = (id?: string) =>
    ds.transaction((tx) =>
      dispatcher.enqueue(tx, {
        id,
        workflowId: 'wf-1',
        name: 'submitEvidence',
        payload: { n: 1 },
        subject: 'thing:x',
      }),
    );

  it('delivers with the command id as the update id and projects once', async () => {
    const id = await enqueue();
    expect(await dispatcher.deliver(id)).toMatchObject({ state: 'delivered' });
    expect(await dispatcher.deliver(id)).toMatchObject({ state: 'delivered' });
    expect(sent).toEqual([id]);
    expect(projected).toEqual([`accepted:${id}`]);
  });

  it('keeps a refused action as rejected, with the workflow’s reason', async () => {
    const id = await enqueue();
    answers.push(() => {
      throw new WorkflowRejection('Нельзя отправить отчёт: статус «на проверке»');
    });
    expect(await dispatcher.deliver(id)).toEqual({
      state: 'rejected',
      error: 'Нельзя отправить отчёт: статус «на проверке»',
    });
    expect(projected).toEqual([`rejected:${id}:Нельзя отправить отчёт: статус «на проверке»`]);
  });

  it('leaves it pending while Temporal is unreachable and the sweeper delivers it later, same update id', async () => {
    const id = await enqueue();
    answers.push(() => {
      throw new WorkflowUnavailable('14 UNAVAILABLE: connection refused');
    });
    expect(await dispatcher.deliver(id)).toMatchObject({ state: 'pending' });
    expect(projected).toEqual([]);
    const [row] = await ds.query(
      `SELECT state, attempts, last_error, next_attempt_at > now() AS backing_off FROM workflow_commands WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({ state: 'pending', attempts: 1, backing_off: true });
    await ds.query(`UPDATE workflow_commands SET next_attempt_at = now() WHERE id = $1`, [id]);
    expect(await dispatcher.sweep()).toBe(1);
    expect(sent).toEqual([id, id]);
    expect(projected).toEqual([`accepted:${id}`]);
  });

  it('sweeps a workflow’s commands in order, one behind the other', async () => {
    const first = await enqueue();
    const second = await enqueue();
    await ds.query(`UPDATE workflow_commands SET next_attempt_at = now() WHERE id = ANY($1)`, [
      [first, second],
    ]);
    answers.push(() => {
      throw new WorkflowUnavailable('down');
    });
    await dispatcher.sweep();
    expect(sent).toEqual([first]); // the second waits behind the first
    await ds.query(`UPDATE workflow_commands SET next_attempt_at = now() WHERE id = ANY($1)`, [
      [first, second],
    ]);
    await dispatcher.sweep();
    await dispatcher.sweep();
    expect(sent).toEqual([first, first, second]);
  });
});

/**
 * The execution engine over the real stack — Temporal dev server, PostgreSQL outbox and projection, a real
 * SMTP server — with the worker as a child process that is killed in the middle of its work:
 * no email is lost and none is sent twice, through an SMTP outage, a crash and a clean restart.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { freePort, ServiceProcess, SmtpCatcher, waitFor } from '../../../libs/devstack/src';
import { activityWorkflowId, stateQuery } from '../../../workflows/src/messages';
import { addDays, localDate } from '../../../workflows/src/time';
import {
  createTestDatabase,
  testTemporalAddress,
  TestDatabase,
  uniqueName,
} from '../../../libs/devstack/src/testing';
import {
  inputFor,
  migratedDatabase,
  seed,
  Seeded,
  startWorkerProcess,
  tempDir,
} from './support/engine-stack';

jest.setTimeout(300_000);

const PER_WORKFLOW = 3; // an item overdue by weeks escalates at once to executor, head and curator

describe('engine: a worker crash and an SMTP outage lose and duplicate nothing', () => {
  let database: TestDatabase;
  let ds: DataSource;
  let smtpPort: number;
  let catcher: SmtpCatcher;
  let connection: Connection;
  let client: Client;
  const dir = tempDir('karta-engine-');
  const workers: ServiceProcess[] = [];
  const taskQueue = uniqueName('engine');

  const startCatcher = async () => {
    catcher = new SmtpCatcher({ port: smtpPort, file: path.join(dir, 'mailbox.jsonl'), keep: 10_000 });
    await catcher.start();
  };
  const startWorker = async (name: string) => {
    const worker = await startWorkerProcess(
      {
        DATABASE_URL: database.url,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        TEMPORAL_ADDRESS: testTemporalAddress(),
        TEMPORAL_TASK_QUEUE: taskQueue,
        PUBLIC_URL: 'https://karta.example',
      },
      dir,
      name,
    );
    workers.push(worker);
    return worker;
  };
  const outbox = async () =>
    (await ds.query(`SELECT status, count(*)::int AS n FROM notification_outbox GROUP BY status`)) as Array<{
      status: string;
      n: number;
    }>;
  const sentCount = async () => (await outbox()).find((r) => r.status === 'sent')?.n ?? 0;
  const launchAll = async (s: Seeded, due: string) => {
    for (const a of s.activities) {
      await client.workflow.start('activityWorkflow', {
        taskQueue,
        workflowId: activityWorkflowId(a.activityId),
        args: [inputFor(s, a, due)],
      });
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase('engine');
    ds = await migratedDatabase(database.url);
    smtpPort = await freePort();
    await startCatcher();
    connection = await Connection.connect({ address: testTemporalAddress() });
    client = new Client({ connection });
  });

  afterAll(async () => {
    await Promise.allSettled(workers.map((w) => w.stop('SIGTERM', 10_000)));
    await catcher?.stop();
    await connection?.close();
    await ds?.destroy();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends every escalation exactly once across an outage, a SIGKILL and a restart', async () => {
    const overdueDue = addDays(localDate(Date.now(), 'Europe/Moscow'), -21);
    const first = await seed(ds, 20, overdueDue, 'a');
    const second = await seed(ds, 20, overdueDue, 'b');

    // 1. Normal operation.
    const workerA = await startWorker('worker-a');
    await launchAll(first, overdueDue);
    await waitFor(async () => (await sentCount()) === 20 * PER_WORKFLOW, {
      what: 'first batch sent',
      timeoutMs: 60_000,
    });

    // 2. SMTP goes down; new escalations are stored and retried; the worker is killed meanwhile.
    await catcher.stop();
    await launchAll(second, overdueDue);
    await waitFor(
      async () => {
        const rows: Array<{ n: number }> = await ds.query(
          `SELECT count(*)::int AS n FROM notification_outbox WHERE status = 'pending' AND attempts > 0`,
        );
        return rows[0].n >= 10;
      },
      { what: 'failed attempts recorded', timeoutMs: 60_000 },
    );
    await workerA.stop('SIGKILL');

    // 3. SMTP is back; a new worker takes over from the retries Temporal kept.
    await startCatcher();
    await startWorker('worker-b');
    await waitFor(async () => (await sentCount()) === 40 * PER_WORKFLOW, {
      what: 'second batch sent',
      timeoutMs: 150_000,
      intervalMs: 500,
    });

    // 4. A clean restart of the worker sends nothing again.
    await workers[1].stop('SIGTERM');
    await startWorker('worker-c');
    await new Promise((r) => setTimeout(r, 5_000));

    const mails = catcher.list();
    expect(mails).toHaveLength(40 * PER_WORKFLOW);
    expect(new Set(mails.map((m) => `${m.to}|${m.subject}`)).size).toBe(mails.length);
    expect(await outbox()).toEqual([{ status: 'sent', n: 40 * PER_WORKFLOW }]);
    const titles = [...first.activities, ...second.activities].map((a) => a.title);
    for (const title of titles)
      expect(mails.filter((m) => m.subject.includes(`${title} `)).length).toBe(PER_WORKFLOW);

    // The projection shows each item overdue and escalated, its plan, and one audit entry per level.
    // A projection write interrupted by the SIGKILL may still be in its retry backoff: wait for it to land.
    type Row = { overdue: boolean; escalation_level: number; status: string };
    const projected = async () =>
      (await ds.query(`SELECT overdue, escalation_level, status FROM occurrences`)) as Row[];
    await waitFor(
      async () => (await projected()).every((o) => o.overdue && o.escalation_level >= 3),
      { what: 'projection caught up', timeoutMs: 90_000, intervalMs: 500 },
    ).catch(() => undefined); // the assertions below say what is wrong
    const occurrences = await projected();
    expect(occurrences).toHaveLength(40);
    expect(occurrences.every((o) => o.overdue && o.escalation_level >= 3 && o.status === 'open')).toBe(true);
    const audits: Array<{ n: number }> = await ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'engine.escalated'`,
    );
    expect(audits[0].n).toBe(40);
    const plan: Array<{ state: string; n: number }> = await ds.query(
      `SELECT state, count(*)::int AS n FROM reminders WHERE kind = 'escalation' GROUP BY state ORDER BY state`,
    );
    expect(plan.find((p) => p.state === 'sent')?.n).toBe(40);
    const state = await client.workflow
      .getHandle(activityWorkflowId(second.activities[0].activityId))
      .query(stateQuery);
    expect(state.occurrences[0].parts[0].steps.filter((s) => !s.skipped)).toHaveLength(1);
  });
});

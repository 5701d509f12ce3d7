/**
 * The control plane end to end: the real API (test/support/api.ts: fresh PostgreSQL database, migrated at
 * boot; the shared Temporal dev server; an SMTP catcher) plus the real execution engine — workflow bundle
 * and activities writing to the same database — on a task queue of its own. Nothing is faked.
 */
import * as bcrypt from 'bcryptjs';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { uniqueName, testTemporalAddress } from '../../../../libs/devstack/src/testing';
import { dataSourceOptions } from '../../../../libs/persistence/src/data-source';
import { startTestApi, TestApi } from '../../../../test/support/api';
import { createWorker } from '../../../worker/src/worker';
import { engineDeps } from '../../../worker/src/engine';
import { createActivities } from '../../../../activities/src';

export interface E2e {
  api: TestApi;
  http: ReturnType<typeof request>;
  db: DataSource;
  close(): Promise<void>;
}

let runtimeInstalled = false;

export async function startE2e(env: Record<string, string> = {}): Promise<E2e> {
  if (!runtimeInstalled) {
    Runtime.install({ shutdownSignals: [] });
    runtimeInstalled = true;
  }
  const taskQueue = uniqueName('engine');
  const api = await startTestApi({ TEMPORAL_TASK_QUEUE: taskQueue, LOGIN_RATE_LIMIT: '5', ...env });
  const db = api.app.get(DataSource);
  const engineDb = new DataSource(dataSourceOptions(api.config.databaseUrl, { logging: false }));
  await engineDb.initialize();
  const address = testTemporalAddress();
  const connection = await NativeConnection.connect({ address });
  const deps = engineDeps(engineDb, api.config.mail.smtpUrl, api.config.mail.from, api.config.publicUrl);
  const worker: Worker = await createWorker({
    connection,
    config: { temporal: { address, namespace: api.config.temporal.namespace, taskQueue } },
    deps: { now: () => new Date() },
    // The engine's activities over this test's database and SMTP catcher (activities/src createActivities).
    overrides: { activities: createActivities(deps) },
  });
  const running = worker.run();
  return {
    api,
    http: request(api.server),
    db,
    close: async () => {
      worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
      deps.mailer.close();
      await engineDb.destroy();
      await api.close();
    },
  };
}

/** The first administrator is created the way an operator would: straight in the database. */
export async function createAdmin(
  db: DataSource,
  email = 'admin@test.karta',
  password = 'admin-password-1',
): Promise<{ email: string; password: string }> {
  const [{ id: region }] = await db.query(
    `INSERT INTO regions (code, name, tz) VALUES ('ops', 'Эксплуатация', 'Europe/Moscow') ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
  );
  const [{ id: org }] = await db.query(
    `INSERT INTO organizations (region_id, kind, name) VALUES ($1, 'other', 'Оператор Karta') RETURNING id`,
    [region],
  );
  const [{ id: user }] = await db.query(
    `INSERT INTO users (email, full_name, password_hash, calendar_token) VALUES ($1, 'Администратор', $2, md5(random()::text) || md5(random()::text)) RETURNING id`,
    [email, await bcrypt.hash(password, 4)],
  );
  await db.query(`INSERT INTO role_assignments (user_id, organization_id, role) VALUES ($1, $2, 'admin')`, [
    user,
    org,
  ]);
  return { email, password };
}

export async function login(http: E2e['http'], email: string, password: string): Promise<string> {
  const res = await http.post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Waits until `check` holds (the engine works asynchronously), or fails with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > deadline)
      throw new Error(
        `condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last).slice(0, 2000)}`,
      );
    await new Promise((r) => setTimeout(r, 300));
    last = await read();
  }
  return last;
}

/** A small real PDF (file-type recognises it by its header). */
export function pdf(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

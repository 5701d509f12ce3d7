/**
 * The integration-test stack: one PostgreSQL and one Temporal dev server for the whole jest run, on free
 * ports, started by jest's globalSetup and stopped by globalTeardown. Tests read where they are from
 * process.env (inherited by jest's workers):
 *   TEST_DATABASE_URL       a migrated-nothing database `karta`; use createTestDatabase() for an isolated one
 *   TEST_TEMPORAL_ADDRESS   host:port of the dev server (namespace "default")
 * Set either variable yourself (e.g. to a running `karta dev`) and that service is not started.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// Relative, not @karta/devstack: jest loads globalSetup without its moduleNameMapper.
import { freePorts, RunningPostgres, RunningTemporal, startPostgres, startTemporalDevServer } from '../src';

interface TestStack {
  postgres?: RunningPostgres;
  temporal?: RunningTemporal;
  dir: string;
}

const KEY = Symbol.for('karta.test.stack');
type Holder = { [KEY]?: TestStack };

export async function startTestStack(): Promise<void> {
  const holder = globalThis as Holder;
  if (holder[KEY]) return; // several projects share this globalSetup; jest runs it once per path anyway
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karta-test-'));
  fs.chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when we are root
  const stack: TestStack = { dir };
  holder[KEY] = stack;
  // If another project's globalSetup fails, jest skips every globalTeardown: the watchdog stops the
  // servers, and this removes their files.
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const [pgPort, temporalPort] = await freePorts(2);
  const started = Date.now();
  const tasks: Promise<void>[] = [];
  if (!process.env.TEST_DATABASE_URL) {
    tasks.push(
      startPostgres({
        dataDir: path.join(dir, 'postgres'),
        port: pgPort,
        ephemeral: true,
        logFile: path.join(dir, 'postgres.log'),
      }).then((pg) => {
        stack.postgres = pg;
        process.env.TEST_DATABASE_URL = pg.url;
      }),
    );
  }
  if (!process.env.TEST_TEMPORAL_ADDRESS) {
    tasks.push(
      startTemporalDevServer({ port: temporalPort, logFile: path.join(dir, 'temporal.log') }).then((t) => {
        stack.temporal = t;
        process.env.TEST_TEMPORAL_ADDRESS = t.address;
      }),
    );
  }
  const results = await Promise.allSettled(tasks);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    await stopTestStack();
    throw failure.reason;
  }
  process.stdout.write(
    `\ntest stack: PostgreSQL ${process.env.TEST_DATABASE_URL}, Temporal ${process.env.TEST_TEMPORAL_ADDRESS} ` +
      `(${Date.now() - started} ms; logs in ${dir})\n`,
  );
}

export async function stopTestStack(): Promise<void> {
  const holder = globalThis as Holder;
  const stack = holder[KEY];
  if (!stack) return;
  holder[KEY] = undefined;
  await Promise.allSettled([stack.postgres?.stop(), stack.temporal?.stop()]);
  if (stack.postgres) delete process.env.TEST_DATABASE_URL;
  if (stack.temporal) delete process.env.TEST_TEMPORAL_ADDRESS;
  fs.rmSync(stack.dir, { recursive: true, force: true });
}

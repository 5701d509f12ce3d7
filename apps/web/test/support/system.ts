/**
 * The real system for the web e2e tests: `karta dev` (Temporal, PostgreSQL, SMTP catcher, worker, API with
 * the demo loaded and the built web app served by the API) on free ports with a throw-away data folder.
 * When KARTA_E2E_URL is set, the tests use that running system instead and start nothing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  freePorts,
  REPO_ROOT,
  spawnService,
  waitFor,
  type ServiceProcess,
} from '../../../../libs/devstack/src';

export interface RunningSystem {
  /** Where the browser goes: the API, which serves the web app. */
  webUrl: string;
  apiUrl: string;
  stop(): Promise<void>;
}

const say = (line: string) => process.stdout.write(`[web-e2e] ${line}\n`);

export async function startSystem(): Promise<RunningSystem> {
  const external = process.env.KARTA_E2E_URL;
  if (external) {
    const apiUrl = external.replace(/\/+$/, '');
    await checkServesWeb(apiUrl);
    return { webUrl: apiUrl, apiUrl, stop: async () => undefined };
  }
  // A start on a busy machine can miss one of karta dev's deadlines (Temporal, health): one more try.
  try {
    return await bootKartaDev();
  } catch (err) {
    say(`first start failed (${(err as Error).message.split('\n')[0]}); trying once more`);
    return bootKartaDev();
  }
}

async function bootKartaDev(): Promise<RunningSystem> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karta-web-e2e-'));
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as the postgres user when we are root
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' };
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'TEMPORAL_ADDRESS', 'PORT', 'DATA_DIR', 'PUBLIC_URL'])
    delete env[name];
  const [api, temporal, ui, pg, smtp] = await freePorts(5);
  const apiUrl = `http://127.0.0.1:${api}`;
  say(`starting karta dev (API :${api}, data ${dataDir})`);
  const dev: ServiceProcess = spawnService({
    name: 'karta-dev',
    command: path.join(REPO_ROOT, 'bin', 'karta'),
    args: [
      'dev',
      '--api-port',
      String(api),
      '--temporal-port',
      String(temporal),
      '--ui-port',
      String(ui),
      '--pg-port',
      String(pg),
      '--smtp-port',
      String(smtp),
      '--data-dir',
      dataDir,
      '--no-test-email',
    ],
    cwd: REPO_ROOT,
    env: { ...env, PUBLIC_URL: apiUrl },
    logFile: path.join(dataDir, 'karta-dev.log'),
  });
  const stopDev = async () => {
    await dev.stop('SIGINT', 60_000);
    if (!process.env.KARTA_E2E_KEEP_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => /Karta is running/.test(dev.tail(200)), {
      what: 'karta dev',
      timeoutMs: 300_000,
      intervalMs: 500,
      abort: () => dev.describeExit(),
    });
    await waitForDemo(apiUrl);
  } catch (err) {
    say(`karta dev did not come up; its output:\n${dev.tail(60)}`);
    await stopDev();
    throw err;
  }
  try {
    await checkServesWeb(apiUrl);
  } catch (err) {
    await stopDev();
    throw err;
  }
  return { webUrl: apiUrl, apiUrl, stop: stopDev };
}

/**
 * Asks the API to load the demo (idempotent; `karta dev` may already have done it), then waits until the
 * demo curator can log in and sees a roadmap.
 */
async function waitForDemo(apiUrl: string): Promise<void> {
  const res = await fetch(`${apiUrl}/api/dev/demo`, { method: 'POST' }).catch(() => null);
  if (res && !res.ok && res.status !== 404)
    say(`POST /api/dev/demo answered ${res.status}: ${await res.text()}`);
  await waitFor(
    async () => {
      try {
        const res = await fetch(`${apiUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'curator@demo.karta', password: DEMO_PASSWORD }),
        });
        if (!res.ok) return false;
        const { token } = (await res.json()) as { token: string };
        const list = await fetch(`${apiUrl}/api/roadmaps`, { headers: { Authorization: `Bearer ${token}` } });
        return list.ok && ((await list.json()) as unknown[]).length > 0;
      } catch {
        return false;
      }
    },
    { what: 'the demo data', timeoutMs: 180_000, intervalMs: 1_000 },
  );
}

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD?.trim() || 'karta-demo-2024';

/** The API serves the built web app at `/`; the browser talks to it directly. */
async function checkServesWeb(apiUrl: string): Promise<void> {
  const res = await fetch(`${apiUrl}/`);
  const body = await res.text();
  if (!res.ok || !body.includes('<div id="root">'))
    throw new Error(`${apiUrl}/ does not serve the web app (HTTP ${res.status}): is apps/web/dist built?`);
}

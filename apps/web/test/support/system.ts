/**
 * The real system for the web e2e tests: `karta dev` (Temporal, PostgreSQL, SMTP catcher, worker, API with
 * the demo loaded) on free ports with a throw-away data folder, and the built web app in front of it.
 * When KARTA_E2E_URL is set, the tests use that running system instead and start nothing.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  freePorts,
  REPO_ROOT,
  spawnService,
  waitFor,
  type ServiceProcess,
} from '../../../../libs/devstack/src';
import { createWebHandler, DEFAULT_WEB_DIST } from '../../server/serve-web';

export interface RunningSystem {
  /** Where the browser goes: the API itself when it serves the web app, else a local front. */
  webUrl: string;
  apiUrl: string;
  stop(): Promise<void>;
}

const say = (line: string) => process.stdout.write(`[web-e2e] ${line}\n`);

export async function startSystem(): Promise<RunningSystem> {
  const external = process.env.KARTA_E2E_URL;
  if (external) {
    const apiUrl = external.replace(/\/+$/, '');
    return { ...(await frontFor(apiUrl)), apiUrl };
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
  const front = await frontFor(apiUrl);
  return {
    webUrl: front.webUrl,
    apiUrl,
    stop: async () => {
      await front.stop();
      await stopDev();
    },
  };
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

/**
 * When the API already serves the web app (serveWeb in its bootstrap), the browser talks to it directly.
 * Otherwise a small local server serves apps/web/dist and passes /api and /health through to the API.
 */
async function frontFor(apiUrl: string): Promise<{ webUrl: string; stop: () => Promise<void> }> {
  try {
    const res = await fetch(`${apiUrl}/`);
    if (res.ok && (await res.text()).includes('<div id="root">'))
      return { webUrl: apiUrl, stop: async () => undefined };
  } catch {
    /* not served there */
  }
  if (!fs.existsSync(path.join(DEFAULT_WEB_DIST, 'index.html')))
    throw new Error('apps/web/dist is missing: build the web app first (nx run web:build)');
  const target = new URL(apiUrl);
  const web = createWebHandler();
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api') || url.startsWith('/health')) {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: url,
          headers: { ...req.headers, host: target.host },
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.statusCode = 502;
        res.end('API unavailable');
      });
      req.pipe(upstream);
      return;
    }
    web(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  say(`the API does not serve the web app yet: serving apps/web/dist on :${port}, /api proxied to ${apiUrl}`);
  return {
    webUrl: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

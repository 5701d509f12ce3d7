/**
 * `karta dev`: the whole system on embedded defaults, in one terminal. Starts the Temporal dev server,
 * PostgreSQL (embedded, unless DATABASE_URL is set), then the worker and the API (which runs the SMTP
 * catcher unless SMTP_URL is set), waits until everything is healthy, proves the wiring (a ping workflow,
 * a test email) and prints where to look. Ctrl-C stops everything, in order, leaving nothing behind.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createTransport } from 'nodemailer';
import {
  busyPorts,
  CaughtMail,
  isAlive,
  killGroup,
  NamedPort,
  REPO_ROOT,
  RunningPostgres,
  RunningTemporal,
  ServiceProcess,
  sleep,
  spawnService,
  startPostgres,
  startTemporalDevServer,
  waitFor,
  waitForHealth,
} from '@karta/devstack';

const HELP = `Usage: karta dev [options]

Starts Temporal (dev server + Web UI), PostgreSQL, the SMTP catcher, the worker and the API on this machine,
with their data in the data folder, and stops them all on Ctrl-C.

Options:
  --api-port N          API port (default: $PORT or 3000)
  --temporal-port N     Temporal gRPC port (default 7233)
  --ui-port N           Temporal Web UI port (default 8233)
  --pg-port N           embedded PostgreSQL port (default 5433; unused when DATABASE_URL is set)
  --smtp-port N         SMTP catcher port (default 1025; unused when SMTP_URL is set)
  --data-dir DIR        where everything keeps its data (default: $DATA_DIR or .data)
  --logs                also print the services' logs here (they always go to DATA_DIR/logs/)
  --no-test-email       do not send the "Karta запущена" email on start
  --no-demo             do not load the demo region, users and roadmap (loaded once, then reused)
  --exit-when-ready     stop everything once healthy and exit 0 (a smoke test of the whole stack)
  -h, --help            this text

Environment: DATABASE_URL, SMTP_URL or TEMPORAL_ADDRESS use that service instead of starting one;
every other variable (see .env.example) is passed to the API and the worker. A .env file is read if present.`;

interface DevOptions {
  apiPort: number;
  temporalPort: number;
  uiPort: number;
  pgPort: number;
  smtpPort: number;
  dataDir: string;
  logs: boolean;
  testEmail: boolean;
  demo: boolean;
  exitWhenReady: boolean;
}

export class UsageError extends Error {}

export function parseArgs(args: string[], env: NodeJS.ProcessEnv): DevOptions | 'help' {
  const options: DevOptions = {
    apiPort: Number(env.PORT ?? 3000),
    temporalPort: 7233,
    uiPort: 8233,
    pgPort: 5433,
    smtpPort: 1025,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(REPO_ROOT, '.data')),
    logs: false,
    testEmail: true,
    demo: true,
    exitWhenReady: false,
  };
  const ports: Record<string, keyof DevOptions> = {
    '--api-port': 'apiPort',
    '--temporal-port': 'temporalPort',
    '--ui-port': 'uiPort',
    '--pg-port': 'pgPort',
    '--smtp-port': 'smtpPort',
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split('=', 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '-h' || flag === '--help') return 'help';
    else if (flag === '--logs') options.logs = true;
    else if (flag === '--no-test-email') options.testEmail = false;
    else if (flag === '--no-demo') options.demo = false;
    else if (flag === '--exit-when-ready') options.exitWhenReady = true;
    else if (flag === '--data-dir') options.dataDir = path.resolve(value());
    else if (flag in ports) {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`${flag} must be a port number`);
      (options as unknown as Record<string, number>)[ports[flag]] = n;
    } else throw new UsageError(`unknown option ${flag}`);
  }
  if (!Number.isInteger(options.apiPort)) throw new UsageError('PORT must be a port number');
  return options;
}

/** What a running `karta dev` records in DATA_DIR/run/dev.json, so a second copy can tell it is there. */
interface RunRecord {
  pid: number;
  startedAt: string;
  ports: NamedPort[];
  children: { name: string; pid: number }[];
}

const say = (line: string): void => void process.stdout.write(line + '\n');
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export async function devCommand(args: string[]): Promise<number> {
  const envFile = path.join(REPO_ROOT, '.env');
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  let options: DevOptions | 'help';
  try {
    options = parseArgs(args, process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`karta dev: ${err.message}\n\n${HELP}\n`);
    return 2;
  }
  if (options === 'help') {
    say(HELP);
    return 0;
  }
  return new DevStack(options).run();
}

class DevStack {
  private readonly env = process.env;
  private readonly runFile: string;
  private readonly logsDir: string;
  private readonly record: RunRecord;
  private postgres?: RunningPostgres;
  private temporal?: RunningTemporal;
  private readonly apps: ServiceProcess[] = [];
  private stopping?: Promise<void>;
  private stopRequestedFlag = false;
  private requestStop!: () => void;
  private readonly stopRequested = new Promise<void>((resolve) => (this.requestStop = resolve));

  constructor(private readonly o: DevOptions) {
    this.runFile = path.join(o.dataDir, 'run', 'dev.json');
    this.logsDir = path.join(o.dataDir, 'logs');
    this.record = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      ports: this.ports(),
      children: [],
    };
  }

  private ports(): NamedPort[] {
    const ports: NamedPort[] = [{ name: 'API', port: this.o.apiPort }];
    if (!this.env.TEMPORAL_ADDRESS) {
      ports.push(
        { name: 'Temporal', port: this.o.temporalPort },
        { name: 'Temporal UI', port: this.o.uiPort },
      );
    }
    if (!this.env.DATABASE_URL) ports.push({ name: 'PostgreSQL', port: this.o.pgPort });
    if (!this.env.SMTP_URL) ports.push({ name: 'SMTP catcher', port: this.o.smtpPort });
    return ports;
  }

  async run(): Promise<number> {
    const started = Date.now();
    if (!(await this.preflight())) return 1;

    let signalled: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) return say(`karta dev: still stopping (${signal})…`);
      signalled = signal;
      say(`\nkarta dev: ${signal}, stopping everything…`);
      void this.stop();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);

    try {
      const urls = await this.start();
      if (signalled) throw new Error('interrupted');
      say(`\nKarta is running (ready in ${seconds(started)}):`);
      for (const [label, url] of urls) say(`  ${label.padEnd(12)} ${url}`);
      say(`  ${'Logs'.padEnd(12)} ${path.relative(process.cwd(), this.logsDir) || this.logsDir}/`);
      if (this.o.exitWhenReady) {
        await this.shutdown();
        return 0;
      }
      say('\nPress Ctrl-C to stop.');
      const crashed = await Promise.race([
        ...this.services().map((s) => s.exited.then(() => s)),
        this.stopRequested.then(() => undefined),
      ]);
      if (crashed && !this.stopRequestedFlag) {
        process.stderr.write(`\nkarta dev: ${crashed.describeExit()}\nStopping the rest…\n`);
        await this.shutdown();
        return 1;
      }
      await this.shutdown();
      return 0;
    } catch (err) {
      if (!signalled)
        process.stderr.write(`\nkarta dev: ${err instanceof Error ? err.message : String(err)}\n`);
      await this.shutdown();
      return signalled ? 0 : 1;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
    }
  }

  /** Refuses to start next to a running copy or on busy ports; cleans up after a copy that was killed. */
  private async preflight(): Promise<boolean> {
    const previous = readRecord(this.runFile);
    if (previous && previous.pid !== process.pid && isAlive(previous.pid)) {
      const busy = await busyPorts(previous.ports);
      process.stderr.write(
        `karta dev is already running (pid ${previous.pid}, since ${previous.startedAt}) with data in ${this.o.dataDir}.\n` +
          (busy.length ? `Busy ports: ${describePorts(busy)}.\n` : '') +
          'Stop it first (Ctrl-C in its terminal), or start another copy with --data-dir DIR and other ports.\n',
      );
      return false;
    }
    if (previous) await reapOrphans(previous);

    const busy = await busyPorts(this.record.ports);
    if (busy.length > 0) {
      const flags: Record<string, string> = {
        API: '--api-port',
        Temporal: '--temporal-port',
        'Temporal UI': '--ui-port',
        PostgreSQL: '--pg-port',
        'SMTP catcher': '--smtp-port',
      };
      process.stderr.write(
        `karta dev: cannot start, ${busy.length === 1 ? 'a port is' : 'ports are'} already in use: ${describePorts(busy)}.\n` +
          `Another program (or another karta dev) is listening there. Stop it, or pick free ports: ${busy
            .map((p) => `${flags[p.name]} N`)
            .join(' ')}\n`,
      );
      return false;
    }
    fs.mkdirSync(path.dirname(this.runFile), { recursive: true });
    this.saveRecord();
    return true;
  }

  private async start(): Promise<[string, string][]> {
    fs.mkdirSync(this.logsDir, { recursive: true });
    const host = '127.0.0.1';
    const rel = (p: string) => path.relative(process.cwd(), p) || p;

    const infra: Promise<void>[] = [this.buildWeb()];
    let databaseUrl = this.env.DATABASE_URL;
    if (!databaseUrl) {
      infra.push(
        (async () => {
          const t = Date.now();
          const dataDir = path.join(this.o.dataDir, 'postgres');
          this.postgres = await startPostgres({
            dataDir,
            port: this.o.pgPort,
            host,
            logFile: path.join(this.logsDir, 'postgres.log'),
          });
          this.track('postgres', this.postgres.process);
          databaseUrl = this.postgres.url;
          say(
            `✓ PostgreSQL on ${host}:${this.o.pgPort} (${this.postgres.initialised ? 'new' : 'existing'} data in ${rel(dataDir)}) ${seconds(t)}`,
          );
        })(),
      );
    }
    let temporalAddress = this.env.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      infra.push(
        (async () => {
          const t = Date.now();
          const dbFile = path.join(this.o.dataDir, 'temporal.db');
          const existed = fs.existsSync(dbFile);
          this.temporal = await startTemporalDevServer({
            ip: host,
            port: this.o.temporalPort,
            uiPort: this.o.uiPort,
            dbFile,
            namespaces: [this.env.TEMPORAL_NAMESPACE ?? 'default'],
            logFile: path.join(this.logsDir, 'temporal.log'),
            echo: this.o.logs,
          });
          this.track('temporal', this.temporal.process);
          temporalAddress = this.temporal.address;
          say(
            `✓ Temporal dev server on ${temporalAddress} (${existed ? 'existing' : 'new'} ${rel(dbFile)}) ${seconds(t)}`,
          );
        })(),
      );
    }
    await settleAll(infra);
    this.checkNotStopping();

    const namespace = this.env.TEMPORAL_NAMESPACE ?? 'default';
    const taskQueue = this.env.TEMPORAL_TASK_QUEUE ?? 'karta';
    const smtpUrl = this.env.SMTP_URL ?? `smtp://${host}:${this.o.smtpPort}`;
    const apiUrl = `http://localhost:${this.o.apiPort}`;
    const common: NodeJS.ProcessEnv = {
      ...this.env,
      NODE_ENV: this.env.NODE_ENV ?? 'development',
      DATA_DIR: this.o.dataDir,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
    };
    const t = Date.now();
    const worker = this.startApp('worker', 'apps/worker/src/main.ts', { ...common, SMTP_URL: smtpUrl });
    const api = this.startApp('api', 'apps/api/src/main.ts', {
      ...common,
      HOST: host,
      PORT: String(this.o.apiPort),
      PUBLIC_URL: this.env.PUBLIC_URL ?? apiUrl,
      SMTP_CATCHER_PORT: String(this.o.smtpPort),
    });

    const connection = Connection.lazy({ address: temporalAddress! });
    try {
      await settleAll([
        waitForHealth(`${apiUrl}/health`, {
          what: 'API health',
          timeoutMs: 120_000,
          intervalMs: 300,
          abort: () => api.describeExit(),
          progress: (down) => say(`… waiting for the API to be healthy; down: ${down}`),
        }).then(() => say(`✓ API healthy (postgres, temporal, smtp up) ${seconds(t)}`)),
        waitFor(
          async () => {
            const { pollers } = await connection.workflowService.describeTaskQueue({
              namespace,
              taskQueue: { name: taskQueue },
            });
            return pollers.length > 0;
          },
          {
            what: `worker polling '${taskQueue}'`,
            timeoutMs: 120_000,
            intervalMs: 300,
            abort: () => worker.describeExit(),
          },
        ).then(() => say(`✓ Worker polling task queue '${taskQueue}' ${seconds(t)}`)),
      ]);

      const client = new Client({ connection, namespace });
      const answer = await client.workflow.execute('pingWorkflow', {
        taskQueue,
        workflowId: `karta-dev-ping-${Date.now()}`,
        args: ['karta dev'],
        workflowExecutionTimeout: '30 seconds',
      });
      say(`✓ Ping workflow ran on the worker: ${String(answer)}`);
    } finally {
      await connection.close();
    }

    this.checkNotStopping();
    if (this.o.testEmail) await this.sendTestEmail(smtpUrl, apiUrl, temporalAddress!);
    this.checkNotStopping();
    if (this.o.demo) await this.loadDemo(apiUrl);

    const urls: [string, string][] = [
      ['Web', `${apiUrl}/`],
      ['API', `${apiUrl}/api`],
      ['OpenAPI', `${apiUrl}/api/docs`],
      ['Health', `${apiUrl}/health`],
    ];
    if (this.temporal?.uiUrl) urls.push(['Temporal UI', `http://localhost:${this.o.uiPort}`]);
    else urls.push(['Temporal', temporalAddress!]);
    urls.push([
      'Mailbox',
      this.env.SMTP_URL ? `(mail goes to ${redact(smtpUrl)})` : `${apiUrl}/api/dev/mailbox`,
    ]);
    if (this.postgres) urls.push(['PostgreSQL', redact(this.postgres.url)]);
    return urls;
  }

  private startApp(name: string, entry: string, env: NodeJS.ProcessEnv): ServiceProcess {
    const service = spawnService({
      name,
      command: process.execPath,
      args: [
        '--enable-source-maps',
        '-r',
        path.join(REPO_ROOT, 'scripts', 'register.js'),
        path.join(REPO_ROOT, entry),
      ],
      cwd: REPO_ROOT,
      env,
      ipc: true,
      logFile: path.join(this.logsDir, `${name}.log`),
      echo: this.o.logs,
    });
    this.apps.push(service);
    this.track(name, service);
    return service;
  }

  private async sendTestEmail(smtpUrl: string, apiUrl: string, temporalAddress: string): Promise<void> {
    const subject = 'Karta запущена';
    const transport = createTransport(smtpUrl);
    try {
      await transport.sendMail({
        from: this.env.MAIL_FROM ?? 'Karta <karta@localhost>',
        to: 'dev@karta.local',
        subject,
        text: `Karta запущена ${new Date().toISOString()}.\nAPI: ${apiUrl}/api\nTemporal: ${temporalAddress}\n`,
      });
    } finally {
      transport.close();
    }
    if (this.env.SMTP_URL) return say(`✓ Test email sent to ${redact(smtpUrl)}`);
    await waitFor(
      async () => {
        const response = await fetch(`${apiUrl}/api/dev/mailbox?to=dev@karta.local`);
        const mails = (await response.json()) as CaughtMail[];
        return mails.some((m) => m.subject === subject && Date.now() - Date.parse(m.date) < 60_000);
      },
      { what: 'test email in the mailbox', timeoutMs: 10_000 },
    );
    say(`✓ Test email "${subject}" is in the mailbox`);
  }

  /** Builds apps/web/dist when it is missing or older than its sources (a no-op otherwise), in a child process. */
  private async buildWeb(): Promise<void> {
    const t = Date.now();
    const log = path.join(this.logsDir, 'web-build.log');
    const build = spawnService({
      name: 'web build',
      command: process.execPath,
      args: [path.join(REPO_ROOT, 'apps', 'web', 'ensure-built.js')],
      cwd: REPO_ROOT,
      env: this.env,
      logFile: log,
      echo: this.o.logs,
    });
    const exit = await build.exited;
    if (exit.code !== 0) throw new Error(`building the web app failed (${build.describeExit()}); see ${log}`);
    say(`✓ Web app built in apps/web/dist ${seconds(t)}`);
  }

  /**
   * Loads the demo region, its users and a launched roadmap (the API makes this idempotent: a second start
   * reuses them), and prints the accounts.
   */
  private async loadDemo(apiUrl: string): Promise<void> {
    const t = Date.now();
    const response = await fetch(`${apiUrl}/api/dev/demo`, { method: 'POST' });
    if (!response.ok) {
      throw new Error(`loading the demo failed: POST /api/dev/demo answered ${response.status} ${await response.text()}`);
    }
    const demo = (await response.json()) as {
      created: boolean;
      password: string;
      users: Array<{ email: string; role: string }>;
      launch?: { activities: number; workflows: { started: number } };
    };
    const launched = demo.launch ? `, ${demo.launch.workflows.started} workflows started` : '';
    say(`✓ Demo ${demo.created ? 'loaded' : 'already there'}${launched} ${seconds(t)}`);
    say(`  Demo users (password ${demo.password}): ${demo.users.map((u) => u.email).join(', ')}`);
  }

  private services(): ServiceProcess[] {
    return [...this.apps, this.temporal?.process, this.postgres?.process].filter(
      (s): s is ServiceProcess => !!s,
    );
  }

  private track(name: string, service: ServiceProcess): void {
    this.record.children.push({ name, pid: service.pid });
    this.saveRecord();
  }

  private saveRecord(): void {
    fs.writeFileSync(this.runFile, JSON.stringify(this.record, null, 2));
  }

  /**
   * Apps first (they drain), then Temporal and PostgreSQL. Safe to call again: each call also stops what
   * was started since (a Ctrl-C during start-up lands between steps).
   */
  stop(): Promise<void> {
    this.stopRequestedFlag = true;
    this.requestStop();
    this.stopping = (this.stopping ?? Promise.resolve()).then(async () => {
      await Promise.all(this.apps.map((s) => s.stop('SIGTERM', 15_000)));
      await Promise.all([this.temporal?.stop(), this.postgres?.stop()]);
    });
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    const t = Date.now();
    await this.stop();
    if (readRecord(this.runFile)?.pid === process.pid) fs.rmSync(this.runFile, { force: true });
    say(`karta dev: stopped everything in ${seconds(t)}`);
  }

  private checkNotStopping(): void {
    if (this.stopRequestedFlag) throw new Error('interrupted');
  }
}

/** Waits for every promise, then throws the first failure (so nothing is left half-started unseen). */
async function settleAll(promises: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function readRecord(file: string): RunRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}

/** Stops processes a killed (SIGKILL) supervisor left behind, when they still look like ours. */
async function reapOrphans(previous: RunRecord): Promise<void> {
  const markers: Record<string, string> = {
    postgres: 'postgres',
    temporal: 'temporal',
    api: 'main.ts',
    worker: 'main.ts',
  };
  const left = previous.children.filter((child) => {
    if (!isAlive(child.pid)) return false;
    try {
      return fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').includes(markers[child.name] ?? '\0');
    } catch {
      return false;
    }
  });
  for (const child of left) {
    say(`karta dev: stopping ${child.name} (pid ${child.pid}) left over from a run that was killed`);
    killGroup(child.pid, child.name === 'postgres' ? 'SIGINT' : 'SIGTERM');
  }
  const deadline = Date.now() + 15_000;
  while (left.some((c) => isAlive(c.pid)) && Date.now() < deadline) await sleep(100);
  for (const child of left) killGroup(child.pid, 'SIGKILL');
}

function describePorts(ports: NamedPort[]): string {
  return ports.map((p) => `${p.port} (${p.name})`).join(', ');
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

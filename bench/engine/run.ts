/**
 * bench/engine: launch N activity workflows on a Temporal dev server on this machine and measure
 *   - launch throughput (workflows started per second, client → server),
 *   - reminder lateness: every workflow has one reminder due in the same minute; p50/p99/max between the
 *     intended send time and the moment the notify activity handed the email to the mailer,
 *   - worker and server memory (peak RSS).
 * Activities use the in-memory outbox/mailer/projection, so the figures are the engine's (Temporal +
 * workflow code), not PostgreSQL's or SMTP's.
 *
 *   node -r ./scripts/register.js bench/engine/run.ts [--n 1000] [--concurrency 200] [--address host:port]
 *
 * Without --address it starts `temporal server start-dev` (in-memory) on a free port and stops it after.
 */
import * as fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/src/activities';
import { InMemoryOutbox, InMemoryProjection } from '../../activities/src/testing';
import { Mail, Mailer } from '../../activities/src/ports';
import { freePort, startTemporalDevServer, RunningTemporal } from '../../libs/devstack/src';
import { activityWorkflowId, ActivityWorkflowInput } from '../../workflows/src/messages';

interface Options {
  n: number;
  concurrency: number;
  address?: string;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const n = Number(get('n') ?? process.env.BENCH_N ?? 1000);
  const concurrency = Number(get('concurrency') ?? 200);
  if (!Number.isInteger(n) || n < 1) throw new Error('--n must be a positive integer');
  return { n, concurrency, address: get('address') };
}

/** Notes when each email left; a reminder's lateness is that minus its intended time. */
class TimingMailer implements Mailer {
  readonly sentAt = new Map<string, number>();
  async send(mail: Mail): Promise<void> {
    this.sentAt.set(mail.headers?.['X-Karta-Key'] ?? mail.messageId, Date.now());
  }
}

function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb * 1024;
  } catch {
    return 0;
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function input(i: number, due: string, sendAt: string): ActivityWorkflowInput {
  const person = (role: string) => ({
    userId: `${role}-${i}`,
    email: `${role}-${i}@bench.karta`,
    name: `${role} ${i}`,
  });
  return {
    roadmapId: 'bench',
    activityId: `bench-${i}`,
    title: `Мероприятие ${i}`,
    tz: 'UTC',
    termKind: 'once',
    occurrences: [{ occurrenceId: `bench-${i}-1`, start: null, due, kind: 'deadline' }],
    participants: {
      organizations: [
        {
          organizationId: 'org',
          name: 'КОИРО',
          lead: true,
          executors: [person('executor')],
          heads: [person('head')],
        },
      ],
      curators: [person('curator')],
    },
    // One reminder on the due day at `sendAt` UTC, whatever the weekday: every workflow fires in the same minute.
    policy: { reminderOffsets: [0], sendAt, calendar: 'every-day' },
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  Runtime.install({ logger: new DefaultLogger('WARN') });

  let server: RunningTemporal | undefined;
  let address = options.address;
  if (!address) {
    server = await startTemporalDevServer({ port: await freePort(), startTimeoutMs: 60_000 });
    address = server.address;
  }
  const serverPid = server?.process.pid;
  let peakServer = 0;
  let peakWorker = 0;
  const sampler = setInterval(() => {
    peakWorker = Math.max(peakWorker, process.memoryUsage().rss);
    if (serverPid) peakServer = Math.max(peakServer, rssOf(serverPid));
  }, 250);

  const taskQueue = `bench-${Date.now()}`;
  const mailer = new TimingMailer();
  const outbox = new InMemoryOutbox();
  const projection = new InMemoryProjection();
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    // A prebuilt bundle (as the workflow tests' globalSetup writes) when given; else bundle now.
    ...(process.env.KARTA_WORKFLOW_BUNDLE
      ? { workflowBundle: { code: fs.readFileSync(process.env.KARTA_WORKFLOW_BUNDLE, 'utf8') } }
      : { workflowsPath: require.resolve('../../workflows/src/workflows') }),
    activities: createActivities({
      mailer,
      outbox,
      projection,
      publicUrl: 'http://bench',
    }),
    maxConcurrentWorkflowTaskExecutions: 100,
    maxConcurrentActivityTaskExecutions: 200,
    maxCachedWorkflows: Math.min(options.n, 10_000),
  });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });

  // The burst minute: far enough ahead for every workflow to have done its launch work (first task and
  // projection) before it, so the lateness measured is the burst's, not the launch backlog's.
  const lead = Math.max(60_000, options.n * Number(process.env.BENCH_MS_PER_WORKFLOW ?? 50));
  const burst = new Date(Math.ceil((Date.now() + lead) / 60_000) * 60_000);
  const due = burst.toISOString().slice(0, 10);
  const sendAt = burst.toISOString().slice(11, 16);

  const running = worker.run();
  const launchStarted = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.n) {
        const i = next++;
        await client.workflow.start('activityWorkflow', {
          taskQueue,
          workflowId: activityWorkflowId(`bench-${i}-${taskQueue}`),
          args: [input(i, due, sendAt)],
        });
      }
    }),
  );
  const launchMs = Date.now() - launchStarted;
  process.stdout.write(
    `launched ${options.n} in ${(launchMs / 1000).toFixed(1)} s; reminders due at ${burst.toISOString()}\n`,
  );
  while (projection.activities.size < options.n && Date.now() < burst.getTime()) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const settledMs = Date.now() - launchStarted;
  const settledAll = projection.activities.size === options.n;

  const deadline = burst.getTime() + 15 * 60_000;
  while (mailer.sentAt.size < options.n && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  const intended = burst.getTime();
  const lateness = [...outbox.entries.values()]
    .filter((e) => e.kind === 'reminder')
    .map((e) => (mailer.sentAt.get(e.key) ?? NaN) - (e.scheduledFor?.getTime() ?? intended))
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b);
  clearInterval(sampler);

  const lines = [
    `N = ${options.n} workflows (one reminder each, all due ${burst.toISOString()})`,
    `launch throughput: ${(options.n / (launchMs / 1000)).toFixed(0)} workflows/s started (${(launchMs / 1000).toFixed(1)} s, ${options.concurrency} concurrent starts)`,
    settledAll
      ? `launch settled: ${(options.n / (settledMs / 1000)).toFixed(0)} workflows/s through first task + projection (${(settledMs / 1000).toFixed(1)} s)`
      : `launch NOT settled before the burst (${projection.activities.size}/${options.n}): raise BENCH_MS_PER_WORKFLOW`,
    `reminders sent: ${lateness.length}/${options.n}`,
    `reminder lateness: p50 ${(pct(lateness, 50) / 1000).toFixed(2)} s, p99 ${(pct(lateness, 99) / 1000).toFixed(2)} s, max ${(lateness.at(-1)! / 1000).toFixed(2)} s`,
    `worker peak RSS: ${mb(peakWorker)} (bench process: client + worker)`,
    serverPid
      ? `server peak RSS: ${mb(peakServer)} (temporal server start-dev, in-memory SQLite)`
      : 'server RSS: not measured (external server)',
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);

  worker.shutdown();
  await running;
  await connection.close();
  await nativeConnection.close();
  await server?.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench/engine: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

/** `karta dev`, the start command, run for real as a newcomer would, on free ports and a private data folder. */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePorts } from '../libs/devstack/src/ports';

const karta = path.join(__dirname, '..', 'bin', 'karta');

interface Run {
  code: number | null;
  out: string;
  err: string;
  ms: number;
}

describe('karta dev', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karta-dev-'));
  fs.chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user, which must reach its data
  let ports: Record<'api' | 'temporal' | 'ui' | 'pg' | 'smtp', number>;
  let args: string[];
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'TEMPORAL_ADDRESS', 'PORT', 'DATA_DIR']) delete env[name];

  beforeAll(async () => {
    const [api, temporal, ui, pg, smtp] = await freePorts(5);
    ports = { api, temporal, ui, pg, smtp };
    args = ['dev', '--data-dir', dataDir, '--api-port', `${api}`, '--temporal-port', `${temporal}`];
    args.push('--ui-port', `${ui}`, '--pg-port', `${pg}`, '--smtp-port', `${smtp}`);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  function start(extra: string[] = []): {
    child: ChildProcess;
    done: Promise<Run>;
    output: () => string;
  } {
    const started = Date.now();
    const child = spawn(karta, [...args, ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const done = new Promise<Run>((resolve) =>
      child.on('exit', (code) => resolve({ code, out, err, ms: Date.now() - started })),
    );
    return { child, done, output: () => out + err };
  }

  it('brings everything up healthy, proves the wiring, and stops cleanly', async () => {
    const run = await start(['--exit-when-ready']).done;
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('new data in');
    expect(run.out).toContain('✓ API healthy (postgres, temporal, smtp up)');
    expect(run.out).toContain("✓ Worker polling task queue 'karta'");
    expect(run.out).toContain('✓ Ping workflow ran on the worker');
    expect(run.out).toContain('✓ Test email "Karta запущена" is in the mailbox');
    expect(run.out).toContain(`http://localhost:${ports.api}/api/docs`);
    expect(run.out).toContain(`http://localhost:${ports.ui}`);
    expect(fs.existsSync(path.join(dataDir, 'temporal.db'))).toBe(true);
  });

  it('refuses to start on busy ports and names them', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(ports.smtp, '127.0.0.1', resolve));
    try {
      const run = await start().done;
      expect(run.code).toBe(1);
      expect(run.err).toContain(`${ports.smtp} (SMTP catcher)`);
      expect(run.err).toContain('--smtp-port');
      expect(run.err).not.toMatch(/\n\s+at /); // a message, not a stack trace
    } finally {
      blocker.close();
    }
  });

  it('starts again on the same data, tells a second copy it is running, and Ctrl-C leaves nothing', async () => {
    const first = start();
    await waitUntil(
      () => first.output().includes('Press Ctrl-C') || first.child.exitCode !== null,
      90_000,
      first.output,
    );
    expect(first.child.exitCode).toBeNull();
    expect(first.output()).toContain('existing data in');
    expect(first.output()).toMatch(/existing .*temporal\.db/);
    expect(first.output()).toContain('✓ API healthy');
    expect(Number(/ready in ([\d.]+) s/.exec(first.output())?.[1])).toBeLessThan(60);
    const record = JSON.parse(fs.readFileSync(path.join(dataDir, 'run', 'dev.json'), 'utf8')) as {
      children: { name: string; pid: number }[];
    };
    expect(record.children.map((c) => c.name).sort()).toEqual(['api', 'postgres', 'temporal', 'worker']);

    const second = await start().done;
    expect(second.code).toBe(1);
    expect(second.err).toContain('already running');
    expect(second.err).toContain(`${ports.api} (API)`);
    expect(second.err).toContain(`${ports.temporal} (Temporal)`);

    first.child.kill('SIGINT');
    const run = await first.done;
    expect(run.code).toBe(0);
    expect(run.out).toContain('stopped everything');
    const alive = record.children.filter((c) => {
      try {
        process.kill(c.pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'run', 'dev.json'))).toBe(false);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

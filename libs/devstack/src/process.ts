import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { guardGroup, releaseGroup } from './watchdog';

export interface SpawnServiceOptions {
  /** Short name used in messages, e.g. "postgres". */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here. */
  logFile?: string;
  /** Also copy the output to our stdout, each line prefixed with the name. */
  echo?: boolean;
  /** Open an IPC channel: Node children see 'disconnect' when we die and can shut down. */
  ipc?: boolean;
  uid?: number;
  gid?: number;
  /** What the watchdog sends the group if we die without stopping it (default SIGTERM); false: nothing. */
  guard?: NodeJS.Signals | false;
}

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A child process in its own process group, so that stopping it also stops whatever it started
 * (postgres backends, node workers) and a terminal Ctrl-C does not reach it before we decide the order.
 */
export class ServiceProcess {
  readonly pid: number;
  readonly exited: Promise<ServiceExit>;
  private exitInfo?: ServiceExit;
  private readonly recent: string[] = [];

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    private readonly options: SpawnServiceOptions,
  ) {
    if (child.pid === undefined) throw new Error(`${name}: could not start ${options.command}`);
    this.pid = child.pid;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        killGroup(this.pid, 'SIGKILL'); // whatever the leader left in its group would be an orphan now
        releaseGroup(this.pid);
        resolve(this.exitInfo);
      });
    });
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** Why it is not running, or undefined while it is. */
  describeExit(): string | undefined {
    if (!this.exitInfo) return undefined;
    const how = this.exitInfo.signal ? `signal ${this.exitInfo.signal}` : `code ${this.exitInfo.code}`;
    const log = this.options.logFile ? ` (full log: ${this.options.logFile})` : '';
    return `${this.name} exited with ${how}${log}${this.recent.length ? `; last output:\n${this.tail()}` : ''}`;
  }

  /** The last lines it printed. */
  tail(lines = 30): string {
    return this.recent
      .slice(-lines)
      .map((l) => `    ${l}`)
      .join('\n');
  }

  record(chunk: Buffer): void {
    const text = chunk.toString('utf8');
    for (const line of text.split('\n')) {
      if (line.trim()) this.recent.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
    }
    if (this.recent.length > 100) this.recent.splice(0, this.recent.length - 100);
  }

  /**
   * Sends `signal` to the whole process group, waits up to `timeoutMs` for the leader to exit, then
   * SIGKILLs the group (also reaping anything the leader left behind).
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<ServiceExit> {
    if (this.running) {
      killGroup(this.pid, signal);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        this.exited.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (timedOut) killGroup(this.pid, 'SIGKILL');
    }
    return this.exited;
  }

  /** The IPC channel, when `ipc` was set. */
  get channel(): ChildProcess {
    return this.child;
  }

  get logFile(): string | undefined {
    return this.options.logFile;
  }
}

export function spawnService(options: SpawnServiceOptions): ServiceProcess {
  let log: fs.WriteStream | undefined;
  if (options.logFile) {
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    log = fs.createWriteStream(options.logFile, { flags: 'a' });
    log.on('error', () => undefined);
  }
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    uid: options.uid,
    gid: options.gid,
  });
  const service = new ServiceProcess(options.name, child, options);
  if (options.guard !== false) guardGroup(service.pid, options.guard ?? 'SIGTERM');
  // The child has its own group; do not let it keep our event loop alive once we are done with it.
  const onData = (chunk: Buffer) => {
    service.record(chunk);
    log?.write(chunk);
    if (options.echo) echo(options.name, chunk);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  void service.exited.then(() => log?.end());
  return service;
}

function echo(name: string, chunk: Buffer): void {
  const prefix = `[${name}] `;
  const lines = chunk.toString('utf8').split('\n').filter(Boolean);
  process.stdout.write(lines.map((l) => prefix + l + '\n').join(''));
}

/** Signals the process group led by `pid`; a group that is already gone is fine. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

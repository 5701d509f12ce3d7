import { ChildProcess, spawn } from 'node:child_process';

/**
 * A tiny detached process that outlives us by a few seconds: it holds the process groups we started and,
 * when our end of its stdin closes (we exited, crashed or were SIGKILLed), stops them. This is what keeps
 * `karta dev` and the test stack from leaving PostgreSQL or Temporal behind, whatever happens to us.
 */
const WATCHDOG = `
const groups = new Map();
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let i = buffer.indexOf('\\n'); i >= 0; i = buffer.indexOf('\\n')) {
    const [op, pid, signal] = buffer.slice(0, i).split(' ');
    buffer = buffer.slice(i + 1);
    if (op === '+') groups.set(Number(pid), signal); else groups.delete(Number(pid));
  }
});
const alive = (pid) => { try { process.kill(-pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const kill = (pid, signal) => { try { process.kill(-pid, signal); } catch {} };
process.stdin.on('end', () => {
  for (const [pid, signal] of groups) kill(pid, signal);
  const started = Date.now();
  const timer = setInterval(() => {
    for (const pid of groups.keys()) if (!alive(pid)) groups.delete(pid);
    if (groups.size === 0) process.exit(0);
    if (Date.now() - started > 15000) { for (const pid of groups.keys()) kill(pid, 'SIGKILL'); process.exit(0); }
  }, 100);
});
`;

let watchdog: ChildProcess | undefined;

function ensureWatchdog(): ChildProcess {
  if (watchdog && watchdog.exitCode === null && watchdog.stdin?.writable) return watchdog;
  watchdog = spawn(process.execPath, ['-e', WATCHDOG], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void }).unref?.();
  watchdog.stdin?.on('error', () => undefined);
  return watchdog;
}

/** Have the watchdog stop process group `pgid` with `signal` should we die first. */
export function guardGroup(pgid: number, signal: NodeJS.Signals): void {
  ensureWatchdog().stdin?.write(`+ ${pgid} ${signal}\n`);
}

/** The group is gone (we stopped it ourselves). */
export function releaseGroup(pgid: number): void {
  if (watchdog?.stdin?.writable) watchdog.stdin.write(`- ${pgid}\n`);
}

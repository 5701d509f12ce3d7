/**
 * `bin/karta import` end to end: a child process, as a user runs it.
 */
import { spawnSync } from 'child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { progressBar } from '../src/cli';
import { FIXTURES_DIR, REPO_ROOT } from './helpers';

const karta = (...args: string[]) =>
  spawnSync(resolve(REPO_ROOT, 'bin', 'karta'), ['import', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, FORCE_COLOR: '0' },
  });

describe('karta import', () => {
  it('--json prints one ImportResult object', () => {
    const run = karta(join(FIXTURES_DIR, 'roadmap.docx'), '--json');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.source).toEqual({ file: join(FIXTURES_DIR, 'roadmap.docx'), format: 'docx' });
    expect(result.activities).toHaveLength(10);
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining(['source', 'title', 'approved', 'period', 'activities', 'warnings']),
    );
    expect(result.activities[0].term).toMatchObject({
      raw: 'До 01.03.2024',
      input: 'До 01.03.2024',
      kind: 'once',
    });
  }, 60_000);

  it('detects the format from the bytes, whatever the file is called', () => {
    const dir = mkdtempSync(join(tmpdir(), 'karta-import-'));
    const renamed: Array<[string, string, string]> = [
      ['roadmap.docx', 'plan.txt', 'docx'],
      ['roadmap.pdf', 'plan.html', 'pdf'],
      ['roadmap.xlsx', 'plan.pdf', 'xlsx'],
      ['roadmap.html', 'plan.docx', 'html'],
      ['roadmap.txt', 'plan.xlsx', 'text'],
    ];
    for (const [from, to, format] of renamed) {
      writeFileSync(join(dir, to), readFileSync(join(FIXTURES_DIR, from)));
      const run = karta(join(dir, to), '--json');
      expect(run.status).toBe(0);
      const r = JSON.parse(run.stdout);
      expect([to, r.source.format, r.activities.length]).toEqual([to, format, 10]);
    }
  }, 60_000);

  it('without --json prints a summary: counts by term kind, rows needing review, warnings', () => {
    const run = karta(join(FIXTURES_DIR, 'roadmap.txt'), '--format', 'text');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Мероприятий: 10 в 3 разд.');
    expect(run.stdout).toMatch(
      /Сроки: once \d+ · recurring \d+ · continuous \d+ · external \d+ · none \d+ · unknown \d+/,
    );
    expect(run.stdout).toMatch(/Требуют проверки срока: \d+/);
    expect(run.stdout).toContain('Предупреждения: 0');
  }, 60_000);

  it('fails with one line and a non-zero status on junk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'karta-import-'));
    const junk = join(dir, 'junk.docx');
    writeFileSync(junk, Buffer.from([0, 1, 2, 3, 250, 251, 0, 7, 8, 9]));
    const run = karta(junk);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^karta import: junk\.docx: .*binary/);
  }, 60_000);

  it('refuses a 50 MB file with one line, before reading it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'karta-import-'));
    const big = join(dir, 'big.txt');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024); // sparse: nothing is written
    closeSync(fd);
    const run = karta(big, '--json');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'karta import: big.txt: Файл слишком велик: 50.0 МБ, предел 25.0 МБ — the file is too large (50.0 MB > 25.0 MB)\n',
    );
  }, 60_000);

  it('says so when the file is missing or the usage is wrong', () => {
    const missing = karta('/nonexistent/plan.pdf');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('karta import: cannot read /nonexistent/plan.pdf: ENOENT\n');
    expect(karta().status).toBe(2);
    expect(karta(join(FIXTURES_DIR, 'roadmap.txt'), '--format', 'odt').status).toBe(2);
  }, 60_000);
});

describe('progress bar', () => {
  it('draws in place and clears itself', () => {
    let out = '';
    const bar = progressBar({ write: (s: string) => (out += s), isTTY: true, columns: 60 }, 'plan.pdf');
    bar.update(0);
    bar.update(0.5);
    bar.update(0.5);
    bar.update(1);
    bar.done();
    const frames = out.split('\r').filter(Boolean);
    expect(frames).toHaveLength(4);
    expect(frames[1]).toMatch(/^\[█+░+\] {2}50% plan\.pdf$/);
    expect(frames[3]!.trim()).toBe('');
  });
});

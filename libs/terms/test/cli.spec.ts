/** `bin/karta term` end to end: a real process, stdin and exit codes. */
import { spawn, spawnSync } from 'child_process';
import * as path from 'path';
import { DateTime } from 'luxon';

const KARTA = path.resolve(__dirname, '..', '..', '..', 'bin', 'karta');

function karta(args: string[], input?: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(KARTA, ['term', ...args], { input: input ?? '', encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('karta term', () => {
  jest.setTimeout(120000);

  it('prints one JSON object for a PHRASE', () => {
    const r = karta([
      'Октябрь, ежегодно',
      '--from',
      '2023-01-01',
      '--to',
      '2024-12-31',
      '--tz',
      'Asia/Yakutsk',
    ]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      input: 'Октябрь, ежегодно',
      kind: 'recurring',
      occurrences: [
        { start: '2023-10-01', due: '2023-10-31' },
        { start: '2024-10-01', due: '2024-10-31' },
      ],
      window: { start: '2023-10-01', end: '2024-10-31' },
      needsReview: false,
    });
  });

  it('reads stdin as JSON Lines, one line out per line in, a blank line giving none', () => {
    const r = karta(
      ['--from', '2021-01-01', '--to', '2021-12-31'],
      'До 01.05.2021\n\nВ течение периода\r\nчто-то непонятное\nХ',
    );
    expect(r.code).toBe(0);
    const out = r.out
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => [o.input, o.kind])).toEqual([
      ['До 01.05.2021', 'once'],
      ['', 'none'],
      ['В течение периода', 'continuous'],
      ['что-то непонятное', 'unknown'],
      ['Х', 'none'],
    ]);
    expect(out[0].occurrences).toEqual([{ start: null, due: '2021-05-01' }]);
    expect(out[3]).toMatchObject({ needsReview: true, reason: expect.any(String) });
  });

  it('defaults to the current year in the zone', () => {
    const year = DateTime.now().setZone('Europe/Moscow').year;
    const r = karta(['весь период']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).window).toEqual({ start: `${year}-01-01`, end: `${year}-12-31` });
  });

  it('stops quietly when the reader closes the pipe early (`| head -1`)', async () => {
    const child = spawn(KARTA, ['term', '--from', '2023-01-01', '--to', '2023-12-31']);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdin.on('error', () => undefined);
    child.stdin.end('Ежемесячно\n'.repeat(200000));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it.each([
    [['--bogus', 'x']],
    [['x', '--from', '2023-02-30']],
    [['x', '--from', '2024-01-01', '--to', '2023-01-01']],
    [['x', '--tz', 'Mars/Olympus']],
    [['x', '--from']],
  ])('rejects bad flags %j with exit 2 and a message', (args) => {
    const r = karta(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/karta term: .+\nusage: karta term/);
  });
});

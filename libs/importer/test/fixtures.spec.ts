/**
 * The roadmap written for the tests (fixtures/roadmap-content.ts), rendered in every format by
 * fixtures/generate.ts, must come back as exactly the same activities whatever the format.
 */
import { parseTerm } from '@karta/terms';
import * as iconv from 'iconv-lite';
import { importRoadmap, type ImportFormat, type ImportResult } from '../src';
import { TITLE, expectedActivities } from './fixtures/roadmap-content';
import { fixture } from './helpers';

const FORMATS: Array<[string, ImportFormat, string?]> = [
  ['roadmap.txt', 'text', 'utf-8'],
  ['roadmap-box.txt', 'text', 'windows-1251'],
  ['roadmap.docx', 'docx'],
  ['roadmap.pdf', 'pdf'],
  ['roadmap-unruled.pdf', 'pdf'],
  ['roadmap.html', 'html', 'utf-8'],
  ['roadmap.xlsx', 'xlsx'],
];

const view = (r: ImportResult) =>
  r.activities.map((a) => ({
    number: a.number,
    section: a.section,
    parent: a.parent,
    title: a.title,
    responsible: a.responsible,
    executors: a.executors,
    term: a.term.raw,
    result: a.result,
  }));

describe.each(FORMATS)('%s', (file, format, encoding) => {
  let r: ImportResult;
  beforeAll(async () => {
    r = await importRoadmap({ bytes: fixture(file), fileName: file });
  }, 30_000);

  it(`is detected as ${format} from its bytes`, () => {
    expect(r.source).toEqual({ file, format, ...(encoding ? { encoding } : {}) });
  });

  it('gives back the written activities', () => {
    expect(view(r)).toEqual(expectedActivities());
  });

  it('reads the title, approval and period', () => {
    expect(r.title).toBe(TITLE);
    expect(r.approved).toEqual({
      by: 'приказом министерства образования Энской области',
      date: '2024-01-10',
      number: '42',
      instrument: 'приказ',
    });
    expect(r.period).toEqual({ from: '2024-01-01', to: '2025-12-31' });
    expect(r.termContext).toEqual({
      from: '2024-01-01',
      to: '2025-12-31',
      tz: 'Europe/Moscow',
      basis: 'document',
    });
  });

  it('has nothing to warn about (but that a table drawn without lines was read by position)', () => {
    expect(r.warnings).toEqual(
      file === 'roadmap-unruled.pdf'
        ? [{ line: null, message: expect.stringContaining('нет линий таблицы') }]
        : [],
    );
  });

  it('keeps schedule facts from outside the term cell', () => {
    const hints = Object.fromEntries(r.activities.map((a) => [a.number, a.scheduleHints]));
    expect(hints['1.3.']).toEqual(['не менее 2 раз в год']);
    expect(hints['2.3.']).toEqual(['ежеквартальных совещаний']);
    expect(hints['3.3.']).toEqual(['Не менее 30 участников ежегодно']);
  });

  it('points every activity at its place in the file', () => {
    const lines = r.activities.map((a) => a.source.line);
    expect([...lines].sort((x, y) => x - y)).toEqual(lines);
    expect(new Set(lines).size).toBe(lines.length);
    if (format === 'pdf')
      expect(r.activities.map((a) => a.source.page)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
    if (format === 'xlsx') expect(r.activities[0]!.source).toEqual({ line: 10, sheet: 'План' });
  });
});

describe('terms of the fixture roadmap, as the term engine reads them against the plan period', () => {
  let byNumber: Record<string, ImportResult['activities'][number]>;
  beforeAll(async () => {
    const r = await importRoadmap({ bytes: fixture('roadmap.txt') });
    byNumber = Object.fromEntries(r.activities.map((a) => [a.number!, a]));
  });

  it.each<[string, string, string[]]>([
    ['1.1.', 'once', ['2024-03-01']],
    ['1.2.', 'once', ['2024-04-15']],
    ['1.3.', 'recurring', ['2024-10-31', '2025-10-31']],
    ['2.2.', 'once', ['2024-12-31']],
    ['3.2.', 'recurring', ['2024-12-31', '2025-12-31']],
    ['3.4.', 'once', ['2025-11-30']],
  ])('%s is %s, due %j', (number, kind, dues) => {
    const t = byNumber[number]!.term;
    expect(t.kind).toBe(kind);
    expect(t.occurrences.map((o) => o.due)).toEqual(dues);
  });

  it('reads the continuous, external and quarterly terms', () => {
    expect(byNumber['3.1.']!.term.kind).toBe('continuous');
    expect(byNumber['3.3.']!.term.kind).toBe('external');
    expect(byNumber['2.3.']!.term).toMatchObject({ kind: 'recurring' });
    expect(byNumber['2.3.']!.term.occurrences).toHaveLength(8);
  });
});

describe('a schedule drawn as marks under period columns', () => {
  it.each(['schedule.txt', 'schedule.html'])(
    '%s: raw joins the marks, the term is the marked periods',
    async (file) => {
      const r = await importRoadmap({ bytes: fixture(file) });
      expect(r.period).toEqual({ from: '2024-01-01', to: '2024-12-31' });
      expect(r.columns.filter((c) => c.role === 'period')).toHaveLength(4);
      const terms = r.activities.map((a) => [a.term.raw, a.term.kind, a.term.occurrences.map((o) => o.due)]);
      expect(terms).toEqual([
        ['х | - | х | -', 'recurring', ['2024-03-31', '2024-09-30']],
        ['- | - | - | х', 'once', ['2024-12-31']],
        ['х | х | х | х', 'recurring', ['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31']],
      ]);
      expect(r.activities[0]!.term.window).toEqual({ start: '2024-01-01', end: '2024-09-30' });
    },
  );

  it('reads the marks as the term engine reads the marked periods written out', async () => {
    const r = await importRoadmap({ bytes: fixture('schedule.txt') });
    const ctx = { ...r.period!, tz: r.termContext.tz };
    const written = ['1 квартал 2024, 3 квартал 2024', '4 квартал 2024', '1, 2, 3, 4 квартал 2024'];
    r.activities.forEach((a, i) => {
      const { input: _input, ...engine } = parseTerm(written[i]!, ctx);
      expect(a.term).toEqual({ ...engine, raw: a.term.raw, input: a.term.raw });
    });
  });
});

describe('the plan table and the tables around it', () => {
  it('reports a table after the plan that it does not read', async () => {
    const text = [
      '**План мероприятий на 2024 год**',
      '',
      '№\tМероприятие\tСрок\tОтветственный',
      '1\tСеминар\tМарт\tЦНППМ',
      '',
      'Показатели плана',
      '',
      'Показатель\tЗначение',
      'Доля педагогов\t30 %',
    ].join('\n');
    const r = await importRoadmap({ bytes: new Uint8Array(Buffer.from(text)) });
    expect(r.activities.map((a) => a.title)).toEqual(['Семинар']);
    expect(r.warnings).toEqual([{ line: 8, message: expect.stringMatching(/таблица .*не прочитана/) }]);
  });

  it('warns about an activity whose term cell is empty, unless the table has no term column', async () => {
    const plan = (header: string, row: string) =>
      new Uint8Array(Buffer.from(['**План мероприятий на 2024 год**', '', header, row].join('\n')));
    const withTerm = await importRoadmap({
      bytes: plan('№\tМероприятие\tСрок\tИтог', '1\tСеминар\t\tОтчет'),
    });
    expect(withTerm.warnings).toEqual([{ line: 4, message: 'срок не указан' }]);
    const noTerm = await importRoadmap({ bytes: plan('№\tМероприятие\tИтог', '1\tСеминар\tОтчет') });
    expect(noTerm.warnings).toEqual([]);
  });

  it('reads a pseudographic copy with no rules between its rows', async () => {
    const lines = iconv.decode(Buffer.from(fixture('roadmap-box.txt')), 'cp1251').split('\n');
    const rule = (l: string) => /^\s*\+[-+]+\s*$/.test(l);
    const rules = lines.flatMap((l, i) => (rule(l) ? [i] : []));
    // keep the rules around the header and the last one
    const keep = new Set([rules[0], rules[1], rules[rules.length - 1]]);
    const text = lines.filter((l, i) => !rule(l) || keep.has(i)).join('\n');
    expect(text.split('\n').length).toBeLessThan(lines.length - 10);
    const r = await importRoadmap({ bytes: new Uint8Array(Buffer.from(text)) });
    expect(view(r)).toEqual(expectedActivities());
  });
});

describe('progress', () => {
  it('is reported while a large text is read and assembled, and ends at 1', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `${i + 1}\tСеминар ${i + 1}\tМарт\tЦНППМ`);
    const text = ['**План мероприятий на 2024 год**', '', '№\tМероприятие\tСрок\tОтветственный', ...rows];
    const seen: number[] = [];
    const r = await importRoadmap({
      bytes: new Uint8Array(Buffer.from(text.join('\n'))),
      onProgress: (f) => seen.push(f),
    });
    expect(r.activities).toHaveLength(6000);
    expect(seen[seen.length - 1]).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen.some((f) => f > 0 && f < 0.6)).toBe(true); // reading
    expect(seen.some((f) => f > 0.6 && f < 0.75)).toBe(true); // assembling
  });
});

describe('an excerpt without a header', () => {
  it('infers the column roles from the content and says so', async () => {
    const r = await importRoadmap({ bytes: fixture('noheader.txt') });
    expect(r.columns.map((c) => c.role)).toEqual(['number', 'title', 'responsible', 'term', 'result']);
    expect(r.activities.map((a) => a.number)).toEqual(['1', '2', '3', '4']);
    expect(r.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/период плана/),
      expect.stringMatching(/нет шапки/),
    ]);
    expect(r.termContext).toMatchObject({ from: '2024-01-01', to: '2024-12-31', basis: 'inferred' });
  });

  it('uses the caller’s period when given one', async () => {
    const r = await importRoadmap({
      bytes: fixture('noheader.txt'),
      defaultPeriod: { from: '2024-01-01', to: '2025-12-31' },
    });
    expect(r.period).toBeNull();
    expect(r.termContext).toMatchObject({ from: '2024-01-01', to: '2025-12-31', basis: 'default' });
    expect(r.activities[2]!.term.occurrences).toHaveLength(2);
  });
});

describe('a year heading inside the table', () => {
  it('narrows the period for the terms under it', async () => {
    const text = [
      '**План мероприятий на 2021 - 2022 гг.**',
      '',
      '№\tМероприятие\tСрок\tОтветственный',
      '2021 год\t\t\t',
      '1\tСеминар\tМарт\tЦНППМ',
      '2022 год\t\t\t',
      '1\tКонференция\tМарт\tЦНППМ',
    ].join('\n');
    const r = await importRoadmap({ bytes: new Uint8Array(Buffer.from(text)) });
    expect(r.period).toEqual({ from: '2021-01-01', to: '2022-12-31' });
    expect(r.activities.map((a) => [a.section, a.term.raw, a.term.occurrences.map((o) => o.due)])).toEqual([
      [['2021 год'], 'Март', ['2021-03-31']],
      [['2022 год'], 'Март', ['2022-03-31']],
    ]);
  });
});

/**
 * The five seed roadmaps, read from ../shared/seeds (never copied here). For each: the activity count
 * checked by hand against the document, and for every activity its number, the first and last words of
 * its title and result, how many parties its cells split into, the term cell as written and how the term
 * engine read it. The expectation files
 * (expected/NNN.json) were reviewed row by row against the seeds; their `notes` say where a row is tricky.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { resolve } from 'path';
import { parseTerm } from '@karta/terms';
import { importRoadmap, type ImportResult } from '../src';
import { EXPECTED_DIR, SEEDS_DIR, brief, words, type BriefActivity } from './helpers';

interface Expected {
  seed: string;
  count: number;
  notes: string[];
  title: string;
  approved: ImportResult['approved'];
  period: ImportResult['period'];
  termContext: { from: string; to: string; basis: string };
  sections: string[][];
  activities: BriefActivity[];
  warnings: Array<{ line: number | null; message: string }>;
}

const expectations: Expected[] = readdirSync(EXPECTED_DIR)
  .filter((f) => /^\d{3}\.json$/.test(f))
  .sort()
  .map((f) => JSON.parse(readFileSync(resolve(EXPECTED_DIR, f), 'utf8')) as Expected);

const haveSeeds = existsSync(SEEDS_DIR);
if (!haveSeeds) process.stderr.write(`seed tests skipped: ${SEEDS_DIR} not found\n`);

(haveSeeds ? describe : describe.skip).each(expectations)('seed $seed', (exp) => {
  let result: ImportResult;
  beforeAll(async () => {
    const bytes = readFileSync(resolve(SEEDS_DIR, exp.seed));
    result = await importRoadmap({ bytes: new Uint8Array(bytes), fileName: exp.seed });
  });

  it(`has exactly ${exp.count} activities (counted by hand)`, () => {
    expect(result.activities).toHaveLength(exp.count);
  });

  it('reads every activity: number, title, parent, term as written and as understood, result', () => {
    expect(brief(result)).toEqual(exp.activities);
  });

  it('reads the sections', () => {
    const sections = [
      ...new Set(result.activities.map((a) => JSON.stringify(a.section.map((s) => words(s, 4))))),
    ].map((s) => JSON.parse(s));
    expect(sections).toEqual(exp.sections);
  });

  it('reads the title, the approval and the period', () => {
    expect(words(result.title, 8)).toBe(exp.title);
    expect(result.approved).toEqual(exp.approved);
    expect(result.period).toEqual(exp.period);
    expect(result.termContext).toMatchObject(exp.termContext);
  });

  it('warns about what it could not take at face value, with lines', () => {
    expect(result.warnings).toEqual(exp.warnings);
  });

  it('keeps the contract shape for every activity', () => {
    for (const a of result.activities) {
      expect(Object.keys(a)).toEqual(
        expect.arrayContaining([
          'number',
          'section',
          'parent',
          'title',
          'responsible',
          'executors',
          'term',
          'result',
          'source',
        ]),
      );
      expect(a.title).not.toBe('');
      expect(a.title).not.toMatch(/<\/?[a-z]+>|\*\*/);
      expect(a.term.raw).not.toMatch(/<\/?[a-z]+>|\s{2}/);
      expect(a.term).toEqual(
        expect.objectContaining({
          input: a.term.raw,
          occurrences: expect.any(Array),
          window: expect.any(Object),
          needsReview: expect.any(Boolean),
        }),
      );
      // every field `karta term` prints for the cell, and `raw`
      const ctx = { from: result.termContext.from, to: result.termContext.to, tz: result.termContext.tz };
      expect(Object.keys(a.term).sort()).toEqual(['raw', ...Object.keys(parseTerm(a.term.raw, ctx))].sort());
      expect(a.source.line).toBeGreaterThan(0);
    }
  });
});

/** The traps each seed is known for (reading-roadmaps notes), checked directly. */
(haveSeeds ? describe : describe.skip)('seed traps', () => {
  const results = new Map<string, ImportResult>();
  const load = async (prefix: string) => {
    if (!results.has(prefix)) {
      const file = readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix))!;
      results.set(
        prefix,
        await importRoadmap({
          bytes: new Uint8Array(readFileSync(resolve(SEEDS_DIR, file))),
          fileName: file,
        }),
      );
    }
    return results.get(prefix)!;
  };
  const at = async (prefix: string, line: number) =>
    (await load(prefix)).activities.find((a) => a.source.line === line)!;

  it('000: a merged parent cut by a page break continues while its row starts a new activity', async () => {
    const a = await at('000', 19);
    expect(a.title.startsWith('Утверждение Положения о РС НМС')).toBe(true);
    expect(
      a.parent!.endsWith(
        '(далее – РС НМС) (комплексы мер «дорожные карты», соглашения (договоры) о сотрудничестве и т.д.)',
      ),
    ).toBe(true);
    expect((await at('000', 24)).parent).toBe((await at('000', 26)).parent);
    expect(
      (await at('000', 26)).parent!.endsWith('функционирования РС НМС, отдельных субъектов РС НМС'),
    ).toBe(true);
    expect((await at('000', 47)).responsible).toEqual([
      'ОГБОУ ДПО «КОИРО»',
      'Региональное учебно-методическое объединение в системе общего образования',
    ]);
    expect((await at('000', 103)).scheduleHints).toEqual(['Не менее 4 заседаний ежегодно']);
  });

  it('001: the repeated `1 2 3 4 5` row is not activity № 1, numbering restarts per section, the order is not the plan', async () => {
    const r = await load('001');
    expect(r.activities.filter((a) => a.number === '1').map((a) => a.source.line)).toEqual([55, 62, 79, 84]);
    expect((await at('001', 59)).section).toEqual([
      'Формирование региональной системы научно-методического сопровождения педагогических работников и управленческих кадров Краснодарского края (далее – РСНМС)',
    ]);
    expect((await at('001', 62)).section.map((s) => words(s, 2))).toEqual([
      'Функционирование РСНМС',
      'Направление 1.',
    ]);
    expect((await at('001', 62)).responsible).toHaveLength(3);
    expect(r.approved).toMatchObject({ date: '2021-08-13', number: '2625' });
  });

  it('002: <b> sections, lists continued on the next page, a shifted last fragment, people split out', async () => {
    expect(
      (await at('002', 70)).title.endsWith(
        '• «Организация деятельности муниципальных методических объединений».',
      ),
    ).toBe(true);
    expect((await at('002', 111)).title.endsWith('сопровождения педагогов и др.')).toBe(true);
    expect((await at('002', 90)).term.raw).toBe('В течение года');
    expect((await at('002', 90)).responsible).toEqual(['ГАОУ ДПО «ЛОИРО»', 'ОМСУ', 'ММС']);
    expect((await at('002', 46)).responsible).toEqual([
      'КОПО ЛО',
      'Органы местного самоуправления Ленинградской области, осуществляющие управление в сфере образования (далее – ОМСУ)',
    ]);
    expect((await at('002', 56)).scheduleHints).toContain('ежеквартальных заседаний');
  });

  it('003: the regulation before the plan is prose; shifted rows, a fused term, numbers inside titles', async () => {
    const r = await load('003');
    expect(Math.min(...r.activities.map((a) => a.source.line))).toBe(477);
    expect((await at('003', 477)).section).toEqual([
      'Направление 1 «Управление системой научно-методического сопровождения педагогических работников и управленческих кадров»',
    ]);
    expect((await at('003', 507)).parent).toBe(
      '2.1. Повышение квалификации педагогических работников и управленческих кадров с учетом выявленных профессиональных дефицитов',
    );
    expect(
      (await at('003', 504)).title.endsWith('связанным с внедрением цифровой образовательной среды'),
    ).toBe(true);
    expect((await at('003', 524)).title.endsWith('на платформе «Траектория»')).toBe(true);
    for (const line of [588, 589, 590, 591]) {
      const a = await at('003', line);
      expect(a.term.raw).toBe('Ежегодно');
      expect(a.result).toMatch(/^\p{Lu}/u);
      // the curator sees the cell as it came, next to the term
      expect(
        a.scheduleHints[0]!.startsWith(
          `срок и результат в одной ячейке: «Ежегодно ${a.result!.split(' ').slice(0, 3).join(' ')}`,
        ),
      ).toBe(true);
    }
    expect((await at('003', 591)).result!.endsWith('в практику обучения и воспитания.')).toBe(true);
    expect((await at('003', 486)).number).toBe('2.2.');
    expect((await at('003', 490)).executors).toEqual(['ГАУ ДПО «АМИРО»', 'ЦНППМ', 'все субъекты РСНМС']);
    expect(r.approved).toMatchObject({ date: '2023-05-12', number: '464', instrument: 'приказ' });
  });

  it('004: `1.4.` twice and a missing 1.14 are warned about; people are split; the malformed date is kept as written', async () => {
    const r = await load('004');
    expect(r.warnings.map((w) => w.line)).toEqual(expect.arrayContaining([16, 27]));
    expect((await at('004', 10)).responsible).toEqual(['Шешерина Г.А.', 'Полунина Н.Л.', 'Афонина Е.В.']);
    expect((await at('004', 41)).responsible).toEqual(['Шешерина Г.А.', 'Мексичев О.А.']);
    expect((await at('004', 26)).term.raw).toBe('До 01 06.2021');
    expect((await at('004', 10)).section).toEqual([
      expect.stringMatching(/^1 Задача: Обеспечить структурную/),
    ]);
  });
});

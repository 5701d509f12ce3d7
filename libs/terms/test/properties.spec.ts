/** Property tests: any input string and any period → a result that honours the contract; never a throw. */
import fc from 'fast-check';
import { parseTerm, TermContext, TermResult } from '../src';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const KINDS = ['once', 'recurring', 'continuous', 'external', 'none', 'unknown'];

function assertContract(r: TermResult, input: string, ctx: TermContext): void {
  expect(r.input).toBe(input);
  expect(KINDS).toContain(r.kind);
  expect(typeof r.needsReview).toBe('boolean');
  if (r.needsReview) expect(r.reason).toEqual(expect.stringMatching(/\S/));
  else expect(r.reason).toBeUndefined();
  let prev = '';
  for (const o of r.occurrences) {
    expect(o.due).toMatch(ISO);
    expect(o.due >= ctx.from && o.due <= ctx.to).toBe(true);
    expect(o.due >= prev).toBe(true);
    prev = o.due;
    if (o.start !== null) {
      expect(o.start).toMatch(ISO);
      expect(o.start >= ctx.from && o.start <= o.due).toBe(true);
    }
  }
  if (r.kind !== 'once' && r.kind !== 'recurring') expect(r.occurrences).toEqual([]);
  const { start, end } = r.window;
  if (start !== null) expect(start >= ctx.from && start <= ctx.to).toBe(true);
  if (end !== null) expect(end >= ctx.from && end <= ctx.to).toBe(true);
  if (start !== null && end !== null) expect(start <= end).toBe(true);
  if (r.kind === 'none' || r.kind === 'unknown') expect(r.window).toEqual({ start: null, end: null });
  // parseTerm turns its own exceptions into `unknown`: "never throws" means this never shows up.
  expect(r.reason ?? '').not.toMatch(/внутренняя ошибка/);
  // Never a silent guess: unknown, or a dated kind with nothing left in the period, is always for review.
  if (r.kind === 'unknown') expect(r.needsReview).toBe(true);
  if ((r.kind === 'once' || r.kind === 'recurring') && r.occurrences.length === 0)
    expect(r.needsReview).toBe(true);
  if (r.occurrences.length > 0) {
    expect(end).toBe(r.occurrences[r.occurrences.length - 1].due);
    if (start !== null)
      for (const o of r.occurrences) expect(o.start === null || o.start >= start).toBe(true);
  }
  if (r.kind === 'continuous' || r.kind === 'external')
    expect(r.needsReview || (start !== null && end !== null)).toBe(true);
  if (r.external !== undefined) expect(r.external).toMatch(/\S/);
  // The result is plain JSON (the CLI prints it).
  expect(JSON.parse(JSON.stringify(r))).toEqual(r);
}

const day = fc
  .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const period = fc
  .tuple(day, day)
  .map(([a, b]): TermContext =>
    a <= b ? { from: a, to: b, tz: 'Europe/Moscow' } : { from: b, to: a, tz: 'Europe/Moscow' },
  );

/** Pieces of real term phrases, so random combinations reach deep into the grammar. */
const WORDS = [
  'до',
  'с',
  'по',
  'не позднее',
  'ежегодно',
  'Ежемесячно',
  'ежеквартально',
  'в течение',
  'года',
  'периода',
  'всего',
  'постоянно',
  'на постоянной основе',
  'по графику',
  'ФГБУ «ФИОКО»',
  'по отдельному плану',
  'по мере',
  'по запросам',
  'январь',
  'мая',
  'Октябрь',
  'декабря',
  'квартал',
  'I',
  'IV',
  'полугодие',
  '1',
  '2',
  '15',
  '31',
  '2021',
  '2023',
  '2024',
  '2022/23 учебный год',
  '01.09.2021',
  '10.06.',
  '01 06.2021',
  '29.02.2024',
  '31.04.2023',
  '-',
  '—',
  ',',
  '(',
  ')',
  'числа',
  'каждого месяца',
  'следующего за отчетным',
  'не реже 1 раза в',
  'не менее 2-х',
  'год',
  'месяц',
  'Х',
  '<p>',
  '</p>',
  '**',
  '&nbsp;',
  'г.',
  'гг.',
  'и',
  'в',
  'к',
  'учебного',
  'еженедельно',
  '9999',
  '0.0',
  '99.99.9999',
  '2023/24',
  '2022/2023',
  'конца',
  'не более 2 раз в',
  'последнего месяца квартала',
  '&lt;p&gt;',
  'ежегодно в 2022-2024',
];
const phrase = fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((ws) => ws.join(' '));

describe('parseTerm properties', () => {
  it('never throws on any string and honours the contract', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), period, (s, ctx) =>
        assertContract(parseTerm(s, ctx), s, ctx),
      ),
      { numRuns: 3000 },
    );
  });
  it('honours the contract on random combinations of term words', () => {
    fc.assert(
      fc.property(phrase, period, (s, ctx) => assertContract(parseTerm(s, ctx), s, ctx)),
      { numRuns: 5000 },
    );
  });
  it('is deterministic', () => {
    fc.assert(
      fc.property(phrase, period, (s, ctx) => expect(parseTerm(s, ctx)).toEqual(parseTerm(s, ctx))),
      { numRuns: 500 },
    );
  });
  it('never throws on hostile inputs and invalid periods', () => {
    const ctx = { from: '2023-01-01', to: '2023-12-31', tz: 'Europe/Moscow' };
    for (const s of [
      'x'.repeat(100000),
      '('.repeat(5000),
      'до '.repeat(2000),
      '&#99999999999;',
      '\u0000\ud800',
      '1'.repeat(500),
    ])
      assertContract(parseTerm(s, ctx), s, ctx);
    for (const bad of [
      { from: '', to: '', tz: '' },
      { from: '2023-13-01', to: '2023-12-31', tz: 'x' },
      undefined as unknown as TermContext,
    ])
      expect(parseTerm('Ежегодно', bad).kind).toBe('unknown');
    expect(parseTerm(undefined as unknown as string, ctx).kind).toBe('none');
  });
});

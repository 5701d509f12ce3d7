/**
 * Every distinct term phrase of the five seed roadmaps (../shared/seeds, read at test time) with the kind and
 * dates expected for that roadmap's period. A phrase that appears in a seed but not in the table fails the
 * suite, so a new seed phrase cannot slip through unread.
 *
 * Notation: occurrences `start~due` separated by spaces (`_` = no start written: `до …`); the window is
 * `start..end` and, unless given, is what the contract implies: for dated kinds the earliest start (open,
 * `_`, when the first occurrence has none) to the last due; for continuous/external the period; none/unknown
 * have no window. `review` expects needsReview (with a reason); `owner` the `external` field. Phrases longer
 * than 60 characters are keyed by their first 60 characters plus `…` (no seed text beyond that is copied).
 */
import { parseTerm, TermKind, TermResult } from '../src';
import { allSeedTerms } from './seed-terms';

interface Expect {
  kind: TermKind;
  occ?: string;
  window?: string;
  review?: boolean;
  owner?: string;
}

/** Roadmap periods, from the titles: see each seed's heading and approval order. */
const PERIODS: Record<string, [string, string]> = {
  // Kostroma, approved 31.05.2023, "на период до 2024 года": the plan's own dates run 2023–2024.
  '000': ['2023-01-01', '2024-12-31'],
  // Krasnodar, order of 13.08.2021; no end in the title, its latest year is 2024 (`2022 - 2024`).
  '001': ['2021-01-01', '2024-12-31'],
  // Leningrad, order of 12.05.2023: a plan for 2023.
  '002': ['2023-01-01', '2023-12-31'],
  // Amur, order of 12.05.2023, "на период до 2024 года".
  '003': ['2023-01-01', '2024-12-31'],
  // Tambov, "на период 2020-2024 годы".
  '004': ['2020-01-01', '2024-12-31'],
};

const month = (ym: string): string => {
  const [y, m] = ym.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${ym}-01~${ym}-${String(last).padStart(2, '0')}`;
};
/** The same month (or month range `MM..MM`) in each year from y1 to y2. */
const yearly = (mm: string, y1: number, y2: number): string => {
  const [a, b] = mm.split('..');
  const out: string[] = [];
  for (let y = y1; y <= y2; y++)
    out.push(`${month(`${y}-${a}`).split('~')[0]}~${month(`${y}-${b ?? a}`).split('~')[1]}`);
  return out.join(' ');
};
/** Every month from `YYYY-MM` to `YYYY-MM`. */
const monthly = (from: string, to: string): string => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (;;) {
    const ym = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month(ym));
    if (ym === to) break;
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out.join(' ');
};
const years = (y1: number, y2: number): string => yearly('01..12', y1, y2);

const once = (occ: string, more: Partial<Expect> = {}): Expect => ({ kind: 'once', occ, ...more });
const rec = (occ: string, more: Partial<Expect> = {}): Expect => ({ kind: 'recurring', occ, ...more });
const cont = (more: Partial<Expect> = {}): Expect => ({ kind: 'continuous', ...more });
const ext = (owner?: string, more: Partial<Expect> = {}): Expect => ({
  kind: 'external',
  ...(owner ? { owner } : {}),
  ...more,
});

const EXPECTED: Record<string, Record<string, Expect>> = {
  '000': {
    'Февраль, 2023': once(month('2023-02')),
    'Май, 2023': once(month('2023-05')),
    'Март, 2023': once(month('2023-03')),
    'Октябрь, 2023': once(month('2023-10')),
    'Ноябрь, 2023': once(month('2023-11')),
    'Ноябрь, 2024': once(month('2024-11')),
    'Январь-май 2023 года': once('2023-01-01~2023-05-31'),
    'Июнь, ежегодно': rec(yearly('06', 2023, 2024)),
    'Октябрь, ежегодно': rec(yearly('10', 2023, 2024)),
    'Ноябрь, ежегодно': rec(yearly('11', 2023, 2024)),
    'Январь, ежегодно': rec(yearly('01', 2023, 2024)),
    'Декабрь, ежегодно': rec(yearly('12', 2023, 2024)),
    'Август, ежегодно': rec(yearly('08', 2023, 2024)),
    'Октябрь-ноябрь, ежегодно': rec(yearly('10..11', 2023, 2024)),
    'Ноябрь-декабрь, ежегодно': rec(yearly('11..12', 2023, 2024)),
    ежемесячно: rec(monthly('2023-01', '2024-12')),
    'По графику ФГБУ «ФИОКО»': ext('ФГБУ «ФИОКО»'),
    'В течение периода (по графику ФГАОУ ДПО «Академия Минпросвещ…': ext(
      'ФГАОУ ДПО «Академия Минпросвещения России»',
    ),
    'В течение периода (по графику федерального методического цен…': ext(
      'федерального методического центра ФГАОУ ДПО «Академия Минпросвещения России»',
    ),
    'В течение периода (по отдельному графику)': ext(),
    'По отдельному плану': ext(),
    'По отдельным планам': ext(),
    // The requester is named, so no review (the brief: review event-driven terms when no owner is named).
    'По запросам органов местного самоуправления, осуществляющие …': ext(
      'органов местного самоуправления, осуществляющие управление в сфере образования',
    ),
    'В течение периода': cont(),
    'В течении периода': cont(),
    // Two years in the period: the whole period, but it could mean the first year only.
    'В течение года': cont({ review: true }),
  },
  '001': {
    '15 сентября 2021 года': once('2021-09-15~2021-09-15'),
    '1 октября 2021 года': once('2021-10-01~2021-10-01'),
    '2022 - 2024': once('2022-01-01~2024-12-31'),
    'не реже 1 раза в год': rec(years(2021, 2024)),
    'весь период': cont(),
    регулярно: cont(),
    'по плану НИКУ': ext('НИКУ'),
  },
  '002': {
    Январь: once(month('2023-01')),
    Май: once(month('2023-05')),
    'Январь-февраль': once('2023-01-01~2023-02-28'),
    'Январь-март': once('2023-01-01~2023-03-31'),
    'Январь-май': once('2023-01-01~2023-05-31'),
    'Январь-июнь': once('2023-01-01~2023-06-30'),
    'Ноябрь-декабрь': once('2023-11-01~2023-12-31'),
    '1 полугодие': once('2023-01-01~2023-06-30'),
    'Первое полугодие': once('2023-01-01~2023-06-30'),
    '1, 2 полугодие': rec('2023-01-01~2023-06-30 2023-07-01~2023-12-31'),
    'Апрель, октябрь, декабрь': rec(`${month('2023-04')} ${month('2023-10')} ${month('2023-12')}`),
    'Апрель, Октябрь': rec(`${month('2023-04')} ${month('2023-10')}`),
    'Ежегодно (ноябрь-декабрь)': rec('2023-11-01~2023-12-31'),
    Ежемесячно: rec(monthly('2023-01', '2023-12')),
    'В течение года': cont(),
    Постоянно: cont(),
    'В течение года (по отдельному плану)': ext(),
    // Names a kind of plan but not whose: review.
    'В соответствии с планами реализации проектов': ext(undefined, { review: true }),
  },
  '003': {
    'до 15.05.2023': once('_~2023-05-15'),
    'до 01.09.2024': once('_~2024-09-01'),
    'до 01.07.2023': once('_~2023-07-01'),
    'до 01.06.2023': once('_~2023-06-01'),
    'до 10.05.2023': once('_~2023-05-10'),
    'до 01.09.2023': once('_~2023-09-01'),
    'до 1 сентября 2023 года': once('_~2023-09-01'),
    'до 1 сентября 2024 года': once('_~2024-09-01'),
    // `до <period>` is due at the period's end, like `до <date>` is due on the date.
    'до декабря 2023 года': once('_~2023-12-31'),
    'до декабря 2024 года': once('_~2024-12-31'),
    'до 2024 года': once('_~2024-12-31'),
    '<p>до 2024 года</p>': once('_~2024-12-31'),
    'ноябрь 2023 года': once(month('2023-11')),
    'ноябрь 2024': once(month('2024-11')),
    'март-декабрь 2024 года': once('2024-03-01~2024-12-31'),
    'с 15 марта по 31 декабря 2023': once('2023-03-15~2023-12-31'),
    'Ежегодно - до 20 мая - до 20 декабря': rec('_~2023-05-20 _~2023-12-20 _~2024-05-20 _~2024-12-20'),
    'Ежегодно не менее 2-х сессий - до 31 мая - до 31 декабря': rec(
      '_~2023-05-31 _~2023-12-31 _~2024-05-31 _~2024-12-31',
    ),
    'Ежегодно до 01 сентября': rec('_~2023-09-01 _~2024-09-01'),
    // Row and its continuation after a page break (`… до 1 июня` + `до 1 декабря`).
    'Ежегодно до 1 июня до 1 декабря': rec('_~2023-06-01 _~2023-12-01 _~2024-06-01 _~2024-12-01'),
    'Ежегодно до 1 декабря 2023 до 1 декабря 2024': rec('_~2023-12-01 _~2024-12-01'),
    ежегодно: rec(years(2023, 2024)),
    Ежегодно: rec(years(2023, 2024)),
    // `на постоянной основе` could make it continuous: the yearly reading is kept, flagged.
    'Ежегодно (на постоянной основе)': rec(years(2023, 2024), { review: true }),
    'Ежегодно (на постоянной основе по графику)': rec(years(2023, 2024), { review: true }),
    // Academic years 2022/23 and 2023/24 (1 September – 31 August), the first clipped to the period.
    'Ежегодно в соответствии с учебным графиком - 2022/23 учебный…': rec(
      '2023-01-01~2023-08-31 2023-09-01~2024-08-31',
      {
        review: true,
      },
    ),
    '<p>Ежегодно в соответствии с учебным графиком - 2022/23 учеб…': rec(
      '2023-01-01~2023-08-31 2023-09-01~2024-08-31',
      { review: true },
    ),
    'не менее 1 раза в месяц': rec(monthly('2023-01', '2024-12')),
    Постоянно: cont(),
    'На постоянной основе': cont(),
    'в соответствии с графиком': ext(undefined, { review: true }),
  },
  '004': {
    'До 15.03.2021': once('_~2021-03-15'),
    'До 25.03.2021': once('_~2021-03-25'),
    'До 01.04.2021': once('_~2021-04-01'),
    'До 15.04.2021': once('_~2021-04-15'),
    'До 01.05.2021': once('_~2021-05-01'),
    'До 15.05.2021': once('_~2021-05-15'),
    'До 20.05.2021': once('_~2021-05-20'),
    'До 01.06.2021': once('_~2021-06-01'),
    'До 01 06.2021': once('_~2021-06-01', { review: true }), // a typo: read as 01.06.2021, confirmed by a person
    'До 01.10.2021': once('_~2021-10-01'),
    'До 01.01.2022': once('_~2022-01-01'),
    '01.09.2021': once('2021-09-01~2021-09-01'),
    'Октябрь 2021': once(month('2021-10')),
    'В течение 2021-2022 годов': once('2021-01-01~2022-12-31'),
    'Ноябрь 2021, 2022, 2023, 2024': rec(yearly('11', 2021, 2024)),
    'Декабрь 2021, 2022, 2023, 2024': rec(yearly('12', 2021, 2024)),
    'В течение всего периода': cont(),
    'По отдельному плану': ext(),
    'По отдельному графику': ext(),
    // Event-driven with no owner: external, for review.
    'По мере создания федеральной платформы онлайн-диагностики пр…': ext(undefined, { review: true }),
  },
};

const KEY_LIMIT = 60;
const keyOf = (phrase: string): string =>
  phrase.length > KEY_LIMIT ? phrase.slice(0, KEY_LIMIT) + '…' : phrase;

function occString(r: TermResult): string {
  return r.occurrences.map((o) => `${o.start ?? '_'}~${o.due}`).join(' ');
}

function expectedWindow(e: Expect, [from, to]: [string, string]): string {
  if (e.window) return e.window;
  if (e.kind === 'continuous' || e.kind === 'external') return `${from}..${to}`;
  if (!e.occ) return '_.._';
  const occ = e.occ.split(' ').map((o) => o.split('~'));
  const starts = occ
    .map(([s]) => s)
    .filter((s) => s !== '_')
    .sort();
  const start = occ[0][0] === '_' || starts.length === 0 ? '_' : starts[0];
  return `${start}..${occ[occ.length - 1][1]}`;
}

const terms = allSeedTerms();
const distinct = new Map<string, { seed: string; term: string }>();
for (const t of terms)
  distinct.set(`${t.seed.slice(0, 3)}\u0000${t.term}`, { seed: t.seed.slice(0, 3), term: t.term });

describe('seed roadmaps: every distinct term phrase', () => {
  it('extracts the term cells of all five seeds', () => {
    expect(new Set(terms.map((t) => t.seed.slice(0, 3)))).toEqual(new Set(Object.keys(PERIODS)));
    expect(terms).toHaveLength(240);
    expect(new Set(terms.map((t) => t.term)).size).toBe(99);
    expect(distinct.size).toBe(102);
  });

  it('has an expectation for every phrase of every seed, and no stale ones', () => {
    const missing = [...distinct.values()].filter(({ seed, term }) => !EXPECTED[seed]?.[keyOf(term)]);
    expect(missing).toEqual([]);
    const used = new Set([...distinct.values()].map(({ seed, term }) => `${seed}\u0000${keyOf(term)}`));
    const stale = Object.entries(EXPECTED).flatMap(([seed, table]) =>
      Object.keys(table)
        .filter((k) => !used.has(`${seed}\u0000${k}`))
        .map((k) => `${seed}: ${k}`),
    );
    expect(stale).toEqual([]);
  });

  it.each([...distinct.values()].map(({ seed, term }) => [seed, term]))('%s: %s', (seed, term) => {
    const e = EXPECTED[seed]?.[keyOf(term)];
    expect(e).toBeDefined();
    const period = PERIODS[seed];
    const r = parseTerm(term, { from: period[0], to: period[1], tz: 'Europe/Moscow' });
    expect(r.input).toBe(term);
    expect(r.kind).toBe(e!.kind);
    expect(occString(r)).toBe(e!.occ ?? '');
    expect(`${r.window.start ?? '_'}..${r.window.end ?? '_'}`).toBe(expectedWindow(e!, period));
    expect(r.needsReview).toBe(e!.review ?? false);
    if (r.needsReview) {
      // Shown to curators: Russian, with Latin only inside quoted fragments of the phrase «…».
      expect(r.reason).toMatch(/\p{Script=Cyrillic}/u);
      expect((r.reason ?? '').replace(/«[^»]*»/g, '')).not.toMatch(/[A-Za-z]|\d{4}-\d{2}-\d{2}/);
    }
    expect(r.external).toBe(e!.owner);
  });

  it('reads every seed phrase (no unknown)', () => {
    const kinds: Record<string, number> = {};
    for (const { seed, term } of distinct.values()) {
      const [from, to] = PERIODS[seed];
      const k = parseTerm(term, { from, to, tz: 'Europe/Moscow' }).kind;
      kinds[k] = (kinds[k] ?? 0) + 1;
    }
    expect(kinds.unknown).toBeUndefined();
  });
});

/**
 * Header and column-role detection. Roles come from the header text, whatever the column order; the
 * variants live in HEADER_RULES (add a line there for a new wording). Two-level headers, the numbered
 * row `1 2 3 4 5` under a header, and schedules drawn as period columns (`I кв.` … `IV кв.`) are
 * recognised. A table with no header gets its roles from the cells' content, with a warning.
 */
import { MONTH_NAMES } from '@karta/terms';
import type { Grid, GridRow } from './grid';
import { isNumberLike } from './text';
import type { ColumnRole } from './types';

export interface HeaderRule {
  role: Exclude<ColumnRole, 'period' | 'extra'>;
  /** Tested against the normalised header: lower case, `ё` → `е`, single spaces. */
  pattern: RegExp;
  /** A wording seen in real roadmaps, for the README and tests. */
  example: string;
}

/**
 * Order matters: the first matching rule wins, so specific wordings come before general ones
 * (`Срок реализации мероприятия` is a term, not a title, though it names the activity).
 */
export const HEADER_RULES: readonly HeaderRule[] = [
  { role: 'number', pattern: /^(?:№|n|no|nn|номер)\s*(?:п\s*[/.\\]?\s*п\.?)?$/u, example: '№ п/п' },
  { role: 'number', pattern: /^п\s*\/\s*п$/u, example: 'п/п' },
  {
    role: 'parent',
    pattern: /системообразующ/u,
    example: 'Наименование системообразующего мероприятия регионального уровня',
  },
  {
    role: 'parent',
    pattern: /^(?:наименование\s+)?основн\p{L}*\s+мероприяти/u,
    example: 'Основное мероприятие',
  },
  {
    role: 'term',
    pattern:
      /срок|^дат[аы]|^(?:планов|ориентировочн)\p{L}*\s+дат|период\s*(?:реализации|исполнения|выполнения|проведения)|^период$|^периодичност|^год[ы]?\s+(?:реализации|исполнения|выполнения|проведения)|контрольн\p{L}*\s+(?:точк|дат|срок)|^когда|время\s+(?:проведения|исполнения)|^график/u,
    example: 'Срок реализации',
  },
  {
    role: 'executors',
    pattern: /соисполнител|^исполнител/u,
    example: 'Ответственный исполнитель (соисполнители)',
  },
  {
    role: 'responsible',
    pattern: /ответствен|исполнител|^участник|координатор|куратор/u,
    example: 'Ответственный субъект РС НМС',
  },
  {
    role: 'result',
    pattern:
      /результат|подтвержд|документ|^итог|форма\s+(?:завершени|отчет|представлени|контрол)|продукт|использовани/u,
    example: 'Результат выполнения мероприятия',
  },
  {
    role: 'title',
    pattern: /мероприяти|наименование|содержание|^действи|вид\s+работ|^работ[аы]|^задач[аи]/u,
    example: 'Наименование мероприятия',
  },
];

export interface Column {
  index: number;
  /** Header text as written (both levels joined with ` / `). */
  header: string;
  role: ColumnRole;
  /** For `period` columns: the phrase the term engine reads for a mark in this column. */
  periodPhrase?: string;
}

export interface ColumnModel {
  columns: Column[];
  width: number;
  /** Index of the first data row in the grid. */
  dataStart: number;
  /** Index of the (first) header row, or -1 when roles were inferred. */
  headerStart: number;
  inferred: boolean;
  /** Normalised header labels, to recognise the header repeated after a page break. */
  signature: string[];
}

export const normalizeHeader = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"“”]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.:;,]+$/u, '')
    .trim();

const CORE: ReadonlySet<ColumnRole> = new Set([
  'number',
  'parent',
  'title',
  'responsible',
  'executors',
  'term',
  'result',
]);

export function classifyHeader(text: string): ColumnRole | null {
  const h = normalizeHeader(text);
  if (!h) return null;
  if (periodPhrase(h)) return 'period';
  for (const rule of HEADER_RULES) if (rule.pattern.test(h)) return rule.role;
  return 'extra';
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const MONTH_HEADER =
  /^(январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])(?:\s+(20\d\d)(?:\s*г(?:ода?|\.)?)?)?$/u;

/**
 * The phrase a period column stands for (`I кв.` → `I квартал`, `2 полугодие 2023 г.` as is), or null
 * when the header names no single period. The term engine reads the phrase; this only normalises.
 */
export function periodPhrase(header: string, upper = ''): string | null {
  const h = normalizeHeader(header);
  const year = /(?:^|\D)(20\d\d)(?!\d)/.exec(normalizeHeader(upper))?.[1];
  const withYear = (p: string) => (year && !/20\d\d/.test(p) ? `${p} ${year}` : p);
  let m = /^(i{1,3}|iv|[1-4])\s*(?:-?[йя]\s*)?(?:кв\.?|квартал)(?:\s+(20\d\d)(?:\s*г(?:ода?|\.)?)?)?$/u.exec(
    h,
  );
  if (m) {
    const q = ROMAN[m[1]!] ?? Number(m[1]);
    return withYear(`${q} квартал${m[2] ? ` ${m[2]}` : ''}`);
  }
  m = /^(i{1,2}|[12])\s*(?:-?[ео]\s*)?(?:полугодие|п\/г)(?:\s+(20\d\d)(?:\s*г(?:ода?|\.)?)?)?$/u.exec(h);
  if (m) {
    const n = ROMAN[m[1]!] ?? Number(m[1]);
    return withYear(`${n} полугодие${m[2] ? ` ${m[2]}` : ''}`);
  }
  m = MONTH_HEADER.exec(h);
  if (m) {
    const idx = MONTH_NAMES.findIndex((n) => n.slice(0, 3) === m![1]!.slice(0, 3));
    return withYear(`${MONTH_NAMES[idx]}${m[2] ? ` ${m[2]}` : ''}`);
  }
  m = /^(20\d\d)(?:\s*г(?:од|\.)?)?$/u.exec(h);
  if (m) return `${m[1]} год`;
  return null;
}

/** `1 2 3 4 5`: the column-number row printed under a header (and repeated after page breaks). */
export function isNumberedHeaderRow(row: GridRow): boolean {
  const first = row.cells.find((c) => c.text !== '')?.text;
  if (first !== '1' && first !== '1.') return false;
  const texts = row.cells
    .filter((c) => c.cover === null)
    .map((c) => c.text)
    .filter((t) => t !== '');
  if (texts.length < 3 || !texts.every((t) => /^\d{1,2}\.?$/.test(t))) return false;
  const nums = texts.map((t) => parseInt(t, 10));
  return nums.every((n, i) => n === i + 1);
}

function labelsOf(row: GridRow): string[] {
  return row.cells.map((c) => (c.cover === 'up' ? '' : c.text));
}

interface Candidate {
  row: number;
  score: number;
}

function headerScore(labels: string[]): number {
  const roles = new Set<ColumnRole>();
  for (const l of labels) {
    const r = classifyHeader(l);
    if (r && CORE.has(r)) roles.add(r);
  }
  if (!roles.has('title') && !roles.has('term') && !roles.has('parent')) return 0;
  // Long cells are data, not headers: a header cell names a column in a few words.
  if (labels.some((l) => l.split(' ').length > 14)) return 0;
  return roles.size;
}

function findHeader(grid: Grid, maxScan = 40): Candidate | null {
  let best: Candidate | null = null;
  const limit = Math.min(grid.rows.length, maxScan);
  for (let r = 0; r < limit; r++) {
    const score = headerScore(labelsOf(grid.rows[r]!));
    if (score >= 2 && (!best || score > best.score)) best = { row: r, score };
    if (best && score < best.score && r > best.row + 2) break;
  }
  return best;
}

/** A second header level: short labels under a merged (or, in text copies, blank) upper cell. */
function isSubHeader(upper: GridRow, lower: GridRow | undefined, ragged: boolean): boolean {
  if (!lower || isNumberedHeaderRow(lower)) return false;
  let under = 0;
  for (let c = 0; c < lower.cells.length; c++) {
    const cellBelow = lower.cells[c]!;
    if (cellBelow.cover === 'up' || cellBelow.text === '') continue;
    if (cellBelow.text.length > 60 || (isNumberLike(cellBelow.text) && !/^20\d\d$/.test(cellBelow.text)))
      return false;
    if (classifyHeader(cellBelow.text) === 'extra' && cellBelow.text.split(' ').length > 6) return false;
    const above = upper.cells[c];
    if (!above) continue;
    if (
      ragged
        ? above.text === '' || (upper.cells[c + 1]?.text === '' && lower.cells[c + 1]?.text !== '')
        : above.cover === 'left' || above.colSpan > 1
    )
      under++;
  }
  return under > 0;
}

/** Upper label for column c of a two-level header: the merged cell above, or in text the nearest label to its left. */
function upperLabel(upper: GridRow, c: number, ragged: boolean): string {
  const own = upper.cells[c];
  if (!own) return '';
  if (!ragged) return own.cover === 'up' ? '' : own.text;
  for (let k = c; k >= 0; k--) if (upper.cells[k]?.text) return upper.cells[k]!.text;
  return '';
}

export function detectColumns(grid: Grid): ColumnModel | null {
  const found = findHeader(grid);
  if (!found) return null;
  const upper = grid.rows[found.row]!;
  const lower = grid.rows[found.row + 1];
  const twoLevel = isSubHeader(upper, lower, grid.ragged);
  const width = Math.max(
    grid.ragged ? upper.cells.length : grid.width,
    twoLevel && lower ? lower.cells.length : 0,
  );

  const columns: Column[] = [];
  for (let c = 0; c < width; c++) {
    const up = twoLevel
      ? upperLabel(upper, c, grid.ragged)
      : upper.cells[c]?.cover === 'up'
        ? ''
        : (upper.cells[c]?.text ?? '');
    const low = twoLevel && lower && lower.cells[c]?.cover !== 'up' ? (lower.cells[c]?.text ?? '') : '';
    const header = [up, low].filter(Boolean).join(' / ');
    const phrase = low ? periodPhrase(low, up) : periodPhrase(up);
    if (phrase) {
      columns.push({ index: c, header, role: 'period', periodPhrase: phrase });
      continue;
    }
    const role =
      (low && classifyHeader(low) !== 'extra' ? classifyHeader(low) : classifyHeader(header || up)) ??
      'extra';
    columns.push({ index: c, header, role });
  }
  resolveConflicts(columns);

  let dataStart = found.row + (twoLevel ? 2 : 1);
  if (grid.rows[dataStart] && isNumberedHeaderRow(grid.rows[dataStart]!)) dataStart++;
  return {
    columns,
    width,
    dataStart,
    headerStart: found.row,
    inferred: false,
    signature: labelsOf(upper).map(normalizeHeader),
  };
}

/** One column per role: the second responsibility column holds executors, duplicates are kept as extras. */
function resolveConflicts(columns: Column[]): void {
  const resp = columns.filter((c) => c.role === 'responsible' || c.role === 'executors');
  if (resp.length === 1) resp[0]!.role = 'responsible';
  else if (resp.length > 1) {
    const main = resp.find((c) => !/исполнител/u.test(normalizeHeader(c.header))) ?? resp[0]!;
    for (const c of resp) c.role = c === main ? 'responsible' : 'executors';
    const executors = resp.filter((c) => c.role === 'executors');
    executors.slice(1).forEach((c) => (c.role = 'extra'));
  }
  const hasTitle = columns.some((c) => c.role === 'title');
  if (!hasTitle) {
    const parent = columns.find((c) => c.role === 'parent');
    if (parent) parent.role = 'title';
  }
  for (const role of ['number', 'parent', 'title', 'term', 'result'] as const) {
    columns
      .filter((c) => c.role === role)
      .slice(1)
      .forEach((c) => (c.role = 'extra'));
  }
}

export interface ContentProbe {
  isTermLike(text: string): boolean;
  isPartyLike(text: string): boolean;
}

/** No header: read the roles off the cells (numbers, deadline phrases, organisations, long text). */
export function inferColumns(grid: Grid, probe: ContentProbe): ColumnModel | null {
  const width = grid.width;
  if (width < 2) return null;
  const stats = Array.from({ length: width }, (_, index) => ({
    index,
    filled: 0,
    numbers: 0,
    terms: 0,
    parties: 0,
    length: 0,
  }));
  for (const row of grid.rows) {
    row.cells.forEach((c, i) => {
      if (!c.text || c.cover || i >= width) return;
      const s = stats[i]!;
      s.filled++;
      s.length += c.text.length;
      if (isNumberLike(c.text)) s.numbers++;
      else if (probe.isTermLike(c.text)) s.terms++;
      else if (probe.isPartyLike(c.text)) s.parties++;
    });
  }
  const roles: ColumnRole[] = new Array(width).fill('extra');
  const free = (i: number) => roles[i] === 'extra';
  const ratio = (s: { filled: number }, n: number) => (s.filled ? n / s.filled : 0);
  const number = stats.find((s) => s.filled && ratio(s, s.numbers) >= 0.6);
  if (number) roles[number.index] = 'number';
  const term = [...stats]
    .filter((s) => free(s.index) && ratio(s, s.terms) >= 0.4)
    .sort((a, b) => ratio(b, b.terms) - ratio(a, a.terms))[0];
  if (term) roles[term.index] = 'term';
  const parties = [...stats]
    .filter((s) => free(s.index) && ratio(s, s.parties) >= 0.4)
    .sort((a, b) => ratio(b, b.parties) - ratio(a, a.parties));
  if (parties[0]) roles[parties[0].index] = 'responsible';
  if (parties[1]) roles[parties[1].index] = 'executors';
  const long = stats.filter((s) => free(s.index) && s.filled && s.length / s.filled > 20);
  if (long[0]) roles[long[0].index] = 'title';
  if (long[1]) roles[long[1].index] = 'result';
  if (!roles.includes('title')) return null;
  return {
    columns: roles.map((role, index) => ({ index, header: '', role })),
    width,
    dataStart: 0,
    headerStart: -1,
    inferred: true,
    signature: [],
  };
}

/** The header printed again at the top of a continued page. */
export function isHeaderRepeat(row: GridRow, model: ColumnModel): boolean {
  if (!model.signature.length) return false;
  const firstSig = model.signature.find(Boolean);
  const firstText = row.cells.find((c) => c.text !== '')?.text ?? '';
  if (!firstSig || Math.abs(firstText.length - firstSig.length) > 4) return false; // not even the same length
  const labels = labelsOf(row).map(normalizeHeader);
  let same = 0;
  let filled = 0;
  model.signature.forEach((s, i) => {
    if (!s) return;
    filled++;
    if (labels[i] === s) same++;
  });
  return filled > 0 && same / filled >= 0.8;
}

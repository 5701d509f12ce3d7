/**
 * The date grammar: reads what is left of a phrase once the clause rules (recurrence, continuous, external…)
 * have taken their words out — a list of dates and named periods such as `до 01.09.2021`, `Январь-май 2023`,
 * `1, 2 полугодие`, `Ноябрь 2021, 2022, 2023`, `с 1 по 15 апреля 2024`, `2022/23 учебный год`.
 *
 * A tokenizer with sticky regexes, then a small recursive reader. It returns typed items (anchors without a
 * year stay year-less; expand.ts resolves them against the period) or the fragment it could not read, so the
 * caller can say exactly why a phrase is `unknown`.
 */
import type { TermAnchor, TermItem } from './types';
import { isValidDate } from './dates';
import { MONTH_PATTERN, ORDINAL_PATTERN, monthNumber, ordinalNumber } from './lexicon';
import { REASON } from './reasons';

type Tok =
  | { k: 'date'; d: number; m: number; y?: number }
  | { k: 'month'; m: number }
  | { k: 'year'; y: number }
  | { k: 'academic'; y: number; bare?: string }
  | { k: 'num'; n: number }
  | { k: 'unit'; u: 'quarter' | 'half' }
  | { k: 'prep'; p: 'until' | 'from' | 'to' | 'in' }
  | { k: 'dash' }
  /** `конца`/`окончания` before a period: meaningful only after `до` (`до конца марта`). */
  | { k: 'end' }
  | { k: 'sep' };

const NL = '(?!\\p{L})'; // end of a word: `\b` does not know Cyrillic

/** Tried in order at each position; the first that matches makes the token. */
type Lexeme = {
  re: RegExp;
  tok: (m: RegExpExecArray) => Tok | string | null;
  on: Array<'digit' | 'word' | 'mark'>;
};

const LEXER: Lexeme[] = [
  {
    // `2022/23 учебный год`, `2023-2024 учебного года`: 1 September of the first year to 31 August.
    on: ['digit'],
    re: /(\d{4}) ?[/-] ?(\d{4}|\d{2}) учебн\p{L}* год\p{L}*/uy,
    tok: (m) => {
      const y = +m[1];
      const y2 = m[2].length === 2 ? Math.floor(y / 100) * 100 + +m[2] : +m[2];
      return y2 === y + 1 ? { k: 'academic', y } : REASON.academicNotConsecutive(m[0]);
    },
  },
  {
    // `2022/2023`, `2023/24` with no `учебный год`: most likely the academic year (a guess, flagged).
    on: ['digit'],
    re: /(\d{4}) ?\/ ?(\d{4}|\d{2})(?![\d./])/y,
    tok: (m) => {
      const y = +m[1];
      const y2 = m[2].length === 2 ? Math.floor(y / 100) * 100 + +m[2] : +m[2];
      return y2 === y + 1 ? { k: 'academic', y, bare: m[0] } : REASON.neitherAcademicNorRange(m[0]);
    },
  },
  {
    on: ['digit'],
    re: /(\d{4})-(\d{2})-(\d{2})(?!\d)/y,
    tok: (m) => ({ k: 'date', y: +m[1], m: +m[2], d: +m[3] }),
  },
  {
    // 01.09.2021, 1.9.21, 10.06 (no year), 01/09/2021
    on: ['digit'],
    re: /(\d{1,2})[./](\d{1,2})(?:[./](\d{4}|\d{2}))?(?![\d/])\.?/y,
    tok: (m) => ({
      k: 'date',
      d: +m[1],
      m: +m[2],
      y: m[3] === undefined ? undefined : m[3].length === 2 ? 2000 + +m[3] : +m[3],
    }),
  },
  {
    on: ['digit'],
    re: new RegExp(`(\\d{1,2})(?:-?го)? ${MONTH_PATTERN}${NL}`, 'uy'),
    tok: (m) => ({ k: 'date', d: +m[1], m: monthNumber(m[2]) }),
  },
  {
    on: ['word'],
    re: new RegExp(`${MONTH_PATTERN}${NL}`, 'uy'),
    tok: (m) => ({ k: 'month', m: monthNumber(m[1]) }),
  },
  {
    on: ['digit'],
    re: /(\d{4})(?!\d)/y,
    tok: (m) => (+m[1] >= 1900 && +m[1] <= 2199 ? { k: 'year', y: +m[1] } : REASON.yearOutOfRange(m[1])),
  },
  {
    on: ['word'],
    re: /(квартал\p{L}*|кв\.|кв(?!\p{L})|полугоди\p{L}*|полугод\.|полугод(?!\p{L}))/uy,
    tok: (m) => ({ k: 'unit', u: m[1].startsWith('к') ? 'quarter' : 'half' }),
  },
  {
    on: ['digit', 'word'],
    re: new RegExp(`${ORDINAL_PATTERN}${NL}`, 'uy'),
    tok: (m) => ({ k: 'num', n: ordinalNumber(m[1]) }),
  },
  {
    // Longest first: `в срок до` before `в`, `не позднее` before `не`.
    on: ['word'],
    re: /(в срок до|не позднее|не ранее|начиная с|в течение|на протяжении|в период|в срок|до|к|по|со|с|в|во|на|за|срок)(?!\p{L})/uy,
    tok: (m) => {
      const w = m[1];
      if (w === 'в срок до' || w === 'не позднее' || w === 'до' || w === 'к')
        return { k: 'prep', p: 'until' };
      if (w === 'с' || w === 'со' || w === 'начиная с' || w === 'не ранее') return { k: 'prep', p: 'from' };
      if (w === 'по') return { k: 'prep', p: 'to' };
      return { k: 'prep', p: 'in' };
    },
  },
  {
    // `до конца года`: 31 December (of the year the period gives); `до конца 2024 года` reads as `до 2024`.
    on: ['word'],
    re: /(?:конца|окончания) (?:текущего |календарного )?года(?!\p{L})/uy,
    tok: () => ({ k: 'date', d: 31, m: 12 }),
  },
  { on: ['word'], re: /(?:конца|окончания)(?!\p{L})/uy, tok: () => ({ k: 'end' }) },
  // Words that add nothing to a date: `включительно`, `года` after a month (`декабрь текущего` is not read).
  { on: ['word', 'mark'], re: /(включительно|года|гг?\.?|месяца?|числа)(?!\p{L})/uy, tok: () => null },
  { on: ['mark'], re: /-/y, tok: () => ({ k: 'dash' }) },
  { on: ['mark', 'word'], re: /([,;:()/.«»"']|и(?!\p{L}))/uy, tok: () => ({ k: 'sep' }) },
];

/** The lexemes that can start with a digit, a letter, or anything else: fewer regexes tried per position. */
const BY_FIRST = {
  digit: LEXER.filter((l) => l.on.includes('digit')),
  word: LEXER.filter((l) => l.on.includes('word')),
  mark: LEXER.filter((l) => l.on.includes('mark')),
};

function tokenize(text: string): Tok[] | string {
  const out: Tok[] = [];
  let i = 0;
  outer: while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      i++;
      continue;
    }
    const lexemes = c >= 48 && c <= 57 ? BY_FIRST.digit : c >= 0x61 ? BY_FIRST.word : BY_FIRST.mark;
    for (const { re, tok } of lexemes) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m || m[0].length === 0) continue;
      const t = tok(m);
      if (typeof t === 'string') return t;
      if (t) out.push(t);
      i += m[0].length;
      continue outer;
    }
    const word = /^[^\s,;()]+/u.exec(text.slice(i));
    return REASON.cannotRead(word ? word[0] : text.slice(i, i + 10));
  }
  return out;
}

export type ItemsResult = { items: TermItem[]; notes: string[] } | { error: string };

function anchorYear(a: TermAnchor): number | undefined {
  return a.y;
}

/** Reads dates and named periods. `text` is normalised (lower case) with the clause words removed. */
export function parseItems(text: string): ItemsResult {
  const lexed = tokenize(text);
  if (typeof lexed === 'string') return { error: lexed };
  const toks: Tok[] = lexed;
  const items: TermItem[] = [];
  const notes: string[] = [];
  let i = 0;
  const peek = (o = 0): Tok | undefined => toks[i + o];
  // A list written as bullets (`- до 20 мая - до 20 декабря`, `- 2022/23 учебный год - 2023/24 учебный год`):
  // its dashes separate items and never make ranges.
  const bulleted = toks.find((t) => t.k !== 'sep')?.k === 'dash';

  /**
   * One atom: a date, month, year, academic year, or `N[, M] квартал/полугодие` (several anchors for a list;
   * a span for `I-II квартал`).
   */
  function atom(): TermAnchor[] | { span: [TermAnchor, TermAnchor] } | string {
    const t = toks[i];
    if (!t) return REASON.dateMissing;
    switch (t.k) {
      case 'date': {
        i++;
        let y = t.y;
        if (y === undefined && peek()?.k === 'year') y = (toks[i++] as { y: number }).y;
        if (t.m < 1 || t.m > 12 || t.d < 1 || t.d > 31) return REASON.noSuchDate(t.d, t.m);
        if (!isValidDate(y ?? 2000, t.m, t.d)) return REASON.noSuchDate(t.d, t.m, y || undefined);
        return [{ unit: 'day', d: t.d, m: t.m, ...(y !== undefined ? { y } : {}) }];
      }
      case 'month': {
        i++;
        if (peek()?.k === 'year') return [{ unit: 'month', m: t.m, y: (toks[i++] as { y: number }).y }];
        return [{ unit: 'month', m: t.m }];
      }
      case 'year':
        i++;
        return [{ unit: 'year', y: t.y }];
      case 'academic':
        i++;
        if (t.bare) notes.push(REASON.bareAcademic(t.bare, t.y));
        return [{ unit: 'academic', y: t.y }];
      case 'num': {
        // `1, 2 полугодие`, `I-II квартал`, or a bare day before a range end (`с 1 по 15 апреля`).
        const nums: number[] = [t.n];
        let ranged = false;
        i++;
        while ((peek()?.k === 'sep' || peek()?.k === 'dash') && peek(1)?.k === 'num') {
          if (peek()?.k === 'dash') ranged = true;
          nums.push((toks[i + 1] as { n: number }).n);
          i += 2;
        }
        const u = peek();
        if (u?.k !== 'unit') {
          if (
            nums.length === 1 &&
            (u?.k === 'dash' || (u?.k === 'prep' && (u.p === 'to' || u.p === 'until')))
          )
            return [{ unit: 'day', d: t.n, m: 0 }]; // month (and year) come from the range end
          return REASON.numberWithoutUnit(nums);
        }
        i++;
        let y: number | undefined;
        if (peek()?.k === 'year') y = (toks[i++] as { y: number }).y;
        const max = u.u === 'quarter' ? 4 : 2;
        if (nums.some((n) => n < 1 || n > max)) return REASON.noSuchPart(u.u, nums);
        const mk = (n: number): TermAnchor =>
          u.u === 'quarter'
            ? { unit: 'quarter', q: n, ...(y ? { y } : {}) }
            : { unit: 'half', h: n, ...(y ? { y } : {}) };
        if (ranged) return nums.length === 2 ? { span: [mk(nums[0]), mk(nums[1])] } : REASON.oddRange;
        return nums.map(mk);
      }
      default:
        return REASON.dateMissing;
    }
  }

  while (i < toks.length) {
    const t = toks[i];
    if (t.k === 'sep' || t.k === 'dash') {
      i++;
      continue;
    }
    let until = false;
    let from = false;
    while (peek()?.k === 'prep') {
      const p = (toks[i] as { p: string }).p;
      if (p === 'until') until = true;
      else if (p === 'from') from = true;
      else if (p === 'to') return { error: REASON.toWithoutFrom };
      i++;
      while (peek()?.k === 'sep') i++; // `«до» 2024`
    }
    if (peek()?.k === 'end') {
      // `до конца марта` is due at the end of March anyway; `с конца марта` would need the last day as a start.
      if (!until || from) return { error: REASON.endOnlyAfterUntil };
      i++;
    }
    if (i >= toks.length) return { error: REASON.dateMissing };
    // A bare year after items: `Февраль, 2023` gives the year to year-less items before it; `Ноябрь 2021,
    // 2022` repeats the last item in another year.
    const cur = toks[i];
    if (cur.k === 'year' && !until && !from && items.length > 0 && peek(1)?.k !== 'dash') {
      const last = items[items.length - 1];
      if (last.end.unit !== 'year' && last.end.unit !== 'academic') {
        i++;
        if (anchorYear(last.end) === undefined) {
          for (let j = items.length - 1; j >= 0 && anchorYear(items[j].end) === undefined; j--)
            setYear(items[j], cur.y);
        } else {
          const copy: TermItem = { ...last, start: withoutYear(last.start), end: withoutYear(last.end) };
          if (last.start === last.end) copy.start = copy.end;
          setYear(copy, cur.y);
          items.push(copy);
        }
        continue;
      }
    }
    const a = atom();
    if (typeof a === 'string') return { error: a };
    if (!Array.isArray(a)) {
      items.push({ start: a.span[0], end: a.span[1], ...(until ? { until } : {}) });
      continue;
    }
    // A range: `A - B`, `с A по B`, `с A до B`. A dash before `до` separates items instead
    // (`Ежегодно - до 20 мая - до 20 декабря`).
    const n = peek();
    const rangeNext =
      a.length === 1 &&
      ((n?.k === 'dash' &&
        !bulleted &&
        peek(1) !== undefined &&
        peek(1)!.k !== 'prep' &&
        peek(1)!.k !== 'sep') ||
        (n?.k === 'prep' && (n.p === 'to' || (n.p === 'until' && from))));
    if (rangeNext) {
      i++;
      const b = atom();
      if (typeof b === 'string') return { error: b };
      if (!Array.isArray(b) || b.length !== 1) return { error: REASON.rangeToList };
      const start = a[0];
      const end = b[0];
      if (start.unit === 'day' && start.m === 0) {
        if (end.unit !== 'day') return { error: REASON.dayRangeWithoutMonth };
        start.m = end.m;
      }
      items.push({ start, end, ...(until ? { until } : {}) });
      continue;
    }
    if (a.length === 1 && a[0].unit === 'day' && a[0].m === 0) return { error: REASON.dayWithoutMonth };
    for (const anchor of a)
      items.push({
        start: anchor,
        end: anchor,
        ...(until ? { until } : {}),
        ...(from ? { open: true } : {}),
      });
  }
  inheritYears(items);
  for (const it of items) {
    const bad = checkItem(it);
    if (bad) return { error: bad };
  }
  return { items, notes };
}

function withYear(a: TermAnchor, y: number): TermAnchor {
  return a.unit === 'year' || a.unit === 'academic' ? a : { ...a, y };
}

function withoutYear(a: TermAnchor): TermAnchor {
  if (a.unit === 'year' || a.unit === 'academic' || a.y === undefined) return a;
  const { y: _dropped, ...rest } = a;
  return rest as TermAnchor;
}

/** Gives a year-less item the year `y` (its end's year; a span starting later in the year starts the year before). */
function setYear(item: TermItem, y: number): void {
  const single = item.start === item.end;
  item.end = withYear(item.end, y);
  if (single) item.start = item.end;
  else if (anchorYear(item.start) === undefined)
    item.start = withYear(item.start, order(item.start) > order(item.end) ? y - 1 : y);
}

/**
 * Russian writes the year once, at the end: `Апрель, октябрь 2023`, `с 15 марта по 31 декабря 2023`. A
 * year-less item takes the year of the next item that has one; a span's start takes its end's year (the year
 * before when the start comes later in the year: `сентябрь - май 2024`).
 */
function inheritYears(items: TermItem[]): void {
  let next: number | undefined;
  for (let j = items.length - 1; j >= 0; j--) {
    const it = items[j];
    const y = anchorYear(it.end);
    if (y === undefined && next !== undefined && it.end.unit !== 'year' && it.end.unit !== 'academic') {
      setYear(it, next);
    }
    const ey = anchorYear(it.end);
    if (ey !== undefined && it.start !== it.end && anchorYear(it.start) === undefined) {
      it.start = withYear(it.start, order(it.start) > order(it.end) ? ey - 1 : ey);
    }
    if (ey !== undefined && it.end.unit !== 'year' && it.end.unit !== 'academic') next = ey;
  }
}

/** Position of an anchor's start inside its year, to tell cross-year spans. */
export function order(a: TermAnchor): number {
  switch (a.unit) {
    case 'day':
      return a.m * 100 + a.d;
    case 'month':
      return a.m * 100 + 1;
    case 'quarter':
      return (a.q * 3 - 2) * 100 + 1;
    case 'half':
      return (a.h * 6 - 5) * 100 + 1;
    default:
      return 101;
  }
}

function checkItem(it: TermItem): string | null {
  for (const a of [it.start, it.end]) {
    if (a.unit === 'day' && a.y !== undefined && !isValidDate(a.y, a.m, a.d))
      return REASON.noSuchDate(a.d, a.m, a.y);
  }
  return null;
}

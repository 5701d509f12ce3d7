/**
 * The bridge to the term engine (`@karta/terms`): an activity's term is `{raw, ...parseTerm(raw, ctx)}`.
 * Two shapes need more than one call: schedules drawn as marks in period columns, and a term cell
 * fused with the result cell (`Ежегодно Тиражирование лучшего опыта…`).
 */
import { parseTerm, type TermContext, type TermItem, type TermResult, type TermSchedule } from '@karta/terms';
import type { ActivityTerm } from './types';

export function readTerm(raw: string, ctx: TermContext): ActivityTerm {
  return { raw, ...parseTerm(raw, ctx) };
}

const understood = (r: TermResult) => r.kind !== 'unknown' && r.kind !== 'none';

/** The engine reads it as a deadline phrase (used to infer columns and to split fused cells). */
export function isTermLike(text: string, ctx: TermContext): boolean {
  return understood(parseTerm(text, ctx));
}

/**
 * `Ежегодно Тиражирование лучшего опыта` → `Ежегодно` + `Тиражирование лучшего опыта`. A split point is
 * a capitalised word; the head before it must read as a term without doubt. The shortest such head
 * wins, so the sentence after it is never swallowed into the term.
 */
export function splitFusedTerm(text: string, ctx: TermContext): { term: string; rest: string } | null {
  const words = text.split(' ');
  for (let j = 1; j < Math.min(words.length, 12); j++) {
    if (!/^[«"(]?\p{Lu}/u.test(words[j]!)) continue;
    const head = words.slice(0, j).join(' ');
    const r = parseTerm(head, ctx);
    if (understood(r) && !r.needsReview) return { term: head, rest: words.slice(j).join(' ') };
  }
  return null;
}

const MARKED = /^(?:[хxХX+✓✔•*vV]|да|\d+)$/u;
const UNMARKED = /^(?:|[-–—]|нет|0)$/u;

export interface PeriodCell {
  /** The phrase the column stands for (`3 квартал 2023`). */
  phrase: string;
  text: string;
}

/**
 * A schedule drawn as marks (`х | - | х | -` under `I кв. … IV кв.`): `raw` joins the cells with ` | ` in
 * column order and the term is the union of the marked periods. A cell holding text instead of a mark
 * (a date) is read on its own.
 */
export function termFromMarks(cells: PeriodCell[], ctx: TermContext): ActivityTerm {
  const raw = cells.map((c) => c.text || '-').join(' | ');
  // `I кв.` under a plan for one year means that year's quarter: say so, rather than leave it to a guess
  const year = ctx.from.slice(0, 4) === ctx.to.slice(0, 4) ? ctx.from.slice(0, 4) : null;
  const phraseOf = (c: PeriodCell) =>
    year && !/(?<!\d)20\d\d(?!\d)/.test(c.phrase) ? `${c.phrase} ${year}` : c.phrase;
  const parts: TermResult[] = [];
  const unread: string[] = [];
  for (const c of cells) {
    const t = c.text.trim();
    if (UNMARKED.test(t)) continue;
    const r = MARKED.test(t) ? parseTerm(phraseOf(c), ctx) : parseTerm(t, ctx);
    if (understood(r)) parts.push(r);
    else unread.push(MARKED.test(t) ? phraseOf(c) : t);
  }
  if (!parts.length) {
    const none = parseTerm('', ctx);
    return unread.length
      ? {
          raw,
          ...none,
          input: raw,
          kind: 'unknown',
          ...(none.schedule ? { schedule: { type: 'unknown' } } : {}),
          needsReview: true,
          reason: `не прочитаны отметки: ${unread.join(', ')}`,
        }
      : { raw, ...none, input: raw };
  }
  const occurrences = parts
    .flatMap((p) => p.occurrences)
    .sort((a, b) => a.due.localeCompare(b.due))
    .filter((o, i, all) => i === 0 || o.due !== all[i - 1]!.due || o.start !== all[i - 1]!.start);
  const starts = parts
    .map((p) => p.window.start)
    .filter((s): s is string => s !== null)
    .sort();
  const ends = parts
    .map((p) => p.window.end)
    .filter((s): s is string => s !== null)
    .sort();
  const reasons = [
    ...parts.map((p) => p.reason).filter(Boolean),
    ...(unread.length ? [`не прочитаны отметки: ${unread.join(', ')}`] : []),
  ];
  const needsReview = parts.some((p) => p.needsReview) || unread.length > 0;
  const result: ActivityTerm = {
    raw,
    input: raw,
    kind: parts.length === 1 ? parts[0]!.kind : 'recurring',
    occurrences,
    window: { start: starts[0] ?? null, end: ends[ends.length - 1] ?? null },
    needsReview,
  };
  if (needsReview) result.reason = reasons.join('; ');
  const external = parts.find((p) => p.external)?.external;
  if (external) result.external = external;
  const schedule = unionSchedule(parts);
  if (schedule) result.schedule = schedule;
  return result;
}

/** The typed reading of several marked periods: their written items together, when all are dates. */
function unionSchedule(parts: TermResult[]): TermSchedule | undefined {
  if (parts.length === 1) return parts[0]!.schedule;
  const items: TermItem[] = [];
  for (const p of parts) {
    if (p.schedule?.type !== 'dates' || p.schedule.annual || p.schedule.minCount) return undefined;
    items.push(...p.schedule.items);
  }
  return { type: 'dates', items };
}

/**
 * Expansion: a typed schedule plus the roadmap period → concrete occurrences and the window. Occurrences are
 * only those whose due date lies inside [from, to]; a start before `from` is clipped to `from`. Anything the
 * expansion had to guess or drop is returned as a note, which makes the result `needsReview`.
 */
import type { TermAnchor, TermItem, TermOccurrence, TermSchedule, TermWindow } from './types';
import { addMonths, daysInMonth, firstOfMonth, iso, isValidDate, lastOfMonth, maxIso, minIso } from './dates';
import { order } from './anchors';
import { REASON } from './reasons';

export interface Period {
  from: string;
  to: string;
  /** Years of `from` and `to`. */
  fy: number;
  ty: number;
}

export interface Expanded {
  occurrences: TermOccurrence[];
  window: TermWindow;
  notes: string[];
}

/** First and last day of an anchor in year `y` (its own year when it has one); null for Feb 29 in a common year. */
export function bounds(a: TermAnchor, y: number): [string, string] | null {
  switch (a.unit) {
    case 'day':
      return isValidDate(y, a.m, a.d) ? [iso(y, a.m, a.d), iso(y, a.m, a.d)] : null;
    case 'month':
      return [firstOfMonth(y, a.m), lastOfMonth(y, a.m)];
    case 'quarter':
      return [firstOfMonth(y, a.q * 3 - 2), lastOfMonth(y, a.q * 3)];
    case 'half':
      return [firstOfMonth(y, a.h * 6 - 5), lastOfMonth(y, a.h * 6)];
    case 'year':
      return [iso(a.y, 1, 1), iso(a.y, 12, 31)];
    case 'academic':
      // The Russian academic year starts on 1 September (Federal Law 273-FZ art. 28 practice); its end is
      // taken as 31 August, the eve of the next one.
      return [iso(a.y, 9, 1), iso(a.y + 1, 8, 31)];
  }
}

/** An item's occurrence when its year-less end falls in year `y` (ignored when the item has its years). */
function resolveItem(it: TermItem, y: number): TermOccurrence | null {
  const endY = it.end.y ?? y;
  const startY =
    it.start.y ?? (it.start === it.end ? endY : order(it.start) > order(it.end) ? endY - 1 : endY);
  const e = bounds(it.end, endY);
  const s = bounds(it.start, startY);
  if (!e || !s) return null;
  if (it.until) return { start: null, due: e[1] };
  if (s[0] > e[1]) return null;
  return { start: s[0], due: e[1] };
}

function hasYear(a: TermAnchor): boolean {
  return a.y !== undefined;
}

function inside(p: Period, due: string): boolean {
  return due >= p.from && due <= p.to;
}

function finish(p: Period, occ: TermOccurrence[], notes: string[]): Expanded {
  const clipped = occ.map((o) => (o.start !== null && o.start < p.from ? { start: p.from, due: o.due } : o));
  clipped.sort((a, b) =>
    a.due < b.due ? -1 : a.due > b.due ? 1 : (a.start ?? '') < (b.start ?? '') ? -1 : 1,
  );
  const out: TermOccurrence[] = [];
  for (const o of clipped) {
    const last = out[out.length - 1];
    if (!last || last.due !== o.due || last.start !== o.start) out.push(o);
  }
  let window: TermWindow = { start: null, end: null };
  if (out.length > 0) {
    let start: string | null = null;
    for (const o of out) if (o.start !== null && (start === null || o.start < start)) start = o.start;
    // A deadline with no written start (`до …`) that comes first leaves the window open at the start.
    if (out[0].start === null) start = null;
    window = { start, end: out[out.length - 1].due };
  }
  return { occurrences: out, window, notes };
}

/** The period narrowed by bounds written with a frequency (`ежегодно до 2024 года`); null when nothing is left. */
function narrowed(
  from: TermAnchor | undefined,
  to: TermAnchor | undefined,
  period: Period,
): { p: Period | null; notes: string[] } {
  if (!from && !to) return { p: period, notes: [] };
  const w = continuousWindow(from, to, period);
  if (w.window.start === null) return { p: null, notes: w.notes };
  const start = w.window.start;
  const end = w.window.end!;
  return { p: { from: start, to: end, fy: +start.slice(0, 4), ty: +end.slice(0, 4) }, notes: w.notes };
}

function expandDates(s: Extract<TermSchedule, { type: 'dates' }>, period: Period): Expanded {
  const bounded = narrowed(s.from, s.to, period);
  if (!bounded.p) return { occurrences: [], window: { start: null, end: null }, notes: bounded.notes };
  const p = bounded.p;
  const occ: TermOccurrence[] = [];
  const notes: string[] = [...bounded.notes];
  const outside: string[] = [];
  for (const it of s.items) {
    if (hasYear(it.end)) {
      const o = resolveItem(it, 0);
      if (!o) notes.push(REASON.endsBeforeStart(it));
      else if (inside(p, o.due)) occ.push(o);
      else outside.push(o.due);
    } else if (s.annual) {
      for (let y = p.fy - 1; y <= p.ty + 1; y++) {
        const o = resolveItem(it, y);
        if (o && inside(p, o.due)) occ.push(o);
      }
    } else {
      let found: TermOccurrence | null = null;
      let year = 0;
      for (let y = p.fy; y <= p.ty + 1 && !found; y++) {
        const o = resolveItem(it, y);
        if (o && o.due >= p.from && inside(p, o.due)) {
          found = o;
          year = y;
        }
      }
      if (!found) notes.push(REASON.yearlessOutside(it));
      else {
        occ.push(found);
        if (p.ty > p.fy) notes.push(REASON.yearlessFirst(year));
        // The written start lies before the period (`Январь-май` in a plan from 12 May): maybe the next year.
        else if (found.start !== null && found.start < p.from) notes.push(REASON.yearlessCut(year, p.from));
      }
    }
  }
  if (outside.length > 0) notes.push(REASON.outsidePeriod(p.from, p.to, outside));
  return finish(p, occ, dedupe(notes));
}

function dedupe(notes: string[]): string[] {
  return notes.filter((n, i) => notes.indexOf(n) === i);
}

const UNIT_MONTHS = { month: 1, quarter: 3, half: 6, year: 12 } as const;

/**
 * Frequencies walk the calendar's own units (quarters from January, not from `from`: an RRULE with
 * INTERVAL=3 would count from the start date). A unit counts when it overlaps the period.
 */
function expandEvery(s: Extract<TermSchedule, { type: 'every' }>, period: Period): Expanded {
  const k = UNIT_MONTHS[s.unit];
  const occ: TermOccurrence[] = [];
  // Written bounds narrow the period (`ежегодно до 2024 года`).
  const bounded = narrowed(s.from, s.to, period);
  if (!bounded.p) return { occurrences: [], window: { start: null, end: null }, notes: bounded.notes };
  const p = bounded.p;
  for (let y = p.fy; y <= p.ty; y++) {
    for (let m = 1; m <= 12; m += k) {
      const pStart = firstOfMonth(y, m);
      const [ey, em] = addMonths(y, m, k - 1);
      const pEnd = lastOfMonth(ey, em);
      if (pEnd < p.from || pStart > p.to) continue;
      let o: TermOccurrence;
      if (s.day === undefined) o = { start: pStart, due: pEnd };
      else if (s.following) {
        // `до 5 числа месяца, следующего за отчетным`: the report on this unit is due in the next month.
        const [ny, nm] = addMonths(ey, em, 1);
        o = { start: firstOfMonth(ny, nm), due: iso(ny, nm, Math.min(s.day, daysInMonth(ny, nm))) };
      } else o = { start: null, due: iso(ey, em, Math.min(s.day, daysInMonth(ey, em))) };
      if (inside(p, o.due)) occ.push(o);
    }
  }
  return finish(p, occ, bounded.notes);
}

/** The continuous window: the period, narrowed by `с A` / `по B` where written. */
function continuousWindow(from: TermAnchor | undefined, to: TermAnchor | undefined, p: Period): Expanded {
  const notes: string[] = [];
  let start = p.from;
  let end = p.to;
  if (from) {
    const b = hasYear(from) ? bounds(from, from.y!) : firstInside(from, p);
    if (!b) notes.push(REASON.startOutside);
    else start = maxIso(start, b[0]);
  }
  if (to) {
    const b = hasYear(to) ? bounds(to, to.y!) : firstInside(to, p);
    if (!b) notes.push(REASON.endOutside);
    else end = minIso(end, b[1]);
  }
  if (start > end) {
    notes.push(REASON.spanOutside(p.from, p.to));
    return { occurrences: [], window: { start: null, end: null }, notes };
  }
  return { occurrences: [], window: { start, end }, notes };
}

function firstInside(a: TermAnchor, p: Period): [string, string] | null {
  for (let y = p.fy; y <= p.ty; y++) {
    const b = bounds(a, y);
    if (b && b[0] >= p.from && b[0] <= p.to) return b;
  }
  return null;
}

export function expand(s: TermSchedule, p: Period): Expanded {
  switch (s.type) {
    case 'dates':
      return expandDates(s, p);
    case 'every':
      return expandEvery(s, p);
    case 'continuous':
      return continuousWindow(s.from, s.to, p);
    case 'external':
      return { occurrences: [], window: { start: p.from, end: p.to }, notes: [] };
    default:
      return { occurrences: [], window: { start: null, end: null }, notes: [] };
  }
}

/** The span covered by dated items, as a continuous/external window (`В течение 2023 (по графику …)`). */
export function itemsWindow(items: TermItem[], p: Period): Expanded {
  const e = expandDates({ type: 'dates', items }, p);
  if (e.occurrences.length === 0)
    return { occurrences: [], window: { start: null, end: null }, notes: e.notes };
  return { occurrences: [], window: { start: e.window.start ?? p.from, end: e.window.end }, notes: e.notes };
}

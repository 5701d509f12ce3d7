/**
 * Working-day arithmetic on the Russian production calendar. Dates are ISO calendar days `YYYY-MM-DD`
 * (no zone: the caller has already read the instant in the region's zone). Pure: no clock, no I/O.
 */
import { PRODUCTION_CALENDAR, PUBLIC_HOLIDAYS } from './data';

export { PRODUCTION_CALENDAR } from './data';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parse(date: string): Date {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${date}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== date) throw new RangeError(`no such date: ${date}`);
  return d;
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const fallbackCache = new Map<number, { daysOff: Set<string>; workingWeekends: Set<string> }>();

/**
 * For years without a decree in the data: art. 112 of the Labour Code — the fixed holidays are days off, and
 * a holiday (other than 1–8 January) falling on a weekend moves to the next working day.
 */
function fallbackYear(year: number): { daysOff: Set<string>; workingWeekends: Set<string> } {
  const cached = fallbackCache.get(year);
  if (cached) return cached;
  const daysOff = new Set<string>();
  const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;
  for (const mmdd of PUBLIC_HOLIDAYS) {
    const d = parse(`${year}-${mmdd}`);
    if (!isWeekend(d)) {
      daysOff.add(mmdd);
      continue;
    }
    if (mmdd.startsWith('01-')) continue;
    const moved = new Date(d);
    do moved.setUTCDate(moved.getUTCDate() + 1);
    while (isWeekend(moved) || daysOff.has(format(moved).slice(5)));
    daysOff.add(format(moved).slice(5));
  }
  const year_ = { daysOff, workingWeekends: new Set<string>() };
  fallbackCache.set(year, year_);
  return year_;
}

const dataCache = new Map<number, { daysOff: Set<string>; workingWeekends: Set<string> }>();

function yearRules(year: number): { daysOff: Set<string>; workingWeekends: Set<string> } {
  const data = PRODUCTION_CALENDAR[year];
  if (!data) return fallbackYear(year);
  let rules = dataCache.get(year);
  if (!rules) {
    rules = { daysOff: new Set(data.daysOff), workingWeekends: new Set(data.workingWeekends) };
    dataCache.set(year, rules);
  }
  return rules;
}

/** Whether the calendar data covers this year by decree (otherwise the art. 112 fallback is used). */
export function hasCalendarData(year: number): boolean {
  return PRODUCTION_CALENDAR[year] !== undefined;
}

export function isWorkingDay(date: string): boolean {
  const d = parse(date);
  const rules = yearRules(d.getUTCFullYear());
  const mmdd = date.slice(5);
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6) return rules.workingWeekends.has(mmdd);
  return !rules.daysOff.has(mmdd);
}

/**
 * Moves by `n` working days: `n > 0` forward, `n < 0` backward, counting only working days, so
 * addWorkingDays(friday, 1) is the next Monday when that is worked. `n = 0` returns the date unchanged.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  const d = parse(date);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + step);
    if (isWorkingDay(format(d))) left--;
  }
  return format(d);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string): string {
  return addWorkingDays(date, 1);
}

/** `date` itself when worked, else the next working day. */
export function workingDayOnOrAfter(date: string): string {
  return isWorkingDay(date) ? date : nextWorkingDay(date);
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string): number {
  const a = parse(from);
  const b = parse(to);
  const sign = b >= a ? 1 : -1;
  let count = 0;
  const d = new Date(a);
  while (format(d) !== to) {
    d.setUTCDate(d.getUTCDate() + sign);
    if (isWorkingDay(format(d))) count += sign;
  }
  return count;
}

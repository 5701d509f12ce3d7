/**
 * Working-day arithmetic over a day predicate. The Russian production calendar (non-working days and
 * transfers, by year) is data in libs/terms; everything else is counted here so the workflow's reading of
 * "10 working days before" is defined in one place.
 */
import { isWorkingDay as isRussianWorkingDay } from '../../libs/terms/src/calendar';
import { addDays } from './time';

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
}

export const russianCalendar: WorkingCalendar = { isWorkingDay: isRussianWorkingDay };

/** Every day counts: for tests and benchmarks that must not depend on the weekday they run on. */
export const everyDayCalendar: WorkingCalendar = { isWorkingDay: () => true };

export function calendarFor(name: 'ru' | 'every-day'): WorkingCalendar {
  return name === 'every-day' ? everyDayCalendar : russianCalendar;
}

// Long holidays are 10–12 days; the bound only guards against a broken predicate.
const MAX_SCAN = 60;

/** The first working day strictly after `date`. */
export function nextWorkingDay(cal: WorkingCalendar, date: string): string {
  return addWorkingDays(cal, date, 1);
}

/** `date` itself when it is a working day, else the next one. */
export function workingDayOnOrAfter(cal: WorkingCalendar, date: string): string {
  return cal.isWorkingDay(date) ? date : nextWorkingDay(cal, date);
}

/** `date` itself when it is a working day, else the previous one. */
export function workingDayOnOrBefore(cal: WorkingCalendar, date: string): string {
  return cal.isWorkingDay(date) ? date : addWorkingDays(cal, date, -1);
}

/** The n-th working day after (n > 0) or before (n < 0) `date`, not counting `date`; n = 0 gives `date`. */
export function addWorkingDays(cal: WorkingCalendar, date: string, n: number): string {
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let day = date;
  let scanned = 0;
  while (left > 0) {
    day = addDays(day, step);
    if (cal.isWorkingDay(day)) {
      left--;
      scanned = 0;
    } else if (++scanned > MAX_SCAN) {
      throw new Error(`calendar has no working day within ${MAX_SCAN} days of ${day}`);
    }
  }
  return day;
}

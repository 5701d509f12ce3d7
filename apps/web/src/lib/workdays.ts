/**
 * Countdown in working days on the Russian production calendar (libs/terms: pure data and arithmetic,
 * bundled into the app), counted from today in the region's zone.
 */
import { workingDaysBetween } from '../../../../libs/terms/src/calendar';
import type { Task } from '../api/types';

export function todayIso(tz?: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

/** The date the executor is held to now: the rework date after a return, else the due date. */
export const effectiveDue = (t: Pick<Task, 'status' | 'due' | 'reworkDue'>) =>
  t.status === 'returned' && t.reworkDue ? t.reworkDue : t.due;

/** Working days from today (exclusive) to the due date (inclusive); negative once it has passed. */
export function workingDaysLeft(t: Task, tz?: string): number {
  if (typeof t.workingDaysLeft === 'number') return t.workingDaysLeft;
  try {
    return workingDaysBetween(todayIso(tz), effectiveDue(t));
  } catch {
    return 0;
  }
}

/** Dates and numbers written the Russian way, in the region's zone. */
import { DateTime } from 'luxon';

/** `31 октября 2023 г., вт` */
export function ruDate(isoDate: string, tz: string): string {
  return DateTime.fromISO(isoDate, { zone: tz }).setLocale('ru').toFormat("d MMMM yyyy 'г.', ccc");
}

/** `до 31 октября 2023 г., вт` */
export function ruDue(isoDate: string, tz: string): string {
  return `до ${ruDate(isoDate, tz)}`;
}

/** `31 октября 2023 г., 09:00` for an instant. */
export function ruDateTime(instant: Date, tz: string): string {
  return DateTime.fromJSDate(instant, { zone: tz }).setLocale('ru').toFormat("d MMMM yyyy 'г.', HH:mm");
}

/** `1 рабочий день`, `3 рабочих дня`, `10 рабочих дней`. */
export function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

export function workingDays(n: number): string {
  return `${n} ${plural(n, 'рабочий день', 'рабочих дня', 'рабочих дней')}`;
}

export function days(n: number): string {
  return `${n} ${plural(n, 'день', 'дня', 'дней')}`;
}

/** Calendar days from `from` to `to` (ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function localToday(now: Date, tz: string): string {
  return DateTime.fromJSDate(now, { zone: tz }).toISODate()!;
}

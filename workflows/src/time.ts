/**
 * Calendar days and local wall-clock times in a region's zone, without luxon: the workflow bundle stays
 * small and every function is pure (Intl only reads the zone rules; Russia has had no DST since 2014).
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

function wallClock(ms: number, tz: string): { date: string; wallMs: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const wallMs = Date.UTC(
    +parts.year,
    +parts.month - 1,
    +parts.day,
    +parts.hour,
    +parts.minute,
    +parts.second,
  );
  return { date, wallMs };
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

export function isHhMm(value: unknown): value is string {
  return typeof value === 'string' && HH_MM.test(value);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar day of an instant in a zone. */
export function localDate(ms: number, tz: string): string {
  return wallClock(ms, tz).date;
}

/** The instant at which the wall clock in `tz` shows `date` `hhmm` (epoch ms). */
export function zonedInstant(date: string, hhmm: string, tz: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  const [y, mo, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, m);
  // Offset at the guess, then once more at the result, which settles any zone transition.
  let ms = wall - (wallClock(wall, tz).wallMs - wall);
  ms = wall - (wallClock(ms, tz).wallMs - ms);
  return ms;
}

/** Start of the next local day after `date` (the moment a due date has passed). */
export function endOfLocalDay(date: string, tz: string): number {
  return zonedInstant(addDays(date, 1), '00:00', tz);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

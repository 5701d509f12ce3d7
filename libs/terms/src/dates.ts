/**
 * Plain calendar-date arithmetic on ISO `YYYY-MM-DD` strings. A roadmap term names calendar days in the
 * region's zone, so no instant or zone conversion is involved: days are (year, month, day) triples, and ISO
 * strings of four-digit years compare correctly as strings. Allocation-light on purpose (the bench target is
 * tens of thousands of phrases per second).
 */

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : DAYS[m - 1];
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) &&
    y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
  );
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function iso(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function firstOfMonth(y: number, m: number): string {
  return iso(y, m, 1);
}

export function lastOfMonth(y: number, m: number): string {
  return iso(y, m, daysInMonth(y, m));
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict ISO date; null when malformed or not a real day (2023-02-30). */
export function parseIso(s: string): { y: number; m: number; d: number } | null {
  const m = typeof s === 'string' ? ISO_RE.exec(s) : null;
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  return isValidDate(y, mo, d) ? { y, m: mo, d } : null;
}

export function yearOf(isoDate: string): number {
  return +isoDate.slice(0, 4);
}

/** The day after `isoDate` (month and year roll-over included). */
export function nextDay(isoDate: string): string {
  const y = +isoDate.slice(0, 4);
  const m = +isoDate.slice(5, 7);
  const d = +isoDate.slice(8, 10);
  if (d < daysInMonth(y, m)) return iso(y, m, d + 1);
  if (m < 12) return iso(y, m + 1, 1);
  return iso(y + 1, 1, 1);
}

/** Adds `n` months to (y, m), returning the resulting year and month. */
export function addMonths(y: number, m: number, n: number): [number, number] {
  const idx = y * 12 + (m - 1) + n;
  return [Math.floor(idx / 12), (idx % 12) + 1];
}

export function maxIso(a: string, b: string): string {
  return a >= b ? a : b;
}

export function minIso(a: string, b: string): string {
  return a <= b ? a : b;
}

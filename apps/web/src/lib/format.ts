/** Dates and numbers written the Russian way. Calendar dates (`YYYY-MM-DD`) are never shifted by zone. */
const dateFmt = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortFmt = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const weekdayFmt = new Intl.DateTimeFormat('ru-RU', { weekday: 'short', timeZone: 'UTC' });

function utcDate(iso: string): Date | null {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `31 октября 2023 г., вт` */
export function formatDate(iso: string | null | undefined, withWeekday = true): string {
  if (!iso) return '—';
  const d = utcDate(iso.slice(0, 10));
  if (!d) return iso;
  return withWeekday ? `${dateFmt.format(d)}, ${weekdayFmt.format(d)}` : dateFmt.format(d);
}

/** `28 февр.` */
export function formatShortDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = utcDate(iso.slice(0, 10));
  return d ? shortFmt.format(d) : iso;
}

/** `28.02.2023` — compact, for tables. */
export function formatNumericDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return d ? `${d}.${m}.${y}` : iso;
}

/** An instant in the viewer's zone: `31 октября 2023 г., 09:00`. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('ru-RU', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(d);
}

const plural = new Intl.PluralRules('ru-RU');

/** `plural(3, ['день', 'дня', 'дней'])` → `3 дня` */
export function pluralize(n: number, forms: [one: string, few: string, many: string]): string {
  const rule = plural.select(Math.abs(n));
  const word = rule === 'one' ? forms[0] : rule === 'few' ? forms[1] : forms[2];
  return `${n} ${word}`;
}

export function formatBytes(bytes: number | undefined | null): string {
  if (bytes === undefined || bytes === null || Number.isNaN(bytes)) return '';
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0).replace('.', ',')} КБ`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
}

export function personName(
  p: { fullName?: string; name?: string; email?: string } | string | null | undefined,
): string {
  if (!p) return '—';
  if (typeof p === 'string') return p;
  return p.fullName ?? p.name ?? p.email ?? '—';
}

import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { downloadXlsx, getCalendarLink, getProgress, getRoadmap, getTimeline } from '../api/endpoints';
import type { RoadmapDraft, RoadmapProgress, TimelineItem } from '../api/types';
import { useAuth } from '../auth';
import { Alert, Empty, ErrorBox, Loading, PageHeader, Stat, statusLabel } from '../components/ui';
import { formatDate, formatShortDate } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { todayIso } from '../lib/workdays';

const COLORS = {
  approved: '#1d7a46',
  inWork: '#1f5fbf',
  overdue: '#b3261e',
  submitted: '#6a8fd6',
  planned: '#9aa6b8',
};

/** The plan's own dates (the parsed terms), when the occurrences themselves are not available. */
function plannedTimeline(r: RoadmapDraft): TimelineItem[] {
  const today = todayIso();
  return r.activities.flatMap((a) =>
    (Array.isArray(a.term?.occurrences) ? a.term!.occurrences : []).map((o, i) => ({
      id: `${a.id}:${i}`,
      activityId: a.id,
      number: a.number,
      title: a.title,
      direction: a.section?.[0] ?? null,
      start: o.start,
      due: o.due,
      status: (o.due < today ? 'open' : 'planned') as TimelineItem['status'],
      overdue: false,
    })),
  );
}

/** A ref for an element and its rendered width, followed as it changes (0 until it is laid out). */
function useWidth<T extends HTMLElement>(): [(el: T | null) => void, number] {
  const [el, setEl] = useState<T | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return [setEl, width];
}

let measuring: CanvasRenderingContext2D | null | undefined;

/** The width of a text in the page's font at `size` px (a canvas measures it; a rough guess without one). */
function textWidth(text: string, size: number): number {
  if (measuring === undefined) measuring = document.createElement('canvas').getContext('2d');
  if (!measuring) return text.length * size * 0.62;
  measuring.font = `${size}px ${getComputedStyle(document.body).fontFamily}`;
  return measuring.measureText(text).width;
}

/** Words into at most `maxLines` lines of `maxPx`; the last line ends in «…» when the text is longer. */
function wrapWords(text: string, maxPx: number, size: number, maxLines = 2): string[] {
  const fits = (s: string) => textWidth(s, size) <= maxPx;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (fits(next) || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  const kept = lines.slice(0, maxLines);
  const cut = lines.length > maxLines;
  return kept.map((l, i) => {
    let out = l;
    const last = i === kept.length - 1;
    if (fits(out) && !(last && cut)) return out;
    while (out.length > 1 && !fits(`${out}…`)) out = out.slice(0, -1).trimEnd();
    return `${out}…`;
  });
}

/** Bars of a horizontal chart: thick enough to read, with the category's name above each. */
const BAR = 18;
const NAME_LINE = 14;
const NAME_SIZE = 12;
/** Room per category: two lines of name above the bar, the bar, and a gap. */
const ROW = 2 * NAME_LINE + BAR + 18;

/**
 * A category's name written above its bar, over the whole width of the chart (not squeezed into an axis
 * column at the left, where long names of directions and organizations would be cut).
 */
function NameAboveBar(props: { y?: number; payload?: { value: string }; left: number; maxPx: number }) {
  const { y = 0, payload, left, maxPx } = props;
  const lines = maxPx > 0 ? wrapWords(String(payload?.value ?? ''), maxPx, NAME_SIZE) : [];
  const top = y - BAR / 2 - 5 - (lines.length - 1) * NAME_LINE;
  return (
    <text x={left} y={top} textAnchor="start" fontSize={NAME_SIZE} fill="#1c2330">
      <title>{payload?.value}</title>
      {lines.map((l, i) => (
        <tspan key={i} x={left} dy={i === 0 ? 0 : NAME_LINE}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export default function ProgressPage() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const tz = me?.region?.timezone ?? me?.region?.tz;
  const progress = useAsync((signal) => getProgress(id, signal), [id]);
  const roadmap = useAsync((signal) => getRoadmap(id, signal).catch(() => null), [id]);
  // The occurrences with their status (GET roadmaps/:id/occurrences); the plan's own dates only while there
  // are none yet (a draft) or the route cannot be read.
  const timeline = useAsync<{ items: TimelineItem[]; planned: boolean } | null>(
    async (signal) => {
      const items = await getTimeline(id, signal).catch((e: Error) => {
        if (e.name === 'AbortError') throw e;
        return null;
      });
      if (items?.length) return { items, planned: false };
      if (!roadmap.data) return { items: items ?? [], planned: false };
      return { items: plannedTimeline(roadmap.data), planned: true };
    },
    [id, roadmap.data],
  );

  const p = progress.data;
  const title = roadmap.data?.title ?? 'Ход исполнения';
  const counts = p?.byStatus ?? {};
  const total = p?.total ?? Object.values(counts).reduce((a, b) => a + b, 0);
  const approved = counts.approved ?? 0;
  const overdueTotal = p?.overdue ?? 0;

  return (
    <>
      <nav className="breadcrumbs" aria-label="Навигация по разделам">
        <Link to="/roadmaps">← Дорожные карты</Link>
      </nav>
      <PageHeader
        title={title}
        lead="Ход исполнения: выполнение по направлениям, просрочки по организациям, сроки мероприятий."
      >
        <ExportButton id={id} />
        <CalendarLink fallback={me?.calendarUrl ?? me?.icsUrl} />
      </PageHeader>
      <ErrorBox error={progress.error} retry={progress.reload} />
      {progress.loading && !p && <Loading />}
      {p && (
        <>
          <div className="stats" data-testid="progress-stats">
            <Stat label="Сроков всего" value={total} />
            <Stat
              label="Выполнено"
              value={total ? `${Math.round((approved / total) * 100)}%` : '—'}
              tone="success"
            />
            <Stat label="На проверке" value={counts.submitted ?? 0} />
            <Stat
              label="На доработке"
              value={counts.returned ?? 0}
              tone={counts.returned ? 'warning' : undefined}
            />
            <Stat label="Просрочено" value={overdueTotal} tone={overdueTotal ? 'danger' : undefined} />
          </div>
          <div className="grid-charts">
            <DirectionChart progress={p} />
            <OverdueChart progress={p} />
          </div>
          <section className="card" aria-labelledby="h-gantt">
            <h2 id="h-gantt">Сроки мероприятий</h2>
            {timeline.data ? (
              <>
                {timeline.data.planned && (
                  <p className="muted small">
                    Плановые сроки по документу; статусы исполнения появятся после запуска дорожной карты.
                  </p>
                )}
                <Gantt items={timeline.data.items} today={todayIso(tz)} />
              </>
            ) : (
              <Loading />
            )}
          </section>
        </>
      )}
    </>
  );
}

function ExportButton({ id }: { id: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await downloadXlsx(id);
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Готовим файл…' : 'Выгрузить в Excel'}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** The personal iCalendar feed (a secret URL): shown to copy into a calendar app. */
function CalendarLink({ fallback }: { fallback?: string }) {
  const [url, setUrl] = useState<string | null>(fallback ?? null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function show() {
    setOpen((o) => !o);
    if (url) return;
    try {
      const res = await getCalendarLink();
      setUrl(new URL(res.url, window.location.origin).toString());
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <div style={{ position: 'relative' }}>
      <button type="button" className="btn" aria-expanded={open} onClick={show}>
        Календарь (.ics)
      </button>
      {open && (
        <div
          className="card"
          style={{
            position: 'absolute',
            right: 0,
            top: '110%',
            zIndex: 5,
            width: 'min(420px, calc(100vw - 32px))',
          }}
        >
          <p className="small">
            Личная ссылка на ваши сроки. Добавьте её в календарь как подписку (Яндекс, Outlook, Google). Не
            передавайте её другим.
          </p>
          {error && <p className="field-error">{error}</p>}
          {url && (
            <>
              <label htmlFor="ics-url" className="label">
                Ссылка на календарь
              </label>
              <input id="ics-url" type="text" readOnly value={url} onFocus={(e) => e.target.select()} />
              <div className="form-actions" style={{ marginTop: 8 }}>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() =>
                    navigator.clipboard?.writeText(url).then(
                      () => setCopied(true),
                      () => undefined,
                    )
                  }
                >
                  {copied ? 'Скопировано' : 'Скопировать'}
                </button>
                <a className="btn btn-small btn-ghost" href={url}>
                  Скачать .ics
                </a>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}

const CHART_MARGIN = { left: 4, right: 16, top: 2 * NAME_LINE + 4, bottom: 4 };

function DirectionChart({ progress }: { progress: RoadmapProgress }) {
  const [box, width] = useWidth<HTMLDivElement>();
  const rows = (progress.byDirection ?? []).map((d) => {
    const s = d.byStatus ?? {};
    const approved = d.approved ?? s.approved ?? 0;
    const overdue = d.overdue ?? 0;
    const rest = Math.max(0, d.total - approved - overdue - (s.cancelled ?? 0));
    return { name: d.direction || 'Без направления', approved, inWork: rest, overdue, total: d.total };
  });
  return (
    <section className="card" aria-labelledby="h-dir">
      <h2 id="h-dir">Выполнение по направлениям</h2>
      {rows.length === 0 ? (
        <Empty>Нет данных.</Empty>
      ) : (
        <>
          <div
            ref={box}
            className="chart"
            style={{ height: rows.length * ROW + CHART_MARGIN.top + 64, minHeight: 0 }}
            aria-hidden="true"
            data-testid="chart-direction"
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} layout="vertical" margin={CHART_MARGIN} barSize={BAR}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} fontSize={12} />
                <YAxis
                  type="category"
                  dataKey="name"
                  width={1}
                  axisLine={false}
                  tickLine={false}
                  tick={
                    <NameAboveBar
                      left={CHART_MARGIN.left + 1}
                      maxPx={width - CHART_MARGIN.left - CHART_MARGIN.right - 4}
                    />
                  }
                  interval={0}
                />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar
                  isAnimationActive={false}
                  dataKey="approved"
                  name="Выполнено"
                  stackId="a"
                  fill={COLORS.approved}
                />
                <Bar
                  isAnimationActive={false}
                  dataKey="inWork"
                  name="В работе"
                  stackId="a"
                  fill={COLORS.inWork}
                />
                <Bar
                  isAnimationActive={false}
                  dataKey="overdue"
                  name="Просрочено"
                  stackId="a"
                  fill={COLORS.overdue}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details>
            <summary className="small">Таблица данных</summary>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Выполнение по направлениям</caption>
                <thead>
                  <tr>
                    <th scope="col">Направление</th>
                    <th scope="col">Всего</th>
                    <th scope="col">Выполнено</th>
                    <th scope="col">Просрочено</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.name}>
                      <td>{r.name}</td>
                      <td>{r.total}</td>
                      <td>
                        {r.approved} ({r.total ? Math.round((r.approved / r.total) * 100) : 0}%)
                      </td>
                      <td>{r.overdue}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

function OverdueChart({ progress }: { progress: RoadmapProgress }) {
  const [box, width] = useWidth<HTMLDivElement>();
  const rows = (progress.byOrganization ?? [])
    .map((o) => ({ name: o.name, overdue: o.overdue, total: o.total }))
    .filter((o) => o.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue);
  return (
    <section className="card" aria-labelledby="h-over">
      <h2 id="h-over">Просрочено по организациям</h2>
      {rows.length === 0 ? (
        <Alert kind="success">Просроченных мероприятий нет.</Alert>
      ) : (
        <>
          <div
            ref={box}
            className="chart"
            style={{ height: rows.length * ROW + CHART_MARGIN.top + 40, minHeight: 0 }}
            aria-hidden="true"
            data-testid="chart-overdue"
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} layout="vertical" margin={CHART_MARGIN} barSize={BAR}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} fontSize={12} />
                <YAxis
                  type="category"
                  dataKey="name"
                  width={1}
                  axisLine={false}
                  tickLine={false}
                  tick={
                    <NameAboveBar
                      left={CHART_MARGIN.left + 1}
                      maxPx={width - CHART_MARGIN.left - CHART_MARGIN.right - 4}
                    />
                  }
                  interval={0}
                />
                <Tooltip />
                <Bar isAnimationActive={false} dataKey="overdue" name="Просрочено" fill={COLORS.overdue} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details>
            <summary className="small">Таблица данных</summary>
            <ul className="plain-list small">
              {rows.map((r) => (
                <li key={r.name}>
                  {r.name}: {r.overdue}
                  {r.total ? ` из ${r.total}` : ''}
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}

const DAY = 86_400_000;
const t = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

const MONTH = new Intl.DateTimeFormat('ru-RU', { month: 'short', timeZone: 'UTC' });
/** Width of a tick label at the axis' 0.75rem, generously (no text is measured before it is drawn). */
const tickLabelPx = (label: string) => label.length * 6.8 + 10;

/**
 * Month lines for the timeline: every month, quarter, half-year or year, whichever leaves room for a label;
 * «окт. 2026» on the first and on each January, the month alone in between, the year alone when only years
 * fit. A label that would run past the right edge is left out (its line stays).
 */
function monthTicks(min: number, max: number, width: number): { at: number; label: string }[] {
  const span = max - min;
  const monthPx = width > 0 ? (width * 30.44 * DAY) / span : 80;
  const step = [1, 3, 6, 12].find((s) => monthPx * s >= 80) ?? 12;
  const ticks: { at: number; label: string }[] = [];
  const first = new Date(min);
  for (
    let d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
    d.getTime() < max;
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
  ) {
    if (d.getUTCMonth() % step !== 0) continue;
    const year = d.getUTCFullYear();
    const withYear = ticks.length === 0 || d.getUTCMonth() === 0;
    const label = step === 12 ? String(year) : withYear ? `${MONTH.format(d)} ${year}` : MONTH.format(d);
    ticks.push({ at: d.getTime(), label });
  }
  if (width > 0) {
    for (const tk of ticks) {
      const x = ((tk.at - min) / span) * width;
      if (x + tickLabelPx(tk.label) > width) tk.label = '';
    }
  }
  return ticks;
}

/** A Gantt-like view: one row per activity, one bar per occurrence from its start (or the previous due) to its due. */
function Gantt({ items, today }: { items: TimelineItem[]; today: string }) {
  const [direction, setDirection] = useState('');
  const [limit, setLimit] = useState(40);
  const [axis, axisWidth] = useWidth<HTMLDivElement>();
  const directions = useMemo(
    () => [...new Set(items.map((i) => i.direction).filter(Boolean) as string[])],
    [items],
  );

  const rows = useMemo(() => {
    const byActivity = new Map<string, TimelineItem[]>();
    for (const i of items) {
      if (direction && i.direction !== direction) continue;
      const key = i.activityId ?? i.id;
      byActivity.set(key, [...(byActivity.get(key) ?? []), i]);
    }
    return [...byActivity.values()]
      .map((list) => list.sort((a, b) => a.due.localeCompare(b.due)))
      .sort(
        (a, b) =>
          (a[0].number ?? '').localeCompare(b[0].number ?? '', 'ru', { numeric: true }) ||
          a[0].due.localeCompare(b[0].due),
      );
  }, [items, direction]);

  if (!items.length) return <Empty>Сроков пока нет.</Empty>;

  const starts = items.map((i) => t(i.start ?? i.due) - (i.start ? 0 : 14 * DAY));
  const ends = items.map((i) => t(i.due));
  const min = Math.min(...starts, t(today)) - 7 * DAY;
  const max = Math.max(...ends, t(today)) + 7 * DAY;
  const span = max - min;
  const frac = (ms: number) => (ms - min) / span;
  const pos = (ms: number) => `${(frac(ms) * 100).toFixed(3)}%`;
  const ticks = monthTicks(min, max, axisWidth);
  const todayFrac = frac(t(today));
  const shown = rows.slice(0, limit);
  return (
    <>
      <div className="group-head">
        <div className="legend" aria-hidden="true">
          <span style={{ ['--dot' as string]: '#1d7a46' }}>принято</span>
          <span style={{ ['--dot' as string]: '#1f5fbf' }}>в работе</span>
          <span style={{ ['--dot' as string]: '#6a8fd6' }}>на проверке</span>
          <span style={{ ['--dot' as string]: '#d49a1f' }}>на доработке</span>
          <span style={{ ['--dot' as string]: '#9aa6b8' }}>запланировано</span>
          <span style={{ ['--dot' as string]: '#b3261e' }}>просрочено</span>
        </div>
        {directions.length > 1 && (
          <div className="field" style={{ marginBottom: 0, maxWidth: 320 }}>
            <label htmlFor="gantt-dir" className="visually-hidden">
              Направление
            </label>
            <select id="gantt-dir" value={direction} onChange={(e) => setDirection(e.target.value)}>
              <option value="">Все направления</option>
              {directions.map((d) => (
                <option key={d} value={d}>
                  {truncate(d, 60)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className="gantt" data-testid="gantt" role="region" aria-label="Диаграмма сроков" tabIndex={0}>
        <div className="gantt-grid">
          <div className="gantt-head muted small">Мероприятие</div>
          <div className="gantt-axis" ref={axis}>
            {ticks.map((tk) => (
              <span
                key={tk.at}
                className="gantt-tick"
                style={{ left: pos(tk.at) }}
                aria-hidden={tk.label ? undefined : true}
              >
                {tk.label}
              </span>
            ))}
            {/* Today on a row of its own under the months, so the line never crosses a month's name */}
            <span
              className={`gantt-today gantt-today-axis${todayFrac > 0.8 ? ' is-end' : ''}`}
              style={{ left: pos(t(today)) }}
            >
              <span className="gantt-today-label">сегодня</span>
            </span>
          </div>
          {shown.map((list) => {
            const head = list[0];
            return (
              <GanttRow key={head.activityId ?? head.id} list={list} pos={pos} todayPos={pos(t(today))} />
            );
          })}
        </div>
      </div>
      {rows.length > limit && (
        <p>
          <button type="button" className="btn btn-ghost" onClick={() => setLimit((l) => l + 60)}>
            Показать ещё ({rows.length - limit})
          </button>
        </p>
      )}
    </>
  );
}

/** Planned rows (no occurrence yet) carry a synthetic id. */
const isOccurrence = (o: TimelineItem) => !o.id.includes(':');

function GanttRow({
  list,
  pos,
  todayPos,
}: {
  list: TimelineItem[];
  pos: (ms: number) => string;
  todayPos: string;
}) {
  const head = list[0];
  const label = `${head.number ? `${head.number} ` : ''}${head.title}`;
  return (
    <>
      <div className="gantt-label" title={label}>
        <span className="gantt-name">
          {isOccurrence(head) ? <Link to={`/occurrences/${head.id}`}>{label}</Link> : label}
        </span>
      </div>
      <div className="gantt-track">
        <span className="gantt-today" style={{ left: todayPos }} aria-hidden="true" />
        {list.map((o, i) => {
          const end = t(o.due) + DAY;
          const startMs = o.start ? t(o.start) : i > 0 ? t(list[i - 1].due) + DAY : end - 14 * DAY;
          const left = pos(startMs);
          const width = `calc(${pos(end)} - ${left})`;
          const text = `${o.label ?? ''} срок ${formatDate(o.due, false)} — ${statusLabel(o.status)}${o.overdue ? ', просрочено' : ''}`;
          return (
            <span key={o.id}>
              {isOccurrence(o) ? (
                <Link
                  to={`/occurrences/${o.id}`}
                  className={`gantt-bar s-${o.status}${o.overdue ? ' is-overdue' : ''}`}
                  style={{ left, width }}
                  title={text}
                  aria-label={`${label}: ${text}`}
                />
              ) : (
                <span
                  className="gantt-bar s-planned"
                  style={{ left, width }}
                  title={`срок ${formatDate(o.due, false)}`}
                />
              )}
              {o.baselineDue && o.baselineDue !== o.due && (
                <span
                  className="gantt-baseline"
                  style={{ left: pos(t(o.baselineDue) + DAY) }}
                  title={`Плановый срок ${formatShortDate(o.baselineDue)}`}
                />
              )}
            </span>
          );
        })}
      </div>
    </>
  );
}

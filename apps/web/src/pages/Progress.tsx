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

/** A category label on two lines at most, ellipsised to the axis width, right-aligned against the axis. */
function WrappedTick(props: { x?: number; y?: number; max?: number; payload?: { value: string } }) {
  const { x = 0, y = 0, payload, max = 22 } = props;
  const words = String(payload?.value ?? '').split(/\s+/u);
  const lines: string[] = [''];
  for (const w of words) {
    const line = lines[lines.length - 1];
    if ((line + ' ' + w).trim().length <= max) lines[lines.length - 1] = (line + ' ' + w).trim();
    else if (lines.length < 2) lines.push(w);
    else {
      lines[1] = `${lines[1]} ${w}`;
      break;
    }
  }
  return (
    <text x={x - 6} y={y} textAnchor="end" fontSize={11} fill="#5a6475">
      <title>{payload?.value}</title>
      {lines.map((l, i) => (
        <tspan key={i} x={x - 6} dy={i === 0 ? (lines.length > 1 ? -3 : 4) : 13}>
          {truncate(l, max)}
        </tspan>
      ))}
    </text>
  );
}

/** Whether the screen is phone-narrow (charts give their labels less room). */
function useNarrow(): boolean {
  const query = '(max-width: 520px)';
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setNarrow(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return narrow;
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

function DirectionChart({ progress }: { progress: RoadmapProgress }) {
  const narrow = useNarrow();
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
            className="chart"
            style={{ height: Math.max(220, rows.length * 48 + 60) }}
            aria-hidden="true"
            data-testid="chart-direction"
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} layout="vertical" margin={{ left: 0, right: 12, top: 4, bottom: 4 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} fontSize={12} />
                <YAxis
                  type="category"
                  dataKey="name"
                  width={narrow ? 110 : 170}
                  tick={<WrappedTick max={narrow ? 13 : 20} />}
                  interval={0}
                />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar
                  isAnimationActive={false}
                  maxBarSize={28}
                  dataKey="approved"
                  name="Выполнено"
                  stackId="a"
                  fill={COLORS.approved}
                />
                <Bar
                  isAnimationActive={false}
                  maxBarSize={28}
                  dataKey="inWork"
                  name="В работе"
                  stackId="a"
                  fill={COLORS.inWork}
                />
                <Bar
                  isAnimationActive={false}
                  maxBarSize={28}
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
  const narrow = useNarrow();
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
            className="chart"
            style={{ height: Math.max(220, rows.length * 40 + 40) }}
            aria-hidden="true"
            data-testid="chart-overdue"
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} layout="vertical" margin={{ left: 0, right: 12, top: 4, bottom: 4 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} fontSize={12} />
                <YAxis
                  type="category"
                  dataKey="name"
                  width={narrow ? 110 : 170}
                  tick={<WrappedTick max={narrow ? 13 : 20} />}
                  interval={0}
                />
                <Tooltip />
                <Bar
                  isAnimationActive={false}
                  maxBarSize={28}
                  dataKey="overdue"
                  name="Просрочено"
                  fill={COLORS.overdue}
                />
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

/** A Gantt-like view: one row per activity, one bar per occurrence from its start (or the previous due) to its due. */
function Gantt({ items, today }: { items: TimelineItem[]; today: string }) {
  const [direction, setDirection] = useState('');
  const [limit, setLimit] = useState(40);
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
  const pos = (ms: number) => `${(((ms - min) / span) * 100).toFixed(3)}%`;

  // Month ticks (or quarters when the span is long).
  const ticks: { at: number; label: string }[] = [];
  const first = new Date(min);
  const monthsSpan = span / (30 * DAY);
  const step = monthsSpan > 30 ? 6 : monthsSpan > 14 ? 3 : 1;
  for (
    let d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
    d.getTime() < max;
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1))
  ) {
    if (step > 1 && d.getUTCMonth() % step !== 0) continue;
    ticks.push({
      at: d.getTime(),
      label: new Intl.DateTimeFormat('ru-RU', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(d),
    });
  }

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
          <div className="gantt-label muted small">Мероприятие</div>
          <div className="gantt-axis">
            {ticks.map((tk) => (
              <span key={tk.at} className="gantt-tick" style={{ left: pos(tk.at) }}>
                {tk.label}
              </span>
            ))}
            <span className="gantt-today" style={{ left: pos(t(today)) }} title="Сегодня" />
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
        {isOccurrence(head) ? <Link to={`/occurrences/${head.id}`}>{label}</Link> : label}
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

import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ApiError, upload } from '../api/client';
import {
  acceptSuggestions,
  acceptWarning,
  decidePastDue,
  getPastDue,
  getRoadmap,
  launchRoadmap,
  listOrganizations,
  listUsers,
  resolveAssignment,
  setExternalDates,
  updateActivity,
} from '../api/endpoints';
import type {
  Assignment,
  Blocker,
  DirectoryUser,
  DraftActivity,
  ImportResult,
  Organization,
  PastDueItem,
  RoadmapDraft,
} from '../api/types';
import { Alert, ErrorBox, Loading, PageHeader, Stat } from '../components/ui';
import { formatDate, formatNumericDate, pluralize } from '../lib/format';
import { useAsync } from '../lib/useAsync';

const TERM_KIND: Record<string, string> = {
  once: 'однократно',
  recurring: 'периодически',
  continuous: 'в течение периода',
  external: 'по внешнему графику',
  none: 'без срока',
  unknown: 'не распознан',
};

const MATCH_REASON: Record<string, string> = {
  alias: 'по сокращению из справочника',
  abbreviation: 'по аббревиатуре',
  typo: 'похоже на опечатку',
  name: 'по названию',
  initials: 'по фамилии и инициалам',
  surname: 'по фамилии',
};

function termFlagged(a: DraftActivity): boolean {
  const t = a.term;
  if (!t || a.termAccepted) return false;
  const n = Array.isArray(t.occurrences) ? t.occurrences.length : (t.occurrences ?? 0);
  return (
    t.needsReview || t.kind === 'unknown' || (t.kind !== 'continuous' && t.kind !== 'external' && n === 0)
  );
}

const openWarnings = (a: DraftActivity) =>
  (a.warnings ?? []).map((w, i) => ({ ...w, index: i })).filter((w) => !w.accepted);
const openAssignments = (a: DraftActivity) =>
  (a.assignments ?? []).filter((s) => s.status === 'suggested' || s.status === 'unresolved');
const needsAttention = (a: DraftActivity) =>
  termFlagged(a) ||
  openWarnings(a).length > 0 ||
  openAssignments(a).length > 0 ||
  !(a.assignments ?? []).some((s) => s.kind === 'responsible' && s.status === 'resolved');

export default function DraftPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const imported = (location.state as { imported?: ImportResult } | null)?.imported;
  const {
    data: roadmap,
    error,
    loading,
    reload,
    setData,
  } = useAsync((signal) => getRoadmap(id, signal), [id]);
  // The directory of the roadmap's region, for picking responsibles and executors by hand.
  const regionId = roadmap?.regionId;
  const orgs = useAsync(
    (signal) => (regionId ? listOrganizations(regionId, signal) : Promise.resolve([])),
    [regionId],
  );
  const people = useAsync(
    (signal) => (regionId ? listUsers(regionId, signal) : Promise.resolve([])),
    [regionId],
  );
  const [onlyFlagged, setOnlyFlagged] = useState(true);
  const [query, setQuery] = useState('');
  const [launchError, setLaunchError] = useState<{ message: string; blockers: Blocker[] } | null>(null);
  const [launching, setLaunching] = useState(false);
  const [launched, setLaunched] = useState(false);
  const [pastDue, setPastDue] = useState<PastDueItem[] | null>(null);
  // For a launched roadmap: the occurrences already past at launch, still waiting for a decision.
  const status = roadmap?.status;
  useEffect(() => {
    if (!status || status === 'draft') return;
    const ctrl = new AbortController();
    getPastDue(id, ctrl.signal).then(setPastDue, () => undefined);
    return () => ctrl.abort();
  }, [id, status]);

  const activities = roadmap?.activities ?? [];
  const flaggedCount = activities.filter(needsAttention).length;
  // Only a draft has anything to fix: a launched plan is shown whole.
  const filtering = onlyFlagged && roadmap?.status === 'draft';
  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return activities.filter(
      (a) =>
        (!filtering || needsAttention(a)) &&
        (!q || `${a.number ?? ''} ${a.title} ${a.termRaw ?? a.term?.raw ?? ''}`.toLowerCase().includes(q)),
    );
  }, [activities, filtering, query]);

  if (loading && !roadmap) return <Loading label="Загружаем план…" />;
  if (!roadmap) return <ErrorBox error={error} retry={reload} />;

  const draft = roadmap.status === 'draft';
  const docWarnings = (roadmap.warnings ?? []).map((w, i) => ({ ...w, index: i })).filter((w) => !w.accepted);
  const blockers = roadmap.blockers ?? [];
  const termCount = activities.filter(termFlagged).length;
  const unresolved = activities.reduce((n, a) => n + openAssignments(a).length, 0);
  const warningCount = activities.reduce((n, a) => n + openWarnings(a).length, 0) + docWarnings.length;

  /** Applies a change, then reloads the draft (the server re-parses terms and recomputes blockers). */
  async function act(fn: () => Promise<unknown>) {
    await fn();
    setLaunchError(null);
    reload();
  }

  async function launch() {
    setLaunching(true);
    setLaunchError(null);
    try {
      const res = (await launchRoadmap(roadmap!.id)) as { status?: string; pastDue?: PastDueItem[] } | null;
      setLaunched(true);
      setPastDue(res?.pastDue ?? []);
      if (res?.status) setData((prev) => ({ ...prev!, status: res.status as RoadmapDraft['status'] }));
      reload();
    } catch (err) {
      const b = err instanceof ApiError ? ((err.details.blockers as Blocker[] | undefined) ?? []) : [];
      setLaunchError({ message: (err as Error).message, blockers: b });
    } finally {
      setLaunching(false);
    }
  }

  return (
    <>
      <nav className="breadcrumbs" aria-label="Навигация по разделам">
        <Link to="/roadmaps">← Дорожные карты</Link>
      </nav>
      <PageHeader
        title={roadmap.title || 'Дорожная карта'}
        lead={
          draft
            ? 'Черновик: проверьте распознанный план, исправьте отмеченное и запустите.'
            : 'План запущенной дорожной карты.'
        }
      >
        {!draft && (
          <Link className="btn" to={`/roadmaps/${roadmap.id}/progress`}>
            Ход исполнения
          </Link>
        )}
      </PageHeader>
      {imported && draft && (
        <Alert kind="info">
          Документ распознан: {pluralize(imported.activities, ['мероприятие', 'мероприятия', 'мероприятий'])},
          требуют проверки: {imported.needsReview}.
        </Alert>
      )}
      <ErrorBox error={error} retry={reload} />

      <div className="stats">
        <Stat label="Мероприятий" value={activities.length} />
        <Stat label="Сроки на проверку" value={termCount} tone={termCount ? 'warning' : 'success'} />
        <Stat label="Не сопоставлено" value={unresolved} tone={unresolved ? 'danger' : 'success'} />
        <Stat label="Предупреждения" value={warningCount} tone={warningCount ? 'warning' : 'success'} />
      </div>

      {draft && docWarnings.length > 0 && (
        <section className="card" aria-labelledby="h-docwarn">
          <h2 id="h-docwarn">Предупреждения импорта</h2>
          <ul className="rows">
            {docWarnings.map((w) => (
              <li key={w.index} className="row-card">
                <div className="row-card-main">
                  {w.line ? <span className="muted small">строка {w.line}: </span> : null}
                  {w.message}
                </div>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => act(() => acceptWarning(roadmap.id, null, w.index))}
                >
                  Принять
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {draft && (
        <section className="card" aria-labelledby="h-launch" data-testid="launch-card">
          <div className="card-head">
            <h2 id="h-launch">Запуск</h2>
            <div className="page-actions">
              {activities.some((a) =>
                openAssignments(a).some((s) => (s.suggestions?.[0]?.score ?? 0) >= 0.8),
              ) && (
                <button
                  type="button"
                  className="btn"
                  onClick={() =>
                    act(() => acceptSuggestions(roadmap.id)).catch((e: Error) =>
                      setLaunchError({ message: e.message, blockers: [] }),
                    )
                  }
                >
                  Принять уверенные совпадения
                </button>
              )}
              <button type="button" className="btn btn-primary" onClick={launch} disabled={launching}>
                {launching ? 'Запускаем…' : 'Запустить исполнение'}
              </button>
            </div>
          </div>
          {blockers.length > 0 ? (
            <p className="muted">
              До запуска нужно решить: {pluralize(blockers.length, ['вопрос', 'вопроса', 'вопросов'])}.
              Отмеченные строки плана ниже.
            </p>
          ) : (
            <p className="muted">
              Все сроки и ответственные определены. После запуска исполнители получат задачи и напоминания.
            </p>
          )}
          {launchError && (
            <Alert>
              <strong>{launchError.message}</strong>
              {launchError.blockers.length > 0 && <BlockerList blockers={launchError.blockers} />}
            </Alert>
          )}
          {!launchError && blockers.length > 0 && (
            <details>
              <summary>Список вопросов ({blockers.length})</summary>
              <BlockerList blockers={blockers} />
            </details>
          )}
        </section>
      )}

      {!draft && (launched || (pastDue ?? []).length > 0) && (
        <PastDue
          items={pastDue ?? []}
          launched={launched}
          onDecided={(id) => setPastDue((list) => (list ?? []).filter((p) => p.occurrenceId !== id))}
        />
      )}

      <section aria-labelledby="h-plan">
        <div className="group-head">
          <h2 id="h-plan" className="section-title">
            План <span className="count">{visible.length}</span>
          </h2>
          <div className="inline-form">
            {draft && (
              <label className="small">
                <input
                  type="checkbox"
                  checked={onlyFlagged}
                  onChange={(e) => setOnlyFlagged(e.target.checked)}
                />{' '}
                Только требующие внимания ({flaggedCount})
              </label>
            )}
            <input
              type="search"
              aria-label="Поиск по плану"
              placeholder="Поиск по плану"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              style={{ maxWidth: 260 }}
            />
          </div>
        </div>
        <div className="table-wrap">
          <table className="plan-table" data-testid="plan-table">
            <thead>
              <tr>
                <th scope="col">№</th>
                <th scope="col">Мероприятие</th>
                <th scope="col">Срок</th>
                <th scope="col">Ответственные</th>
                <th scope="col">Исполнители</th>
                <th scope="col">Результат</th>
              </tr>
            </thead>
            <tbody>
              {visible.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {filtering ? 'Все строки проверены — можно запускать.' : 'Ничего не найдено.'}
                  </td>
                </tr>
              )}
              {visible.map((a) => (
                <ActivityRow
                  key={a.id}
                  roadmapId={roadmap.id}
                  activity={a}
                  editable={draft}
                  orgs={orgs.data ?? []}
                  people={people.data ?? []}
                  act={act}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function BlockerList({ blockers }: { blockers: Blocker[] }) {
  return (
    <ul className="plain-list small" data-testid="blockers">
      {blockers.slice(0, 50).map((b, i) => (
        <li key={i}>{b.message}</li>
      ))}
      {blockers.length > 50 && <li>… и ещё {blockers.length - 50}</li>}
    </ul>
  );
}

type Act = (fn: () => Promise<unknown>) => Promise<void>;

function ActivityRow({
  roadmapId,
  activity: a,
  editable,
  orgs,
  people,
  act,
}: {
  roadmapId: string;
  activity: DraftActivity;
  editable: boolean;
  orgs: Organization[];
  people: DirectoryUser[];
  act: Act;
}) {
  const flagged = needsAttention(a);
  const warnings = openWarnings(a);
  const responsibles = (a.assignments ?? []).filter((s) => s.kind === 'responsible');
  const executors = (a.assignments ?? []).filter((s) => s.kind === 'executor');
  const section = a.section?.length ? a.section[a.section.length - 1] : null;
  return (
    <tr
      className={flagged ? 'row-flagged row-blocked' : undefined}
      data-testid="plan-row"
      data-flagged={flagged || undefined}
    >
      <td data-label="№" className="col-num">
        {a.number ?? '—'}
      </td>
      <td data-label="Мероприятие" className="col-title">
        {section && <div className="muted small">{section}</div>}
        <div>{a.title}</div>
        {warnings.map((w) => (
          <div key={w.index} className="cell-flag small" style={{ marginTop: 4 }} data-testid="row-warning">
            ⚠ {w.message}{' '}
            {editable && (
              <button
                type="button"
                className="btn-link"
                onClick={() => act(() => acceptWarning(roadmapId, a.id, w.index))}
              >
                Принять
              </button>
            )}
          </div>
        ))}
      </td>
      <td data-label="Срок">
        <TermCell roadmapId={roadmapId} activity={a} editable={editable} act={act} />
      </td>
      <td data-label="Ответственные">
        {responsibles.length === 0 && <span className="cell-unresolved small">не указаны</span>}
        {responsibles.map((s) => (
          <AssignmentCell
            key={s.id}
            roadmapId={roadmapId}
            assignment={s}
            editable={editable}
            options={orgs.map((o) => ({
              id: o.id,
              label: o.shortName ? `${o.name} (${o.shortName})` : o.name,
            }))}
            act={act}
          />
        ))}
      </td>
      <td data-label="Исполнители">
        {executors.length === 0 && <span className="muted small">—</span>}
        {executors.map((s) => (
          <AssignmentCell
            key={s.id}
            roadmapId={roadmapId}
            assignment={s}
            editable={editable}
            options={people.map((p) => ({ id: p.id, label: p.fullName }))}
            act={act}
          />
        ))}
      </td>
      <td data-label="Результат" className="small">
        {a.result ?? a.expectedResult ?? <span className="muted">—</span>}
      </td>
    </tr>
  );
}

function TermCell({
  roadmapId,
  activity: a,
  editable,
  act,
}: {
  roadmapId: string;
  activity: DraftActivity;
  editable: boolean;
  act: Act;
}) {
  const raw = a.termRaw ?? a.term?.raw ?? '';
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(raw);
  const [error, setError] = useState<string | null>(null);
  const flagged = termFlagged(a);
  const occ = Array.isArray(a.term?.occurrences) ? a.term!.occurrences : [];

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await act(() => updateActivity(roadmapId, a.id, { term: value.trim() }));
      setEditing(false);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  if (editing) {
    return (
      <form onSubmit={save} className="term-edit">
        <label className="visually-hidden" htmlFor={`term-${a.id}`}>
          Срок мероприятия {a.number ?? ''}
        </label>
        <input
          id={`term-${a.id}`}
          type="text"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoFocus
        />
        <div className="form-actions" style={{ marginTop: 4 }}>
          <button type="submit" className="btn btn-small btn-primary">
            Сохранить
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(false)}>
            Отмена
          </button>
        </div>
        {error && <p className="field-error">{error}</p>}
      </form>
    );
  }
  return (
    <div data-testid="term-cell" data-flagged={flagged || undefined}>
      <span className={flagged ? 'cell-flag' : undefined}>{raw || <em className="muted">пусто</em>}</span>
      <div className="muted small">
        {a.term ? (TERM_KIND[a.term.kind] ?? a.term.kind) : ''}
        {occ.length > 0 && (
          <>
            {': '}
            {occ
              .slice(0, 3)
              .map((o) => formatNumericDate(o.due))
              .join(', ')}
            {occ.length > 3 ? ` и ещё ${occ.length - 3}` : ''}
          </>
        )}
        {a.termAccepted && '\u00a0· принят куратором'}
      </div>
      {flagged && a.term?.reason && (
        <div className="small" style={{ color: 'var(--c-warning)' }}>
          {a.term.reason}
        </div>
      )}
      {editable && (
        <div className="form-actions" style={{ marginTop: 4 }}>
          <button
            type="button"
            className="btn-link small"
            onClick={() => {
              setValue(raw);
              setEditing(true);
            }}
            aria-label={`Исправить срок мероприятия ${a.number ?? a.title.slice(0, 30)}`}
          >
            Исправить
          </button>
          {flagged && (
            <button
              type="button"
              className="btn-link small"
              onClick={() => act(() => updateActivity(roadmapId, a.id, { acceptTerm: true }))}
            >
              Принять как есть
            </button>
          )}
        </div>
      )}
      {!editable && a.term?.kind === 'external' && a.workflowId && <ExternalDates activityId={a.id} />}
    </div>
  );
}

/** An external-schedule term (`по графику ФИОКО`): the curator enters the dates once they are published. */
function ExternalDates({ activityId }: { activityId: string }) {
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState([{ start: '', due: '', label: '' }]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const filled = rows.filter((r) => r.due);
    if (!filled.length) return setError('Укажите хотя бы один срок');
    if (filled.some((r) => r.start && r.start > r.due)) return setError('Начало позже срока');
    try {
      await setExternalDates(
        activityId,
        filled.map((r) => ({ due: r.due, start: r.start || undefined, label: r.label.trim() || undefined })),
      );
      setDone(true);
      setOpen(false);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  if (done) return <div className="small cell-ok">Даты внесены</div>;
  if (!open) {
    return (
      <button type="button" className="btn-link small" onClick={() => setOpen(true)}>
        Внести даты графика
      </button>
    );
  }
  const set = (i: number, key: 'start' | 'due' | 'label', value: string) =>
    setRows((list) => list.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <form onSubmit={submit} className="small" style={{ marginTop: 6 }}>
      {rows.map((r, i) => (
        <fieldset key={i} style={{ padding: 8 }}>
          <legend>Срок {i + 1}</legend>
          <label>
            Название{' '}
            <input
              type="text"
              value={r.label}
              onChange={(e) => set(i, 'label', e.target.value)}
              placeholder="ВПР, осень"
            />
          </label>
          <label>
            Начало <input type="date" value={r.start} onChange={(e) => set(i, 'start', e.target.value)} />
          </label>
          <label>
            Срок <input type="date" value={r.due} onChange={(e) => set(i, 'due', e.target.value)} required />
          </label>
        </fieldset>
      ))}
      {error && <p className="field-error">{error}</p>}
      <div className="form-actions">
        <button
          type="button"
          className="btn-link"
          onClick={() => setRows((l) => [...l, { start: '', due: '', label: '' }])}
        >
          ещё срок
        </button>
        <button type="submit" className="btn btn-small btn-primary">
          Сохранить
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(false)}>
          Отмена
        </button>
      </div>
    </form>
  );
}

function AssignmentCell({
  roadmapId,
  assignment: s,
  editable,
  options,
  act,
}: {
  roadmapId: string;
  assignment: Assignment;
  editable: boolean;
  options: { id: string; label: string }[];
  act: Act;
}) {
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const isOrg = s.kind === 'responsible';
  const resolvedName = isOrg
    ? (s.organization?.name ?? s.organizationName ?? options.find((o) => o.id === s.organizationId)?.label)
    : (s.user?.fullName ?? s.userName ?? options.find((o) => o.id === s.userId)?.label);

  async function apply(id: string | null) {
    setError(null);
    try {
      await act(() =>
        resolveAssignment(
          roadmapId,
          s.id,
          id === null ? { ignore: true } : isOrg ? { organizationId: id } : { userId: id },
        ),
      );
    } catch (err) {
      setError((err as Error).message);
    }
  }

  if (s.status === 'resolved') {
    return (
      <div className="small" data-testid="assignment" data-status="resolved">
        <span className="cell-ok">✓</span> {resolvedName ?? s.raw}
        {resolvedName && resolvedName !== s.raw && <div className="muted">в документе: «{s.raw}»</div>}
      </div>
    );
  }
  if (s.status === 'ignored') {
    return (
      <div className="small muted" data-testid="assignment" data-status="ignored">
        «{s.raw}» — не отслеживается
      </div>
    );
  }
  const suggestions = s.suggestions ?? [];
  const selectId = `as-${s.id}`;
  return (
    <div className="small" data-testid="assignment" data-status={s.status} style={{ marginBottom: 8 }}>
      <span className="cell-unresolved">
        «{s.raw}» — {s.status === 'suggested' ? 'выберите вариант' : 'не найдено в справочнике'}
      </span>
      {editable && (
        <>
          {suggestions.map((g) => (
            <div key={g.id}>
              <button
                type="button"
                className="btn-link"
                onClick={() => apply(g.id)}
                title={g.reason ? (MATCH_REASON[g.reason] ?? g.reason) : undefined}
              >
                {g.label}
              </button>
              {g.reason && (
                <span className="muted">
                  {'\u00a0· '}
                  {MATCH_REASON[g.reason] ?? g.reason}
                </span>
              )}
            </div>
          ))}
          <div className="inline-form" style={{ marginTop: 4 }}>
            <label htmlFor={selectId} className="visually-hidden">
              {isOrg ? 'Организация' : 'Сотрудник'} для «{s.raw}»
            </label>
            <select
              id={selectId}
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
              style={{ minWidth: 160 }}
            >
              <option value="">{isOrg ? 'другая организация…' : 'другой сотрудник…'}</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn-small" disabled={!choice} onClick={() => apply(choice)}>
              Выбрать
            </button>
          </div>
          <button type="button" className="btn-link muted" onClick={() => apply(null)}>
            не отслеживать
          </button>
        </>
      )}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

function PastDue({
  items: all,
  launched,
  onDecided,
}: {
  items: PastDueItem[];
  launched: boolean;
  onDecided: (occurrenceId: string) => void;
}) {
  const items = all.filter((p) => !p.decision || p.decision === 'pending');
  if (!items.length) {
    return launched ? (
      <Alert kind="success">Дорожная карта запущена. Исполнители получат задачи и напоминания.</Alert>
    ) : null;
  }
  return (
    <section className="card" aria-labelledby="h-pastdue" data-testid="past-due">
      <h2 id="h-pastdue">Сроки, прошедшие до запуска</h2>
      {launched && (
        <Alert kind="success">
          Дорожная карта запущена. Осталось решить по срокам, которые прошли до утверждения.
        </Alert>
      )}
      <p className="muted">
        Эти сроки истекли раньше, чем карта была утверждена. Для каждого решите: уже выполнено (с причиной для
        отчёта и, если есть, подтверждающими файлами), перенести срок или оставить в работе как просроченное.
      </p>
      <ul className="rows">
        {items.map((p) => (
          <PastDueRow key={p.occurrenceId} item={p} onDecided={onDecided} />
        ))}
      </ul>
    </section>
  );
}

function PastDueRow({ item, onDecided }: { item: PastDueItem; onDecided: (occurrenceId: string) => void }) {
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [docNumber, setDocNumber] = useState('');
  const [docDate, setDocDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = item.occurrenceId;

  async function decide(decision: 'done' | 'replan' | 'overdue') {
    setError(null);
    if (decision === 'replan' && !date) return setError('Укажите новый срок');
    if (decision === 'done') {
      if (!reason.trim()) return setError('Для отчёта министерства укажите, когда и как выполнено');
      if (!files.length) return setError('Приложите подтверждающие документы');
      if (item.expectsDocument && (!docNumber.trim() || !docDate))
        return setError('Укажите номер и дату документа (приказа, протокола)');
    }
    setBusy(true);
    try {
      if (decision === 'done') {
        const form = new FormData();
        form.append('decision', 'done');
        form.append('reason', reason.trim());
        form.append('comment', reason.trim());
        if (item.expectsDocument) {
          form.append('documentNumber', docNumber.trim());
          form.append('documentDate', docDate);
        }
        for (const f of files) form.append('files', f, f.name);
        await upload(`/occurrences/${encodeURIComponent(id)}/past-due`, form).promise;
      } else {
        await decidePastDue(id, {
          decision,
          due: decision === 'replan' ? date : undefined,
          comment: reason.trim() || undefined,
        });
      }
      onDecided(id);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="row-card" data-testid="past-due-row">
      <div className="row-card-main">
        <Link to={`/occurrences/${id}`}>
          {item.number ? `${item.number} ` : ''}
          {item.title}
        </Link>
        <div className="muted small">срок был {formatDate(item.due)}</div>
        <div className="form-row" style={{ marginTop: 8 }}>
          <div className="field">
            <label htmlFor={`pd-reason-${id}`}>Комментарий</label>
            <input
              id={`pd-reason-${id}`}
              type="text"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="например: выполнено в марте, приказ № 12"
            />
          </div>
          <div className="field">
            <label htmlFor={`pd-files-${id}`}>Файлы (для «Выполнено»)</label>
            <input
              id={`pd-files-${id}`}
              type="file"
              multiple
              onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
            />
          </div>
          {item.expectsDocument && (
            <>
              <div className="field">
                <label htmlFor={`pd-docnum-${id}`}>Номер документа</label>
                <input
                  id={`pd-docnum-${id}`}
                  type="text"
                  value={docNumber}
                  onChange={(e) => setDocNumber(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={`pd-docdate-${id}`}>Дата документа</label>
                <input
                  id={`pd-docdate-${id}`}
                  type="date"
                  value={docDate}
                  onChange={(e) => setDocDate(e.target.value)}
                />
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor={`pd-date-${id}`}>Новый срок</label>
            <input id={`pd-date-${id}`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-small btn-success"
          disabled={busy}
          onClick={() => decide('done')}
        >
          Выполнено
        </button>
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => decide('replan')}>
          Перенести
        </button>
        <button
          type="button"
          className="btn btn-small btn-danger"
          disabled={busy}
          onClick={() => decide('overdue')}
        >
          Оставить просроченным
        </button>
      </div>
    </li>
  );
}

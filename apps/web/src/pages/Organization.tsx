import { useMemo, useState, type FormEvent } from 'react';
import { getHeadOverview, listUsers, reassignExecutors, saveDelayNote } from '../api/endpoints';
import type { DirectoryUser, Task } from '../api/types';
import { regionOf, useAuth } from '../auth';
import { executorIdsOf, executorsOf, SOON_WORKING_DAYS, TaskCard } from '../components/TaskCard';
import { Alert, Empty, ErrorBox, Field, Loading, Modal, PageHeader, Stat } from '../components/ui';
import { addWorkingDays } from '../../../../libs/terms/src/calendar';
import { pluralize } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { effectiveDue, todayIso, workingDaysLeft } from '../lib/workdays';

type Filter = 'attention' | 'overdue' | 'soon';

/** «Скоро срок» in working days, as on «Мои задачи» (10 by default). */
const WINDOWS = [SOON_WORKING_DAYS, 20, 40];
const workingDays = (n: number) => pluralize(n, ['рабочий день', 'рабочих дня', 'рабочих дней']);

/**
 * The API's window is in calendar days (at most 90): ask for the calendar days that `n` working days from
 * today span, then keep what is due within `n` working days.
 */
function calendarWindow(n: number, tz?: string): number {
  const today = todayIso(tz);
  try {
    const end = addWorkingDays(today, n);
    const days = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    return Math.min(90, Math.max(1, days));
  } catch {
    return Math.min(90, Math.ceil((n * 7) / 5) + 14);
  }
}

/** One row per organization's part: the same occurrence can concern two of the head's organizations. */
const rowKey = (t: Task) => `${t.id}:${t.organizationId ?? ''}`;

export default function OrganizationPage() {
  const { me } = useAuth();
  const tz = me?.region?.timezone ?? me?.region?.tz;
  const [days, setDays] = useState(SOON_WORKING_DAYS);
  const { data, error, loading, reload } = useAsync(
    (signal) => getHeadOverview(calendarWindow(days, tz), signal),
    [days, tz],
  );
  const [filter, setFilter] = useState<Filter>('attention');
  const [reassign, setReassign] = useState<Task | null>(null);
  const [note, setNote] = useState<Task | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const headOf = [
    ...new Set(
      (me?.roles ?? [])
        .filter((r) => r.role === 'head')
        .map((r) => r.organization?.name ?? r.organizationName)
        .filter(Boolean),
    ),
  ].join(', ');

  const overdue = useMemo(() => data?.overdue ?? [], [data]);
  const soon = useMemo(
    () => (data?.dueSoon ?? []).filter((t) => workingDaysLeft(t, tz) <= days),
    [data, days, tz],
  );

  const visible = useMemo(() => {
    const list = filter === 'overdue' ? overdue : filter === 'soon' ? soon : [...overdue, ...soon];
    return [...list].sort(
      (a, b) => Number(b.overdue) - Number(a.overdue) || effectiveDue(a).localeCompare(effectiveDue(b)),
    );
  }, [filter, overdue, soon]);

  // By executor, the people with most overdue items first.
  const byExecutor = useMemo(() => {
    const map = new Map<string, Task[]>();
    for (const t of visible) {
      const key = executorsOf(t);
      map.set(key, [...(map.get(key) ?? []), t]);
    }
    return [...map.entries()].sort(
      (a, b) =>
        b[1].filter((t) => t.overdue).length - a[1].filter((t) => t.overdue).length ||
        a[0].localeCompare(b[0], 'ru'),
    );
  }, [visible]);

  const filters: { key: Filter; label: string; n: number }[] = [
    { key: 'attention', label: 'Все', n: overdue.length + soon.length },
    { key: 'overdue', label: 'Просрочено', n: overdue.length },
    { key: 'soon', label: 'Скоро срок', n: soon.length },
  ];

  return (
    <>
      <PageHeader
        title="Моя организация"
        lead={`${headOf || 'Ваша организация'} и подведомственные организации: просроченные и близкие к сроку мероприятия по исполнителям.`}
      />
      <ErrorBox error={error} retry={reload} />
      {flash && (
        <Alert kind="success" onClose={() => setFlash(null)}>
          {flash}
        </Alert>
      )}
      {loading && !data && <Loading />}
      {data && (
        <>
          <div className="stats">
            <Stat label="Просрочено" value={overdue.length} tone={overdue.length ? 'danger' : undefined} />
            <Stat
              label={`Срок в ближайшие ${workingDays(days)}`}
              value={soon.length}
              tone={soon.length ? 'warning' : undefined}
            />
            <Stat label="Исполнителей" value={new Set([...overdue, ...soon].map(executorsOf)).size} />
          </div>
          <div className="group-head">
            <div
              className="tabs"
              role="group"
              aria-label="Отбор"
              style={{ marginBottom: 0, flex: '1 1 auto' }}
            >
              {filters.map((f) => (
                <button
                  key={f.key}
                  type="button"
                  aria-pressed={filter === f.key}
                  onClick={() => setFilter(f.key)}
                >
                  {f.label} <span className="count">{f.n}</span>
                </button>
              ))}
            </div>
            <div className="field" style={{ marginBottom: 0, maxWidth: 280 }}>
              <label htmlFor="soon-window" className="visually-hidden">
                Скоро срок — в пределах
              </label>
              <select id="soon-window" value={days} onChange={(e) => setDays(Number(e.target.value))}>
                {WINDOWS.map((d) => (
                  <option key={d} value={d}>
                    скоро: {workingDays(d)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {byExecutor.length === 0 && <Empty>Просроченных и близких к сроку мероприятий нет.</Empty>}
          {byExecutor.map(([executor, list]) => (
            <section key={executor} aria-label={`Исполнитель: ${executor}`} data-testid="executor-group">
              <div className="group-head">
                <h2 className="section-title">
                  {executor} <span className="count">{list.length}</span>
                </h2>
                {list.some((t) => t.overdue) && (
                  <span className="badge badge-danger">
                    просрочено: {list.filter((t) => t.overdue).length}
                  </span>
                )}
              </div>
              <ul className="task-list">
                {list.map((t) => (
                  <TaskCard key={rowKey(t)} task={t} tz={tz}>
                    <button type="button" className="btn btn-small" onClick={() => setReassign(t)}>
                      Переназначить
                    </button>
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => setNote(t)}>
                      {t.delayNote ? 'Изменить причину задержки' : 'Причина задержки'}
                    </button>
                  </TaskCard>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
      <ReassignDialog
        regionId={regionOf(me)}
        task={reassign}
        onClose={() => setReassign(null)}
        onDone={(name) => {
          setReassign(null);
          setFlash(`Исполнитель назначен: ${name}`);
          reload();
        }}
      />
      <DelayNoteDialog
        task={note}
        onClose={() => setNote(null)}
        onDone={(text) => {
          setNote(null);
          setFlash(`Причина задержки сохранена: ${text}`);
          reload();
        }}
      />
    </>
  );
}

/** People of the part's organization first; the rest of the region after them. */
function candidates(
  users: DirectoryUser[],
  organizationId: string | null | undefined,
): { own: DirectoryUser[]; others: DirectoryUser[] } {
  const inOrg = (u: DirectoryUser) => (u.roles ?? []).some((r) => r.organizationId === organizationId);
  const active = users.filter(
    (u) => u.active !== false && (u.roles ?? []).some((r) => r.role === 'executor' || r.role === 'head'),
  );
  return { own: active.filter(inOrg), others: active.filter((u) => !inOrg(u)) };
}

function ReassignDialog({
  regionId,
  task,
  onClose,
  onDone,
}: {
  regionId: string | null;
  task: Task | null;
  onClose: () => void;
  onDone: (name: string) => void;
}) {
  const users = useAsync<DirectoryUser[]>(
    (signal) => (task && regionId ? listUsers(regionId, signal) : Promise.resolve([])),
    [task?.id],
  );
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!task) return;
    if (!userId) return setError('Выберите исполнителя');
    if (!task.organizationId) return setError('Не указана организация мероприятия');
    setBusy(true);
    setError(null);
    try {
      await reassignExecutors(task.activityId, { organizationId: task.organizationId, userIds: [userId] });
      onDone(users.data?.find((u) => u.id === userId)?.fullName ?? '');
      setUserId('');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const current = new Set(executorIdsOf(task ?? ({} as Task)));
  const currentNames = new Set(
    executorsOf(task ?? ({} as Task))
      .split(',')
      .map((s) => s.trim()),
  );
  const isCurrent = (u: DirectoryUser) => current.has(u.id) || currentNames.has(u.fullName);
  const { own, others } = candidates(users.data ?? [], task?.organizationId);
  const option = (u: DirectoryUser) => (
    <option key={u.id} value={u.id} disabled={isCurrent(u)}>
      {u.fullName}
      {u.position ? `, ${u.position}` : ''}
      {isCurrent(u) ? ' (сейчас)' : ''}
    </option>
  );
  return (
    <Modal open={!!task} title="Переназначить исполнителя" onClose={onClose}>
      {task && (
        <form onSubmit={submit} noValidate>
          <p className="muted">{task.title}</p>
          <p className="small">Сейчас: {executorsOf(task)}</p>
          {users.loading && <Loading label="Загружаем сотрудников…" />}
          <ErrorBox error={users.error} retry={users.reload} />
          {users.data && (
            <Field
              label="Новый исполнитель"
              hint="Он получит задачу, напоминания и эскалации вместо прежнего"
            >
              {(p) => (
                <select {...p} value={userId} onChange={(e) => setUserId(e.target.value)} autoFocus>
                  <option value="">— выберите —</option>
                  {own.length > 0 && (
                    <optgroup
                      label={typeof task.organization === 'string' ? task.organization : 'Организация'}
                    >
                      {own.map(option)}
                    </optgroup>
                  )}
                  {others.length > 0 && <optgroup label="Другие организации">{others.map(option)}</optgroup>}
                </select>
              )}
            </Field>
          )}
          {error && <Alert>{error}</Alert>}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Назначить
            </button>
            <button type="button" className="btn btn-ghost" onClick={onClose}>
              Отмена
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

function DelayNoteDialog({
  task,
  onClose,
  onDone,
}: {
  task: Task | null;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [forId, setForId] = useState<string | null>(null);
  if (task && forId !== task.id) {
    setForId(task.id);
    setText(task.delayNote ?? '');
    setError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!task) return;
    if (text.trim().length < 3) return setError('Опишите причину задержки');
    setBusy(true);
    try {
      await saveDelayNote(task.id, text.trim());
      onDone(text.trim());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={!!task} title="Причина задержки" onClose={onClose}>
      {task && (
        <form onSubmit={submit} noValidate>
          <p className="muted">{task.title}</p>
          <Field label="Пояснение руководителя" hint="Попадёт в отчёт министерства, если срок будет нарушен">
            {(p) => (
              <textarea {...p} rows={4} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
            )}
          </Field>
          {error && <Alert>{error}</Alert>}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Сохранить
            </button>
            <button type="button" className="btn btn-ghost" onClick={onClose}>
              Отмена
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { expectsDocumentDetails } from '../../../../libs/domain/src/evidence';
import { ApiError, type UploadHandle } from '../api/client';
import {
  getOccurrence,
  getOccurrenceHistory,
  getUploadLimits,
  requestDeadlineChange,
  uploadEvidence,
} from '../api/endpoints';
import type { Evidence, HistoryEvent, OccurrenceDetail, Reminder, Review } from '../api/types';
import { useAuth } from '../auth';
import { EvidenceVersion } from '../components/evidence';
import { FileDrop } from '../components/FileDrop';
import { executorsOf, orgNameOf } from '../components/TaskCard';
import {
  Alert,
  DaysLeft,
  ErrorBox,
  Field,
  Loading,
  PageHeader,
  ProgressBar,
  StatusBadge,
} from '../components/ui';
import { policyOf } from '../lib/files';
import { formatDate, formatDateTime, personName } from '../lib/format';
import { notificationLabel, replanNotes, type ReplanCause, type StepLike } from '../lib/notifications';
import { useAsync } from '../lib/useAsync';
import { effectiveDue, workingDaysLeft } from '../lib/workdays';

/** The audit log's actions, as a person reads them. */
const ACTION_LABELS: Record<string, string> = {
  'evidence.submitted': 'Отправлен отчёт',
  'review.approve': 'Отчёт принят куратором',
  'review.return': 'Отчёт возвращён на доработку',
  'occurrence.delay_note': 'Руководитель указал причину задержки',
  'occurrence.past_due_decision': 'Куратор принял решение по сроку, прошедшему до запуска',
  'deadline_change.requested': 'Запрошен перенос срока',
  'deadline_change.approved': 'Перенос срока одобрен',
  'deadline_change.refused': 'В переносе срока отказано',
  'activity.reassigned': 'Исполнитель переназначен',
  'activity.external_dates': 'Куратор внёс даты по внешнему графику',
  'activity.edited': 'Мероприятие исправлено',
  'engine.overdue': 'Срок истёк, отчёта нет',
  'engine.escalated': 'Эскалация',
  'engine.notification-failed': 'Письмо не доставлено',
};

/** What an audit entry changed, in one line, when it says something beyond its title. */
function historyText(h: HistoryEvent): string | null {
  const after = (h.after ?? {}) as Record<string, unknown>;
  if (h.action === 'deadline_change.requested' && after.proposedDue) {
    return `на ${formatDate(String(after.proposedDue), false)}: ${String(after.reason ?? '')}`;
  }
  if (h.action === 'deadline_change.approved' && after.due)
    return `новый срок ${formatDate(String(after.due), false)}`;
  if (h.action === 'occurrence.delay_note' && after.delayNote) return String(after.delayNote);
  if (typeof after.comment === 'string' && after.comment) return after.comment;
  return null;
}

interface TimelineEntry {
  at: string;
  title: string;
  who?: string;
  text?: string | null;
  tone?: 'success' | 'warning' | 'danger' | 'muted';
}

function reviewIsReturn(r: Review) {
  return r.decision === 'return' || r.decision === 'returned';
}

/** An escalation the engine recorded in the audit trail, as a step (its level with the plan: `2@1`). */
function escalationOf(h: HistoryEvent): StepLike | null {
  if (h.action !== 'engine.escalated') return null;
  const after = (h.after ?? {}) as { level?: unknown; eventKey?: unknown; at?: unknown };
  const fromKey = typeof after.eventKey === 'string' ? after.eventKey.split('/escalation/')[1] : undefined;
  const level = fromKey ?? (after.level === undefined ? '' : String(after.level));
  return { kind: 'escalation', level, state: 'sent', sentAt: typeof after.at === 'string' ? after.at : h.at };
}

/**
 * What re-planned the occurrence's reminders, oldest first: returns for rework and approved deadline
 * changes. Unknown (null) for an item of several organizations, whose parts are re-planned one by one.
 */
function replanCausesOf(o: OccurrenceDetail): ReplanCause[] | null {
  if ((o.organizations?.length ?? 0) > 1) return null;
  const causes: ReplanCause[] = [];
  for (const r of o.reviews ?? []) {
    const at = r.createdAt ?? r.at;
    if (reviewIsReturn(r) && r.state !== 'rejected' && at) causes.push({ kind: 'return', at });
  }
  for (const d of o.deadlineChanges ?? []) {
    const at = d.decidedAt ?? d.createdAt;
    if (d.status === 'approved' && at) causes.push({ kind: 'deadline', at });
  }
  return causes.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** One chronological story from evidence, reviews and the audit trail, newest first. */
function buildTimeline(
  o: OccurrenceDetail,
  history: HistoryEvent[],
  notes: (epoch: number) => string,
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of o.evidence ?? []) {
    out.push({
      at: e.createdAt ?? e.at ?? '',
      title: `Отправлен отчёт${e.version ? ` (версия ${e.version})` : ''}`,
      who: personName(e.submittedBy ?? e.by ?? null),
      text: e.comment,
    });
  }
  for (const r of o.reviews ?? []) {
    const ret = reviewIsReturn(r);
    out.push({
      at: r.createdAt ?? r.at ?? '',
      title: ret
        ? `Возвращено на доработку${r.reworkDue ? ` до ${formatDate(r.reworkDue, false)}` : ''}`
        : 'Принято куратором',
      who: personName(r.reviewer ?? r.by ?? null),
      text: r.comment,
      tone: ret ? 'warning' : 'success',
    });
  }
  const seen = new Set(out.map((x) => `${x.at.slice(0, 16)}|${x.title.slice(0, 10)}`));
  for (const h of history) {
    if (/^(evidence\.submitted|review\.)/.test(h.action)) continue; // already shown from the records themselves
    const escalation = escalationOf(h);
    const title =
      h.text ??
      (escalation
        ? notificationLabel('escalation', escalation.level, notes)
        : (ACTION_LABELS[h.action] ?? h.action));
    const key = `${h.at.slice(0, 16)}|${title.slice(0, 10)}`;
    if (seen.has(key)) continue;
    out.push({
      at: h.at,
      title,
      who: historyWho(h),
      text: historyText(h),
      tone: /refused|^engine\./.test(h.action) ? 'danger' : undefined,
    });
  }
  return out.filter((x) => x.at).sort((a, b) => b.at.localeCompare(a.at));
}

function historyWho(h: HistoryEvent): string | undefined {
  const who = h.actorName ?? (h.actor ? personName(h.actor) : undefined);
  const forWhom = h.onBehalfOfName ?? (h.onBehalfOf ? personName(h.onBehalfOf) : undefined);
  return who ? (forWhom ? `${who} (за ${forWhom})` : who) : undefined;
}

export function OccurrencePage() {
  const { id = '' } = useParams();
  const { me, has } = useAuth();
  const tz = me?.region?.timezone ?? me?.region?.tz;
  const { data: o, error, loading, reload } = useAsync((signal) => getOccurrence(id, signal), [id]);
  // The audit trail is its own route; the page does not wait for it.
  const history = useAsync(
    (signal) => getOccurrenceHistory(id, signal).catch(() => [] as HistoryEvent[]),
    [id, o],
  );
  const [flash, setFlash] = useState<string | null>(null);

  if (loading && !o) return <Loading />;
  if (error && !o) {
    return (
      <>
        <PageHeader title="Мероприятие" />
        <ErrorBox error={error} retry={reload} />
        <Link to="/">На главную</Link>
      </>
    );
  }
  if (!o) return null;

  const expected = o.result ?? o.expectedResult ?? o.activity?.expectedResult ?? null;
  const termRaw = o.term ?? o.activity?.termRaw;
  const parts = o.organizations ?? [];
  const roadmap = o.activity?.roadmap?.title ?? o.roadmapTitle;
  const number = o.number ?? o.activity?.number;
  const due = effectiveDue(o);
  const open = o.status === 'planned' || o.status === 'open' || o.status === 'returned';
  const canSubmit = o.can?.submitEvidence ?? (open && (has('executor') || has('head')));
  const lastReturn = [...(o.reviews ?? [])]
    .filter(reviewIsReturn)
    .sort((a, b) => (b.createdAt ?? b.at ?? '').localeCompare(a.createdAt ?? a.at ?? ''))[0];
  const versions = [...(o.evidence ?? [])].sort(
    (a, b) => (b.version ?? 0) - (a.version ?? 0) || (b.createdAt ?? '').localeCompare(a.createdAt ?? ''),
  );
  const reminders = [...(o.reminders ?? [])].sort(
    (a, b) => a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind),
  );
  const escalations = (history.data ?? []).map(escalationOf).filter((x): x is StepLike => !!x);
  const notes = replanNotes(replanCausesOf(o), [...reminders, ...escalations]);
  const timeline = buildTimeline(o, history.data ?? [], notes);

  return (
    <>
      <nav className="breadcrumbs" aria-label="Навигация по разделам">
        <Link to={has('executor') ? '/tasks' : has('head') ? '/organization' : '/reviews'}>
          ← {has('executor') ? 'Мои задачи' : has('head') ? 'Моя организация' : 'Проверка отчётов'}
        </Link>
      </nav>
      <PageHeader
        title={`${number ? `${number} ` : ''}${o.title ?? o.activity?.title ?? 'Мероприятие'}`}
        lead={[roadmap, o.label, o.section?.[0]].filter(Boolean).join('\u00a0· ')}
      >
        <StatusBadge status={o.status} overdue={o.overdue} />
      </PageHeader>
      <ErrorBox error={error} retry={reload} />

      {o.status === 'returned' && lastReturn && (
        <Alert kind="warning">
          <strong>Отчёт возвращён на доработку</strong>
          {lastReturn.reworkDue && <> — исправить до {formatDate(lastReturn.reworkDue)}</>}
          {lastReturn.comment && (
            <p className="comment" data-testid="return-comment">
              {lastReturn.comment}
            </p>
          )}
          <span className="small muted">
            {personName(lastReturn.reviewer ?? lastReturn.by ?? null)},{' '}
            {formatDateTime(lastReturn.createdAt ?? lastReturn.at)}
          </span>
        </Alert>
      )}

      <div className="grid-2">
        <div>
          <section className="card" aria-labelledby="h-about">
            <h2 id="h-about">О мероприятии</h2>
            <dl className="kv">
              <dt>Срок</dt>
              <dd>
                <strong>{formatDate(due)}</strong>{' '}
                {open && <DaysLeft days={workingDaysLeft(o, tz)} overdue={o.overdue} />}
              </dd>
              {o.status === 'returned' && o.reworkDue && o.reworkDue !== o.due && (
                <>
                  <dt>Исходный срок</dt>
                  <dd>{formatDate(o.due)}</dd>
                </>
              )}
              {o.baselineDue && o.baselineDue !== o.due && (
                <>
                  <dt>Срок по плану</dt>
                  <dd>
                    {formatDate(o.baselineDue)} <span className="muted small">(перенесён)</span>
                  </dd>
                </>
              )}
              {o.start && (
                <>
                  <dt>Начало</dt>
                  <dd>{formatDate(o.start)}</dd>
                </>
              )}
              {termRaw && (
                <>
                  <dt>Срок в документе</dt>
                  <dd>{termRaw}</dd>
                </>
              )}
              {parts.length > 0 ? (
                <>
                  <dt>{parts.length > 1 ? 'Организации' : 'Организация'}</dt>
                  <dd>
                    <ul
                      className="plain-list"
                      style={{
                        paddingLeft: parts.length > 1 ? undefined : 0,
                        listStyle: parts.length > 1 ? undefined : 'none',
                        margin: 0,
                      }}
                    >
                      {parts.map((p) => (
                        <li key={p.organizationId}>
                          {p.name}
                          {parts.length > 1 && p.lead && <span className="muted small"> (головная)</span>}
                          {parts.length > 1 && p.overdue && (
                            <span className="badge badge-danger"> просрочено</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : (
                orgNameOf(o) && (
                  <>
                    <dt>Организация</dt>
                    <dd>{orgNameOf(o)}</dd>
                  </>
                )
              )}
              <dt>Исполнители</dt>
              <dd>{executorsOf(o)}</dd>
              {o.outcome && (
                <>
                  <dt>Итог</dt>
                  <dd>
                    {o.outcome}
                    {o.outcomeReason ? ` — ${o.outcomeReason}` : ''}
                  </dd>
                </>
              )}
              {o.delayNote && (
                <>
                  <dt>Причина задержки</dt>
                  <dd>{o.delayNote}</dd>
                </>
              )}
            </dl>
            <h3>Ожидаемый результат</h3>
            <p data-testid="expected-result">
              {expected || <span className="muted">Не указан в документе</span>}
            </p>
          </section>

          {flash && (
            <Alert kind="success" onClose={() => setFlash(null)}>
              {flash}
            </Alert>
          )}
          {canSubmit && (
            <EvidenceForm
              occurrence={o}
              expected={expected}
              onDone={() => {
                setFlash('Отчёт отправлен на проверку куратору.');
                reload();
              }}
            />
          )}

          <section className="card" aria-labelledby="h-evidence">
            <h2 id="h-evidence">Отчёты</h2>
            {versions.length === 0 ? (
              <p className="muted">Отчётов ещё не было.</p>
            ) : (
              versions.map((e: Evidence) => <EvidenceVersion key={e.id} evidence={e} />)
            )}
          </section>
        </div>

        <div>
          <section className="card" aria-labelledby="h-history">
            <h2 id="h-history">История</h2>
            {timeline.length === 0 ? (
              <p className="muted">Пока ничего не происходило.</p>
            ) : (
              <ol className="timeline-list" data-testid="history">
                {timeline.map((t, i) => (
                  <li key={i} className={t.tone ? `tl-${t.tone}` : undefined}>
                    <div>
                      <strong>{t.title}</strong>
                    </div>
                    <div className="tl-when">
                      {formatDateTime(t.at, tz)}
                      {t.who && t.who !== '—' ? `\u00a0· ${t.who}` : ''}
                    </div>
                    {t.text && (
                      <p className={`comment${t.tone === 'warning' ? '' : ' comment-plain'}`}>{t.text}</p>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section className="card" aria-labelledby="h-reminders">
            <h2 id="h-reminders">Напоминания</h2>
            {reminders.length === 0 ? (
              <p className="muted">Напоминаний не запланировано.</p>
            ) : (
              <ReminderList reminders={reminders} parts={parts} notes={notes} tz={tz} />
            )}
          </section>

          {open && (has('executor') || has('head')) && (
            <DeadlineRequest occurrenceId={o.id} due={due} onDone={reload} />
          )}
        </div>
      </div>
    </>
  );
}

const isSent = (r: Reminder) => r.sent || r.state === 'sent';

/**
 * The sent step that replaced a skipped one: when several steps fell due together (an item launched past
 * its date, a worker outage) the engine sends only the latest and skips the rest — so, of the part's steps
 * scheduled after the skipped one, the first that went out.
 */
function replacementOf(r: Reminder, all: Reminder[]): Reminder | undefined {
  return all
    .filter((x) => x !== r && isSent(x) && x.sentAt && x.organizationId === r.organizationId && x.at > r.at)
    .sort((a, b) => a.sentAt!.localeCompare(b.sentAt!) || b.at.localeCompare(a.at))[0];
}

/** Sent more than an hour after its time (a catch-up): worth saying when. */
const sentLate = (r: Reminder) => !!r.sentAt && Date.parse(r.sentAt) - Date.parse(r.at) > 3_600_000;

function ReminderList({
  reminders,
  parts,
  notes,
  tz,
}: {
  reminders: Reminder[];
  parts: { organizationId: string; name: string }[];
  notes: (epoch: number) => string;
  tz?: string;
}) {
  const orgName = (id?: string | null) =>
    parts.length > 1 ? parts.find((p) => p.organizationId === id)?.name : undefined;
  return (
    <ul className="reminder-list small" data-testid="reminders">
      {reminders.map((r, i) => {
        const replacement = r.state === 'skipped' ? replacementOf(r, reminders) : undefined;
        const org = orgName(r.organizationId);
        return (
          <li key={i} data-kind={r.kind} data-level={String(r.level ?? '')} data-state={r.state}>
            <span className="reminder-title">{notificationLabel(r.kind, r.level, notes)}</span>
            {org && <span className="reminder-org">{org}</span>}
            <span className="reminder-meta">
              {formatDateTime(r.at, tz)}{' '}
              {isSent(r) ? (
                <>
                  <span className="badge badge-success">отправлено</span>
                  {sentLate(r) && <> {formatDateTime(r.sentAt, tz)}</>}
                </>
              ) : r.state === 'skipped' ? (
                <>
                  <span className="badge badge-muted">пропущено</span> заменено более поздним уведомлением
                  {replacement?.sentAt ? <>, отправленным {formatDateTime(replacement.sentAt, tz)}</> : ''}
                </>
              ) : (
                <span className="badge badge-neutral">запланировано</span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function EvidenceForm({
  occurrence,
  expected,
  onDone,
}: {
  occurrence: OccurrenceDetail;
  expected: string | null;
  onDone: () => void;
}) {
  const [files, setFiles] = useState<File[]>([]);
  const [comment, setComment] = useState('');
  const [docNumber, setDocNumber] = useState('');
  const [docDate, setDocDate] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [handle, setHandle] = useState<UploadHandle<unknown> | null>(null);
  const limits = useAsync((signal) => getUploadLimits(signal).catch(() => null), []);
  const needsDoc =
    occurrence.expectsDocument ?? occurrence.requiresDocument ?? expectsDocumentDetails(expected);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const errs: Record<string, string> = {};
    if (!files.length) errs.files = 'Добавьте хотя бы один файл';
    if (needsDoc && !docNumber.trim()) errs.docNumber = 'Укажите номер документа';
    if (needsDoc && !docDate) errs.docDate = 'Укажите дату документа';
    setFieldErrors(errs);
    if (Object.keys(errs).length) return;
    setProgress(0);
    const h = uploadEvidence(
      occurrence.id,
      { files, comment, documentNumber: docNumber, documentDate: docDate },
      setProgress,
    );
    setHandle(h);
    try {
      await h.promise;
      setFiles([]);
      setComment('');
      onDone();
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setError(
        status === 413
          ? 'Файлы слишком большие: сервер не принял отправку. Уменьшите размер или отправьте по частям.'
          : status === 415
            ? `Тип файла не принимается: ${(err as Error).message}`
            : (err as Error).message,
      );
    } finally {
      setProgress(null);
      setHandle(null);
    }
  }

  const busy = progress !== null;
  return (
    <section className="card" aria-labelledby="h-submit">
      <h2 id="h-submit">
        {occurrence.status === 'returned' ? 'Отправить исправленный отчёт' : 'Отправить отчёт'}
      </h2>
      <form onSubmit={submit} noValidate>
        <FileDrop
          files={files}
          onChange={setFiles}
          disabled={busy}
          policy={policyOf(limits.data)}
          label="Подтверждающие документы"
        />
        {fieldErrors.files && (
          <p className="field-error" role="alert">
            {fieldErrors.files}
          </p>
        )}
        {needsDoc && (
          <div className="form-row">
            <Field
              label="Номер документа"
              error={fieldErrors.docNumber}
              hint="Приказ или протокол, подтверждающий результат"
            >
              {(p) => (
                <input
                  {...p}
                  type="text"
                  value={docNumber}
                  onChange={(e) => setDocNumber(e.target.value)}
                  disabled={busy}
                />
              )}
            </Field>
            <Field label="Дата документа" error={fieldErrors.docDate}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={docDate}
                  onChange={(e) => setDocDate(e.target.value)}
                  disabled={busy}
                />
              )}
            </Field>
          </div>
        )}
        <Field label="Комментарий" hint="Необязательно: что сделано, где подробности">
          {(p) => (
            <textarea
              {...p}
              name="comment"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              disabled={busy}
              rows={3}
            />
          )}
        </Field>
        {busy && <ProgressBar value={progress ?? 0} label="Отправка файлов" />}
        {error && <Alert>{error}</Alert>}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Отправляем…' : 'Отправить на проверку'}
          </button>
          {busy && (
            <button type="button" className="btn btn-ghost" onClick={() => handle?.abort()}>
              Отменить
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function DeadlineRequest({
  occurrenceId,
  due,
  onDone,
}: {
  occurrenceId: string;
  due: string;
  onDone: () => void;
}) {
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!date || date <= due) return setError(`Новый срок должен быть позже ${formatDate(due, false)}`);
    if (!reason.trim()) return setError('Укажите причину переноса');
    setBusy(true);
    try {
      await requestDeadlineChange(occurrenceId, { proposedDue: date, reason: reason.trim() });
      setSent(true);
      onDone();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="h-deadline">
      <details>
        <summary>
          <h2 id="h-deadline" style={{ display: 'inline' }}>
            Перенос срока
          </h2>
        </summary>
        <form onSubmit={submit} noValidate style={{ marginTop: 12 }}>
          <Field label="Новый срок">
            {(p) => (
              <input {...p} type="date" min={due} value={date} onChange={(e) => setDate(e.target.value)} />
            )}
          </Field>
          <Field label="Причина">
            {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          {error && <Alert>{error}</Alert>}
          {sent && <Alert kind="success">Запрос отправлен куратору.</Alert>}
          <button type="submit" className="btn" disabled={busy}>
            Запросить перенос
          </button>
        </form>
      </details>
    </section>
  );
}

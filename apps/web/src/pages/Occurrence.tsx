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
import { formatDate, formatDateTime, personName, pluralize } from '../lib/format';
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

/** One chronological story from evidence, reviews and the audit trail, newest first. */
function buildTimeline(o: OccurrenceDetail, history: HistoryEvent[]): TimelineEntry[] {
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
    const level = (h.after as { level?: unknown } | null)?.level;
    const title =
      h.text ??
      `${ACTION_LABELS[h.action] ?? h.action}${h.action === 'engine.escalated' && level ? `, уровень ${String(level)}` : ''}`;
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

/** `d10` → «Напоминание за 10 рабочих дней», `d0` → «в день срока», `2` → «Эскалация, уровень 2». */
function reminderLabel(r: Reminder): string {
  if (r.kind === 'escalation') return `Эскалация${r.level ? `, уровень ${r.level}` : ''}`;
  const m = /^d(\d+)$/.exec(String(r.level ?? ''));
  if (!m) return 'Напоминание';
  const n = Number(m[1]);
  return n === 0
    ? 'Напоминание в день срока'
    : `Напоминание за ${pluralize(n, ['рабочий день', 'рабочих дня', 'рабочих дней'])}`;
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
  const timeline = buildTimeline(o, history.data ?? []);
  const reminders = [...(o.reminders ?? [])].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <>
      <nav className="breadcrumbs" aria-label="Навигация по разделам">
        <Link to={has('executor') ? '/tasks' : has('head') ? '/organization' : '/reviews'}>
          ← {has('executor') ? 'Мои задачи' : has('head') ? 'Моя организация' : 'Проверка отчётов'}
        </Link>
      </nav>
      <PageHeader
        title={`${number ? `${number} ` : ''}${o.title ?? o.activity?.title ?? 'Мероприятие'}`}
        lead={[roadmap, o.label, o.section?.[0]].filter(Boolean).join(' · ')}
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
                      {t.who && t.who !== '—' ? ` · ${t.who}` : ''}
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
              <ul className="plain-list small" data-testid="reminders">
                {reminders.map((r, i) => (
                  <li key={i}>
                    {reminderLabel(r)} — {formatDateTime(r.at, tz)}{' '}
                    {r.sent ? (
                      <span className="badge badge-success">отправлено</span>
                    ) : r.state === 'skipped' ? (
                      <span className="badge badge-muted">не понадобилось</span>
                    ) : (
                      <span className="badge badge-neutral">запланировано</span>
                    )}
                  </li>
                ))}
              </ul>
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

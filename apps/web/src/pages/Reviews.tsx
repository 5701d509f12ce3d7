import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { approveOccurrence, getOccurrence, getReviewQueue, returnOccurrence } from '../api/endpoints';
import type { Evidence, OccurrenceDetail, ReviewQueueItem } from '../api/types';
import { EvidenceVersion, FilePreview, fileName, filesOf } from '../components/evidence';
import { executorsOf, orgNameOf } from '../components/TaskCard';
import { Alert, Empty, ErrorBox, Field, Loading, PageHeader, StatusBadge } from '../components/ui';
import { formatDate, formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';

export default function ReviewsPage() {
  const queue = useAsync((signal) => getReviewQueue(signal), []);
  const [params, setParams] = useSearchParams();
  const [flash, setFlash] = useState<string | null>(null);
  const items = queue.data ?? [];
  const selectedId = params.get('id') ?? items[0]?.id ?? null;

  return (
    <>
      <PageHeader
        title="Проверка отчётов"
        lead="Отчёты исполнителей, ожидающие решения: примите или верните на доработку с комментарием."
      />
      <ErrorBox error={queue.error} retry={queue.reload} />
      {flash && (
        <Alert kind="success" onClose={() => setFlash(null)}>
          {flash}
        </Alert>
      )}
      {queue.loading && !queue.data && <Loading />}
      {queue.data && items.length === 0 && <Empty>Очередь пуста: все отчёты проверены.</Empty>}
      {items.length > 0 && (
        <div className="review-layout">
          <nav aria-label="Очередь на проверку">
            <h2 className="section-title">
              В очереди <span className="count">{items.length}</span>
            </h2>
            <ul className="queue-list" data-testid="review-queue">
              {items.map((t) => (
                <li key={t.id}>
                  <button
                    type="button"
                    className="queue-item"
                    aria-current={t.id === selectedId}
                    onClick={() => setParams({ id: t.id })}
                  >
                    <strong>
                      {t.number ? `${t.number} ` : ''}
                      {t.title}
                    </strong>
                    <div className="muted small">
                      {orgNameOf(t) ? `${orgNameOf(t)}\u00a0· ` : ''}срок {formatDate(t.due, false)}
                    </div>
                    {t.evidence && (
                      <div className="muted small">
                        отправлено {formatDateTime(t.evidence.submittedAt)}
                        {t.evidence.submittedBy ? `, ${t.evidence.submittedBy}` : ''}
                      </div>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          {selectedId && (
            <ReviewDetail
              key={selectedId}
              id={selectedId}
              onDecided={(msg) => {
                setFlash(msg);
                const rest = items.filter((i) => i.id !== selectedId);
                queue.setData(rest as ReviewQueueItem[]);
                setParams(rest[0] ? { id: rest[0].id } : {});
              }}
            />
          )}
        </div>
      )}
    </>
  );
}

function ReviewDetail({ id, onDecided }: { id: string; onDecided: (message: string) => void }) {
  const { data: o, error, loading, reload } = useAsync((signal) => getOccurrence(id, signal), [id]);
  const [fileIdx, setFileIdx] = useState(0);
  useEffect(() => setFileIdx(0), [id]);

  if (loading && !o) return <Loading />;
  if (!o) return <ErrorBox error={error} retry={reload} />;

  const versions = [...(o.evidence ?? [])].sort((a, b) => (b.version ?? 0) - (a.version ?? 0));
  const latest: Evidence | undefined = versions[0];
  const files = latest ? filesOf(latest) : [];
  const file = files[Math.min(fileIdx, files.length - 1)];
  const expected = o.result ?? o.expectedResult ?? o.activity?.expectedResult;

  return (
    <section className="card" aria-labelledby="h-review" data-testid="review-detail">
      <div className="card-head">
        <h2 id="h-review">
          <Link to={`/occurrences/${o.id}`}>
            {o.number ?? o.activity?.number ?? ''} {o.title ?? o.activity?.title}
          </Link>
        </h2>
        <StatusBadge status={o.status} overdue={o.overdue} />
      </div>
      <dl className="kv">
        <dt>Срок</dt>
        <dd>{formatDate(o.due)}</dd>
        <dt>Исполнители</dt>
        <dd>{executorsOf(o)}</dd>
        <dt>Ожидаемый результат</dt>
        <dd>{expected ?? '—'}</dd>
        {o.delayNote && (
          <>
            <dt>Причина задержки</dt>
            <dd>{o.delayNote}</dd>
          </>
        )}
      </dl>
      {latest ? (
        <>
          <h3>Отчёт</h3>
          <EvidenceVersion evidence={latest} />
          {files.length > 1 && (
            <div className="tabs" role="group" aria-label="Файлы отчёта">
              {files.map((f, i) => (
                <button key={f.id} type="button" aria-pressed={i === fileIdx} onClick={() => setFileIdx(i)}>
                  {fileName(f)}
                </button>
              ))}
            </div>
          )}
          {file && <FilePreview evidence={latest} file={file} />}
          {versions.length > 1 && (
            <details>
              <summary>Предыдущие версии ({versions.length - 1})</summary>
              {versions.slice(1).map((v) => (
                <EvidenceVersion key={v.id} evidence={v} />
              ))}
            </details>
          )}
        </>
      ) : (
        <p className="muted">Файлы отчёта не найдены.</p>
      )}
      {o.status === 'submitted' ? (
        <Decision occurrence={o} onDecided={onDecided} />
      ) : (
        <Alert kind="info">Решение уже принято: {o.status}.</Alert>
      )}
    </section>
  );
}

function Decision({
  occurrence,
  onDecided,
}: {
  occurrence: OccurrenceDetail;
  onDecided: (message: string) => void;
}) {
  const [comment, setComment] = useState('');
  const [reworkDue, setReworkDue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'approve' | 'return' | null>(null);

  async function decide(kind: 'approve' | 'return', e?: FormEvent) {
    e?.preventDefault();
    setError(null);
    if (kind === 'return' && !comment.trim())
      return setError('Чтобы вернуть отчёт, напишите, что нужно доработать');
    setBusy(kind);
    try {
      if (kind === 'approve')
        await approveOccurrence(occurrence.id, { comment: comment.trim() || undefined });
      else
        await returnOccurrence(occurrence.id, { comment: comment.trim(), reworkDue: reworkDue || undefined });
      onDecided(
        kind === 'approve' ? `Принято: ${occurrence.title}` : `Возвращено на доработку: ${occurrence.title}`,
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <form onSubmit={(e) => decide('return', e)} noValidate style={{ marginTop: 16 }}>
      <Field
        label="Комментарий"
        hint="Обязателен при возврате. Если срок нарушен — укажите причину при принятии."
      >
        {(p) => <textarea {...p} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <Field label="Срок доработки" hint="По умолчанию — 5 рабочих дней">
        {(p) => (
          <input
            {...p}
            type="date"
            value={reworkDue}
            onChange={(e) => setReworkDue(e.target.value)}
            style={{ maxWidth: 200 }}
          />
        )}
      </Field>
      {error && <Alert>{error}</Alert>}
      <div className="form-actions">
        <button type="button" className="btn btn-success" disabled={!!busy} onClick={() => decide('approve')}>
          {busy === 'approve' ? 'Принимаем…' : 'Принять'}
        </button>
        <button type="submit" className="btn btn-danger" disabled={!!busy}>
          {busy === 'return' ? 'Возвращаем…' : 'Вернуть на доработку'}
        </button>
      </div>
    </form>
  );
}

import { useState } from 'react';
import { Link } from 'react-router-dom';
import { decideDeadlineChange, listDeadlineChanges } from '../api/endpoints';
import type { DeadlineChange } from '../api/types';
import { Alert, Empty, ErrorBox, Loading, PageHeader } from '../components/ui';
import { formatDate, formatDateTime, personName } from '../lib/format';
import { daysBetween } from '../../../../libs/domain/src/dates';
import { useAsync } from '../lib/useAsync';

type Tab = 'requested' | 'decided';

export default function DeadlineChangesPage() {
  const [tab, setTab] = useState<Tab>('requested');
  const { data, error, loading, reload } = useAsync(async (signal) => {
    const [requested, approved, refused] = await Promise.all([
      listDeadlineChanges('requested', signal),
      listDeadlineChanges('approved', signal),
      listDeadlineChanges('refused', signal),
    ]);
    return {
      requested,
      decided: [...approved, ...refused].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '')),
    };
  }, []);
  const pending = data?.requested ?? [];
  const decided = data?.decided ?? [];
  const list = tab === 'requested' ? pending : decided;

  return (
    <>
      <PageHeader
        title="Переносы сроков"
        lead="Запросы исполнителей и руководителей на перенос срока. Одобренный перенос сразу меняет срок в работающем процессе."
      />
      <ErrorBox error={error} retry={reload} />
      <div className="tabs" role="group" aria-label="Запросы">
        <button type="button" aria-pressed={tab === 'requested'} onClick={() => setTab('requested')}>
          Ожидают решения <span className="count">{pending.length}</span>
        </button>
        <button type="button" aria-pressed={tab === 'decided'} onClick={() => setTab('decided')}>
          Решённые <span className="count">{decided.length}</span>
        </button>
      </div>
      {loading && !data && <Loading />}
      {data && list.length === 0 && (
        <Empty>{tab === 'requested' ? 'Новых запросов нет.' : 'Решённых запросов пока нет.'}</Empty>
      )}
      <ul className="rows" data-testid="deadline-changes">
        {list.map((d) => (
          <ChangeRow key={d.id} change={d} onDone={reload} />
        ))}
      </ul>
    </>
  );
}

function ChangeRow({ change: d, onDone }: { change: DeadlineChange; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shift = d.currentDue && d.proposedDue ? daysBetween(d.currentDue, d.proposedDue) : null;
  const title = d.occurrence?.title ?? d.title ?? 'Мероприятие';

  async function decide(decision: 'approve' | 'refuse') {
    setError(null);
    if (decision === 'refuse' && !comment.trim()) return setError('Укажите причину отказа');
    setBusy(true);
    try {
      await decideDeadlineChange(d.id, decision, comment.trim());
      onDone();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="row-card">
      <div className="row-card-main">
        <Link to={`/occurrences/${d.occurrenceId}`} className="task-title">
          {(d.number ?? d.occurrence?.number) ? `${d.number ?? d.occurrence?.number} ` : ''}
          {title}
        </Link>
        <div className="task-meta">
          {d.organizationName && <span>{d.organizationName}</span>}
          {d.requestedBy && <span>запросил: {personName(d.requestedBy)}</span>}
          {d.createdAt && <span>{formatDateTime(d.createdAt)}</span>}
        </div>
        <p style={{ margin: '6px 0' }}>
          <strong>{formatDate(d.currentDue, false)}</strong> →{' '}
          <strong>{formatDate(d.proposedDue, false)}</strong>
          {shift !== null && <span className="muted"> (+{shift} дн.)</span>}
        </p>
        <p className="comment comment-plain">{d.reason}</p>
        {d.status !== 'requested' && (
          <p className="small">
            <span className={`badge badge-${d.status === 'approved' ? 'success' : 'danger'}`}>
              {d.status === 'approved' ? 'Одобрено' : 'Отказано'}
            </span>
            {d.decidedBy && <> {personName(d.decidedBy)}</>}
            {d.decisionComment && <> — {d.decisionComment}</>}
          </p>
        )}
      </div>
      {d.status === 'requested' && (
        <div style={{ flex: '1 1 240px' }}>
          <label htmlFor={`dc-${d.id}`} className="label">
            Комментарий к решению
          </label>
          <textarea id={`dc-${d.id}`} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
          {error && <p className="field-error">{error}</p>}
          <div className="form-actions" style={{ marginTop: 8 }}>
            <button
              type="button"
              className="btn btn-success btn-small"
              disabled={busy}
              onClick={() => decide('approve')}
            >
              Одобрить
            </button>
            <button
              type="button"
              className="btn btn-danger btn-small"
              disabled={busy}
              onClick={() => decide('refuse')}
            >
              Отказать
            </button>
          </div>
        </div>
      )}
      {error && d.status !== 'requested' && <Alert>{error}</Alert>}
    </li>
  );
}

import { useState } from 'react';
import { getMailbox } from '../api/endpoints';
import { Empty, ErrorBox, Loading, PageHeader } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';

/** Development only: what the in-process SMTP catcher received, newest first. */
export default function MailboxPage() {
  const [to, setTo] = useState('');
  const [applied, setApplied] = useState('');
  const { data, error, loading, reload } = useAsync(
    (signal) => getMailbox(applied || undefined, signal),
    [applied],
  );

  return (
    <>
      <PageHeader
        title="Почта (разработка)"
        lead="Письма, перехваченные встроенным SMTP-сервером: напоминания, эскалации, приглашения."
      >
        <button type="button" className="btn" onClick={reload} disabled={loading}>
          Обновить
        </button>
      </PageHeader>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(to.trim());
        }}
        style={{ marginBottom: 16 }}
      >
        <div className="field">
          <label htmlFor="mail-to">Получатель</label>
          <input
            id="mail-to"
            type="search"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            placeholder="например, executor@demo.karta"
          />
        </div>
        <button type="submit" className="btn">
          Найти
        </button>
      </form>
      <ErrorBox error={error} retry={reload} />
      {loading && !data && <Loading />}
      {data && data.length === 0 && <Empty>Писем нет.</Empty>}
      {data && data.length > 0 && (
        <ul className="rows" data-testid="mailbox">
          {data.map((m, i) => (
            <li key={m.id ?? i} className="row-card">
              <div className="row-card-main">
                <details>
                  <summary>
                    <strong>{m.subject || '(без темы)'}</strong>
                  </summary>
                  <pre className="mail">{m.text}</pre>
                </details>
                <div className="task-meta">
                  <span>кому: {Array.isArray(m.to) ? m.to.join(', ') : m.to}</span>
                  <span>{formatDateTime(m.date)}</span>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

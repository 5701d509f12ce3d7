import { useState, type FormEvent } from 'react';
import { ROLE_LABELS } from '../../../../libs/domain/src/roles';
import { addDeputy, getCalendarLink, listDeputies, listUsers, removeDeputy } from '../api/endpoints';
import { regionOf, useAuth } from '../auth';
import { Alert, ErrorBox, Field, PageHeader } from '../components/ui';
import { useAsync } from '../lib/useAsync';
import { formatDate } from '../lib/format';

/** Who I am, what I may do, whom I stand in for, and my personal calendar feed. */
export default function ProfilePage() {
  const { me } = useAuth();
  const [url, setUrl] = useState<string | null>(me?.calendarUrl ?? me?.icsUrl ?? null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  if (!me) return null;

  async function showLink() {
    setError(null);
    try {
      const res = await getCalendarLink();
      setUrl(new URL(res.url, window.location.origin).toString());
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <>
      <PageHeader title="Профиль" lead={me.email} />
      <div className="grid-2">
        <section className="card" aria-labelledby="h-roles">
          <h2 id="h-roles">{me.fullName}</h2>
          <h3>Роли</h3>
          <ul className="plain-list">
            {(me.roles ?? []).map((r, i) => (
              <li key={i}>
                {ROLE_LABELS[r.role] ?? r.role} — {r.organization?.name ?? r.organizationName ?? ''}
              </li>
            ))}
          </ul>
          {(me.deputyFor ?? []).length > 0 && (
            <>
              <h3 style={{ marginTop: 16 }}>Замещаю</h3>
              <ul className="plain-list">
                {me.deputyFor!.map((d) => (
                  <li key={d.userId}>
                    {d.fullName}: {formatDate(d.from, false)} — {formatDate(d.to, false)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="h-ics">
          <h2 id="h-ics">Календарь сроков</h2>
          <p className="muted">
            Личная ссылка на ваши сроки в формате iCalendar: подпишитесь на неё в Яндекс Календаре, Outlook
            или на телефоне. Не передавайте её другим.
          </p>
          {error && <Alert>{error}</Alert>}
          {url ? (
            <>
              <label htmlFor="profile-ics" className="label">
                Ссылка на календарь
              </label>
              <input id="profile-ics" type="text" readOnly value={url} onFocus={(e) => e.target.select()} />
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
              </div>
            </>
          ) : (
            <button type="button" className="btn" onClick={showLink}>
              Показать ссылку
            </button>
          )}
        </section>
      </div>
      <Deputies userId={me.id} regionId={regionOf(me)} />
    </>
  );
}

/** Who stands in for me while I am away: he gets my reminders and may act for me in that period. */
function Deputies({ userId, regionId }: { userId: string; regionId: string | null }) {
  const list = useAsync((signal) => listDeputies(userId, signal), [userId]);
  const people = useAsync(
    (signal) => (regionId ? listUsers(regionId, signal) : Promise.resolve([])),
    [regionId],
  );
  const [deputyId, setDeputyId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!deputyId) return setError('Выберите заместителя');
    if (!from || !to || to < from) return setError('Укажите период: дата окончания не раньше даты начала');
    setBusy(true);
    try {
      await addDeputy(userId, { deputyId, from, to, reason: reason.trim() || undefined });
      setDeputyId('');
      setReason('');
      list.reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="h-deputies">
      <h2 id="h-deputies">Заместители</h2>
      <p className="muted">
        На время отпуска или болезни заместитель получает ваши напоминания и может действовать за вас; в
        журнале видны оба имени.
      </p>
      <ErrorBox error={list.error} retry={list.reload} />
      {list.data && list.data.length > 0 && (
        <ul className="rows" style={{ marginBottom: 16 }}>
          {list.data.map((d) => (
            <li key={d.id} className="row-card">
              <div className="row-card-main">
                <strong>{d.deputyName ?? d.fullName}</strong>
                <div className="task-meta">
                  <span>
                    {formatDate(d.from, false)} — {formatDate(d.to, false)}
                  </span>
                  {d.reason && <span>{d.reason}</span>}
                </div>
              </div>
              <button
                type="button"
                className="btn btn-small btn-danger"
                onClick={() =>
                  removeDeputy(userId, d.id).then(list.reload, (e: Error) => setError(e.message))
                }
              >
                Отменить
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <div className="form-row">
          <Field label="Заместитель">
            {(p) => (
              <select {...p} value={deputyId} onChange={(e) => setDeputyId(e.target.value)}>
                <option value="">— выберите —</option>
                {(people.data ?? [])
                  .filter((u) => u.id !== userId && u.active !== false)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.fullName}
                      {u.position ? `, ${u.position}` : ''}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field label="С">
            {(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
          </Field>
          <Field label="По">
            {(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
          </Field>
        </div>
        <Field label="Причина" hint="Необязательно: отпуск, больничный, командировка">
          {(p) => <input {...p} type="text" value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        {error && <Alert>{error}</Alert>}
        <button type="submit" className="btn" disabled={busy}>
          Назначить заместителя
        </button>
      </form>
    </section>
  );
}

import { useMemo, useState, type FormEvent } from 'react';
import {
  ORGANIZATION_KIND_LABELS,
  ORGANIZATION_KINDS,
  ROLE_LABELS,
  ROLES,
} from '../../../../libs/domain/src/roles';
import {
  createOrganization,
  createUser,
  importDirectory,
  type ImportReport,
  listOrganizations,
  listUsers,
  updateOrganization,
} from '../api/endpoints';
import type { DirectoryUser, Organization } from '../api/types';
import { FileDrop } from '../components/FileDrop';
import { Alert, Empty, ErrorBox, Field, Loading, Modal, PageHeader, ProgressBar } from '../components/ui';
import { useAsync } from '../lib/useAsync';
import { regionOf, useAuth } from '../auth';

type Tab = 'organizations' | 'users' | 'import';

export default function DirectoryPage() {
  const [tab, setTab] = useState<Tab>('organizations');
  const { me } = useAuth();
  const regionId = regionOf(me) ?? '';
  const orgs = useAsync((signal) => listOrganizations(regionId, signal), [regionId]);
  const users = useAsync((signal) => listUsers(regionId, signal), [regionId]);
  const [flash, setFlash] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="Справочник"
        lead="Организации региона и их сотрудники: по ним сопоставляются ответственные из документов и рассылаются напоминания."
      />
      {flash && (
        <Alert kind="success" onClose={() => setFlash(null)}>
          {flash}
        </Alert>
      )}
      <div className="tabs" role="group" aria-label="Разделы справочника">
        <button type="button" aria-pressed={tab === 'organizations'} onClick={() => setTab('organizations')}>
          Организации {orgs.data && <span className="count">{orgs.data.length}</span>}
        </button>
        <button type="button" aria-pressed={tab === 'users'} onClick={() => setTab('users')}>
          Сотрудники {users.data && <span className="count">{users.data.length}</span>}
        </button>
        <button type="button" aria-pressed={tab === 'import'} onClick={() => setTab('import')}>
          Загрузка из файла
        </button>
      </div>
      {tab === 'organizations' && (
        <Organizations regionId={regionId} state={orgs} onSaved={(m) => (setFlash(m), orgs.reload())} />
      )}
      {tab === 'users' && (
        <Users state={users} orgs={orgs.data ?? []} onSaved={(m) => (setFlash(m), users.reload())} />
      )}
      {tab === 'import' && (
        <ImportDirectory
          regionId={regionId}
          onDone={(m) => {
            setFlash(m);
            orgs.reload();
            users.reload();
          }}
        />
      )}
    </>
  );
}

type Loaded<T> = ReturnType<typeof useAsync<T>>;

function Organizations({
  regionId,
  state,
  onSaved,
}: {
  regionId: string;
  state: Loaded<Organization[]>;
  onSaved: (msg: string) => void;
}) {
  const [editing, setEditing] = useState<Organization | 'new' | null>(null);
  const [q, setQ] = useState('');
  const list = state.data ?? [];
  const byId = useMemo(() => new Map(list.map((o) => [o.id, o])), [list]);

  // Tree order: each organization under its parent.
  const ordered = useMemo(() => {
    const children = new Map<string | null, Organization[]>();
    for (const o of list) {
      const p = o.parentId && byId.has(o.parentId) ? o.parentId : null;
      children.set(p, [...(children.get(p) ?? []), o]);
    }
    const out: { org: Organization; depth: number }[] = [];
    const walk = (p: string | null, depth: number) => {
      for (const o of (children.get(p) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'ru'))) {
        out.push({ org: o, depth });
        walk(o.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }, [list, byId]);

  const needle = q.trim().toLowerCase();
  const shown = needle
    ? ordered.filter(({ org }) =>
        `${org.name} ${org.shortName ?? ''} ${(org.aliases ?? []).join(' ')}`.toLowerCase().includes(needle),
      )
    : ordered;

  return (
    <section aria-label="Организации">
      <div className="group-head">
        <input
          type="search"
          aria-label="Поиск организаций"
          placeholder="Поиск по названию или сокращению"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 360 }}
        />
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          Добавить организацию
        </button>
      </div>
      <ErrorBox error={state.error} retry={state.reload} />
      {state.loading && !state.data && <Loading />}
      {state.data && shown.length === 0 && <Empty>Организаций не найдено.</Empty>}
      <ul className="rows" data-testid="org-list">
        {shown.map(({ org, depth }) => (
          <li key={org.id} className="row-card" style={{ marginLeft: needle ? 0 : Math.min(depth, 3) * 16 }}>
            <div className="row-card-main">
              <strong>{org.name}</strong>
              <div className="task-meta">
                <span>
                  {ORGANIZATION_KIND_LABELS[org.kind as keyof typeof ORGANIZATION_KIND_LABELS] ?? org.kind}
                </span>
                {org.shortName && <span>{org.shortName}</span>}
                {(org.aliases ?? []).length > 0 && <span>также: {org.aliases!.join(', ')}</span>}
              </div>
            </div>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setEditing(org)}
              aria-label={`Изменить: ${org.name}`}
            >
              Изменить
            </button>
          </li>
        ))}
      </ul>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? 'Новая организация' : 'Организация'}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <OrgForm
            regionId={regionId}
            org={editing === 'new' ? null : editing}
            all={list}
            onDone={(name) => {
              setEditing(null);
              onSaved(`Сохранено: ${name}`);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </section>
  );
}

function OrgForm({
  regionId,
  org,
  all,
  onDone,
  onCancel,
}: {
  regionId: string;
  org: Organization | null;
  all: Organization[];
  onDone: (name: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(org?.name ?? '');
  const [shortName, setShortName] = useState(org?.shortName ?? '');
  const [kind, setKind] = useState(org?.kind ?? 'school');
  const [parentId, setParentId] = useState(org?.parentId ?? '');
  const [aliases, setAliases] = useState((org?.aliases ?? []).join(', '));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError('Укажите название');
    setBusy(true);
    setError(null);
    const body = {
      name: name.trim(),
      shortName: shortName.trim() || undefined,
      kind,
      parentId: parentId || null,
      aliases: aliases
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    };
    try {
      if (org) await updateOrganization(org.id, body);
      else await createOrganization({ ...body, regionId });
      onDone(body.name);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Field label="Полное название">
        {(p) => <input {...p} type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus />}
      </Field>
      <div className="form-row">
        <Field label="Краткое название">
          {(p) => (
            <input {...p} type="text" value={shortName} onChange={(e) => setShortName(e.target.value)} />
          )}
        </Field>
        <Field label="Тип">
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value)}>
              {ORGANIZATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ORGANIZATION_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Вышестоящая организация">
        {(p) => (
          <select {...p} value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">— нет —</option>
            {all
              .filter((o) => o.id !== org?.id)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.shortName ?? o.name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field
        label="Другие названия"
        hint="Через запятую: как организацию называют в документах (КОИРО, ЦНППМ)"
      >
        {(p) => <input {...p} type="text" value={aliases} onChange={(e) => setAliases(e.target.value)} />}
      </Field>
      {error && <Alert>{error}</Alert>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Сохранить
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}

function Users({
  state,
  orgs,
  onSaved,
}: {
  state: Loaded<DirectoryUser[]>;
  orgs: Organization[];
  onSaved: (msg: string) => void;
}) {
  const [adding, setAdding] = useState(false);
  const [q, setQ] = useState('');
  const orgName = (id?: string | null) =>
    orgs.find((o) => o.id === id)?.shortName ?? orgs.find((o) => o.id === id)?.name ?? '';
  const needle = q.trim().toLowerCase();
  const shown = (state.data ?? []).filter(
    (u) => !needle || `${u.fullName} ${u.email}`.toLowerCase().includes(needle),
  );

  return (
    <section aria-label="Сотрудники">
      <div className="group-head">
        <input
          type="search"
          aria-label="Поиск сотрудников"
          placeholder="Поиск по имени или почте"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 360 }}
        />
        <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
          Добавить сотрудника
        </button>
      </div>
      <ErrorBox error={state.error} retry={state.reload} />
      {state.loading && !state.data && <Loading />}
      {state.data && shown.length === 0 && <Empty>Сотрудников не найдено.</Empty>}
      <ul className="rows" data-testid="user-list">
        {shown.map((u) => (
          <li key={u.id} className="row-card">
            <div className="row-card-main">
              <strong>{u.fullName}</strong>{' '}
              {u.active === false && <span className="badge badge-muted">неактивен</span>}
              <div className="task-meta">
                <span>{u.email}</span>
                {(u.roles ?? []).map((r, i) => (
                  <span key={i}>
                    {ROLE_LABELS[r.role] ?? r.role}
                    {r.organization?.name || r.organizationId
                      ? `\u00a0· ${r.organization?.shortName ?? r.organization?.name ?? orgName(r.organizationId)}`
                      : ''}
                  </span>
                ))}
              </div>
            </div>
          </li>
        ))}
      </ul>
      <Modal open={adding} title="Новый сотрудник" onClose={() => setAdding(false)}>
        {adding && (
          <UserForm
            orgs={orgs}
            onDone={(msg) => {
              setAdding(false);
              onSaved(msg);
            }}
            onCancel={() => setAdding(false)}
          />
        )}
      </Modal>
    </section>
  );
}

function UserForm({
  orgs,
  onDone,
  onCancel,
}: {
  orgs: Organization[];
  onDone: (msg: string) => void;
  onCancel: () => void;
}) {
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [position, setPosition] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [role, setRole] = useState('executor');
  const [invite, setInvite] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!fullName.trim()) errs.fullName = 'Укажите ФИО';
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) errs.email = 'Укажите адрес электронной почты';
    if (!organizationId) errs.organizationId = 'Выберите организацию';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    setError(null);
    try {
      await createUser({
        fullName: fullName.trim(),
        email: email.trim(),
        position: position.trim() || undefined,
        roles: [{ organizationId, role }],
        invite,
      });
      onDone(invite ? `Приглашение отправлено: ${email.trim()}` : `Добавлен: ${fullName.trim()}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Field label="ФИО" error={errors.fullName}>
        {(p) => (
          <input
            {...p}
            type="text"
            value={fullName}
            onChange={(e) => setFullName(e.target.value)}
            autoFocus
            autoComplete="off"
          />
        )}
      </Field>
      <div className="form-row">
        <Field label="Электронная почта" error={errors.email}>
          {(p) => (
            <input
              {...p}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Должность" hint="Как в документах: «Ректор», «Руководитель ЦНППМ»">
          {(p) => <input {...p} type="text" value={position} onChange={(e) => setPosition(e.target.value)} />}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Организация" error={errors.organizationId}>
          {(p) => (
            <select {...p} value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
              <option value="">— выберите —</option>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.shortName ?? o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Роль">
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p>
        <label>
          <input type="checkbox" checked={invite} onChange={(e) => setInvite(e.target.checked)} /> Отправить
          приглашение по почте
        </label>
      </p>
      {error && <Alert>{error}</Alert>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Добавить
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}

function ImportDirectory({ regionId, onDone }: { regionId: string; onDone: (msg: string) => void }) {
  const [kind, setKind] = useState<'organizations' | 'users'>('users');
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<ImportReport['errors']>([]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!files[0]) return setError('Выберите файл CSV или XLSX');
    setError(null);
    setProgress(0);
    try {
      const res = await importDirectory(kind, regionId, files[0], setProgress).promise;
      setProblems(res.errors ?? []);
      setFiles([]);
      onDone(`Загружено: создано ${res.created}, обновлено ${res.updated}, без изменений ${res.skipped}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setProgress(null);
    }
  }

  return (
    <section className="card" aria-labelledby="h-dirimport">
      <h2 id="h-dirimport">Загрузка справочника из файла</h2>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Что загружаем</legend>
          <label style={{ marginRight: 16 }}>
            <input
              type="radio"
              name="dir-kind"
              checked={kind === 'users'}
              onChange={() => setKind('users')}
            />{' '}
            Сотрудники
          </label>
          <label>
            <input
              type="radio"
              name="dir-kind"
              checked={kind === 'organizations'}
              onChange={() => setKind('organizations')}
            />{' '}
            Организации
          </label>
        </fieldset>
        <p className="muted small">
          Таблица CSV или XLSX с заголовком в первой строке.{' '}
          {kind === 'users' ? (
            <>
              Столбцы: <code>full_name</code> (ФИО), <code>email</code> (почта), <code>organization</code>{' '}
              (организация), <code>role</code> (роль: исполнитель, руководитель, куратор),{' '}
              <code>position</code> (должность). Новым сотрудникам уходят приглашения.
            </>
          ) : (
            <>
              Столбцы: <code>name</code> (наименование), <code>kind</code> (тип), <code>short_name</code>,{' '}
              <code>aliases</code> (синонимы через «;»), <code>parent</code> (вышестоящая). Существующие
              записи дополняются.
            </>
          )}
        </p>
        <FileDrop
          files={files}
          onChange={setFiles}
          multiple={false}
          policy={{ maxBytes: 10 * 1024 * 1024, maxFiles: 1, extensions: ['csv', 'xlsx'] }}
          label="Файл справочника"
          disabled={progress !== null}
        />
        {progress !== null && <ProgressBar value={progress} label="Загрузка файла" />}
        {error && <Alert>{error}</Alert>}
        {problems.length > 0 && (
          <Alert kind="warning">
            Строки с ошибками:
            <ul className="plain-list small">
              {problems.slice(0, 30).map((p, i) => (
                <li key={i}>
                  строка {p.row}: {p.message}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        <button type="submit" className="btn btn-primary" disabled={progress !== null || !files.length}>
          Загрузить
        </button>
      </form>
    </section>
  );
}

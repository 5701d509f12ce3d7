import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '../../../../libs/domain/src/roles';
import { useAuth } from '../auth';
import { getToken } from '../api/client';
import type { Me, Role } from '../api/types';

/** Role names short enough for a phone's header (the full ones are in ROLE_LABELS). */
const SHORT_ROLE_LABELS: Record<string, string> = {
  executor: 'Исполнитель',
  head: 'Руководитель',
  curator: 'Куратор',
  admin: 'Администратор',
};

/** Each organization the person works in, with his roles there (full and short names). */
function affiliations(me: Me): { org: string; roles: string; short: string }[] {
  const byOrg = new Map<string, Role[]>();
  for (const r of me.roles ?? []) {
    const org = r.organization?.name ?? r.organizationName ?? me.organization?.name ?? '';
    const list = byOrg.get(org) ?? [];
    if (!list.includes(r.role)) list.push(r.role);
    byOrg.set(org, list);
  }
  if (byOrg.size === 0 && me.organization?.name) byOrg.set(me.organization.name, []);
  return [...byOrg.entries()].map(([org, roles]) => ({
    org,
    roles: roles.map((r) => ROLE_LABELS[r] ?? r).join(', '),
    short: roles.map((r) => SHORT_ROLE_LABELS[r] ?? ROLE_LABELS[r] ?? r).join(', '),
  }));
}

/** Dev builds of the API expose the SMTP catcher; the link shows only when it answers. */
function useDevMailbox(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    const t = setTimeout(() => {
      fetch('/api/dev/mailbox?to=probe%40karta.invalid', {
        headers: { Authorization: `Bearer ${getToken() ?? ''}` },
        signal: ctrl.signal,
      })
        .then((r) => setAvailable(r.ok))
        .catch(() => undefined);
    }, 300);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, []);
  return available;
}

export function Layout() {
  const { me, logout, has } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const mailbox = useDevMailbox();
  useEffect(() => setMenuOpen(false), [location.pathname]);
  if (!me) return null;

  const links: { to: string; label: string }[] = [];
  if (has('executor')) links.push({ to: '/tasks', label: 'Мои задачи' });
  if (has('head')) links.push({ to: '/organization', label: 'Моя организация' });
  if (has('curator')) {
    links.push({ to: '/roadmaps', label: 'Дорожные карты' });
    links.push({ to: '/reviews', label: 'Проверка отчётов' });
    links.push({ to: '/deadline-changes', label: 'Переносы сроков' });
    links.push({ to: '/directory', label: 'Справочник' });
  }
  if (mailbox) links.push({ to: '/dev/mailbox', label: 'Почта (dev)' });

  return (
    <>
      <a className="skip-link" href="#main">
        Перейти к содержанию
      </a>
      <header className="site-header">
        <div className="header-inner">
          <NavLink to="/" className="brand" aria-label="Карта — на главную">
            <span className="brand-mark" aria-hidden="true">
              К
            </span>
            <span className="brand-name">Карта</span>
          </NavLink>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            Меню
          </button>
          <nav id="main-nav" className={`main-nav${menuOpen ? ' open' : ''}`} aria-label="Основная навигация">
            <ul>
              {links.map((l) => (
                <li key={l.to}>
                  <NavLink to={l.to}>{l.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="who" data-testid="who">
            <div className="who-text">
              <NavLink to="/profile" className="who-name">
                {me.fullName}
              </NavLink>
              {affiliations(me).map((a) => (
                <span
                  key={a.org + a.roles}
                  className="who-org"
                  title={[a.roles, a.org].filter(Boolean).join(' · ')}
                >
                  {a.roles && (
                    <span className="who-role">
                      <span className="role-full">{a.roles}</span>
                      <span className="role-short">{a.short}</span>
                    </span>
                  )}
                  {a.org && <span className="who-org-name">{a.org}</span>}
                </span>
              ))}
              {(me.deputyFor ?? []).length > 0 && (
                <span className="who-org">замещает: {me.deputyFor!.map((d) => d.fullName).join(', ')}</span>
              )}
            </div>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => {
                logout();
                navigate('/login');
              }}
            >
              Выйти
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="main">
        <Outlet />
      </main>
    </>
  );
}

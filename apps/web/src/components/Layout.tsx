import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '../../../../libs/domain/src/roles';
import { useAuth } from '../auth';
import { getToken } from '../api/client';
import type { Me } from '../api/types';

function orgName(me: Me): string {
  if (me.organization?.name) return me.organization.name;
  const r = me.roles?.find((x) => x.organization?.name || x.organizationName);
  return r?.organization?.name ?? r?.organizationName ?? '';
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

  const roles = Array.from(new Set(me.roles?.map((r) => r.role) ?? []));
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
              <span className="who-org" title={orgName(me)}>
                {orgName(me)}
                {roles.length > 0 && <> · {roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}</>}
              </span>
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

import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ROLE_LABELS } from '../../../libs/domain/src/roles';
import { homeFor, useAuth } from './auth';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import type { Role } from './api/types';
import { LoginPage } from './pages/Login';
import { MyTasksPage } from './pages/MyTasks';
import { OccurrencePage } from './pages/Occurrence';

// Pages that only some roles open are split off, so an executor's first page loads less.
const OrganizationPage = lazy(() => import('./pages/Organization'));
const RoadmapsPage = lazy(() => import('./pages/Roadmaps'));
const DraftPage = lazy(() => import('./pages/Draft'));
const ReviewsPage = lazy(() => import('./pages/Reviews'));
const DeadlineChangesPage = lazy(() => import('./pages/DeadlineChanges'));
const DirectoryPage = lazy(() => import('./pages/Directory'));
const ProgressPage = lazy(() => import('./pages/Progress'));
const MailboxPage = lazy(() => import('./pages/Mailbox'));
const ProfilePage = lazy(() => import('./pages/Profile'));

function RequireAuth({ children, role }: { children: ReactNode; role?: Role | Role[] }) {
  const { me, loading, has } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const roles = role ? (Array.isArray(role) ? role : [role]) : [];
  if (roles.length && !roles.some(has)) {
    return (
      <div className="card" data-testid="no-access">
        <h1 id="page-title" tabIndex={-1}>
          Нет доступа
        </h1>
        <p>
          Эта страница доступна {roles.length > 1 ? 'ролям' : 'роли'}:{' '}
          {roles.map((r) => `«${ROLE_LABELS[r] ?? r}»`).join(', ')}.
        </p>
        <p>
          <Link to="/">На главную</Link>
        </p>
      </div>
    );
  }
  return <>{children}</>;
}

/** After each navigation the page title gets focus, so screen readers announce the new page. */
function FocusOnNavigate() {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return; // the first page, or the same page again
    shown.current = pathname;
    const t = setTimeout(() => document.getElementById('page-title')?.focus({ preventScroll: false }), 50);
    return () => clearTimeout(t);
  }, [pathname]);
  return null;
}

function Home() {
  const { me, loading } = useAuth();
  if (loading) return <Loading />;
  return <Navigate to={me ? homeFor(me) : '/login'} replace />;
}

export function App() {
  return (
    <>
      <FocusOnNavigate />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireAuth>
              <Layout />
            </RequireAuth>
          }
        >
          <Route index element={<Home />} />
          <Route path="tasks" element={<MyTasksPage />} />
          <Route path="occurrences/:id" element={<OccurrencePage />} />
          <Route
            path="organization"
            element={
              <Page role="head">
                <OrganizationPage />
              </Page>
            }
          />
          <Route
            path="roadmaps"
            element={
              <Page role="curator">
                <RoadmapsPage />
              </Page>
            }
          />
          <Route
            path="roadmaps/:id"
            element={
              <Page role="curator">
                <DraftPage />
              </Page>
            }
          />
          <Route
            path="roadmaps/:id/progress"
            element={
              <Page role={['curator', 'head']}>
                <ProgressPage />
              </Page>
            }
          />
          <Route
            path="reviews"
            element={
              <Page role="curator">
                <ReviewsPage />
              </Page>
            }
          />
          <Route
            path="deadline-changes"
            element={
              <Page role="curator">
                <DeadlineChangesPage />
              </Page>
            }
          />
          <Route
            path="directory"
            element={
              <Page role="curator">
                <DirectoryPage />
              </Page>
            }
          />
          <Route
            path="profile"
            element={
              <Page>
                <ProfilePage />
              </Page>
            }
          />
          <Route
            path="dev/mailbox"
            element={
              <Page>
                <MailboxPage />
              </Page>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </>
  );
}

function Page({ role, children }: { role?: Role | Role[]; children: ReactNode }) {
  return (
    <RequireAuth role={role}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </RequireAuth>
  );
}

function NotFound() {
  return (
    <div className="card">
      <h1 id="page-title" tabIndex={-1}>
        Страница не найдена
      </h1>
      <p>
        <a href="/">На главную</a>
      </p>
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { homeFor, useAuth } from '../auth';
import { Alert, Field } from '../components/ui';

export function LoginPage() {
  const { me, login, loading } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (me && !loading) return <Navigate to={from && from !== '/login' ? from : homeFor(me)} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError('Введите адрес электронной почты и пароль');
      return;
    }
    setBusy(true);
    try {
      await login(email.trim(), password);
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (err) {
      const status = (err as { status?: number }).status;
      setError(status === 401 ? 'Неверный адрес или пароль' : (err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login-page">
      <div className="login-card card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            К
          </span>
          <span className="brand-name">Карта</span>
        </div>
        <h1 id="page-title" tabIndex={-1}>
          Вход
        </h1>
        <p className="muted">Исполнение дорожных карт в сфере образования</p>
        <form onSubmit={submit} noValidate>
          <Field label="Электронная почта">
            {(p) => (
              <input
                {...p}
                type="email"
                name="email"
                autoComplete="username"
                inputMode="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                autoFocus
                required
              />
            )}
          </Field>
          <Field label="Пароль">
            {(p) => (
              <input
                {...p}
                type="password"
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
            )}
          </Field>
          {error && <Alert>{error}</Alert>}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? 'Входим…' : 'Войти'}
          </button>
        </form>
      </div>
    </main>
  );
}

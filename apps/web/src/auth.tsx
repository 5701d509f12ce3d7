import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, getToken, setToken, UNAUTHORIZED_EVENT } from './api/client';
import type { Me, Role } from './api/types';

interface AuthState {
  me: Me | null;
  /** True until the stored token has been checked once. */
  loading: boolean;
  login: (email: string, password: string) => Promise<void>;
  logout: () => void;
  has: (role: Role) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(() => !!getToken());

  const loadMe = useCallback(async () => {
    try {
      setMe(await api.get<Me>('/auth/me'));
    } catch {
      setToken(null);
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (getToken()) void loadMe();
    const onUnauthorized = () => {
      setToken(null);
      setMe(null);
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [loadMe]);

  const login = useCallback(async (email: string, password: string) => {
    const { token } = await api.post<{ token: string }>('/auth/login', { email, password });
    setToken(token);
    try {
      setMe(await api.get<Me>('/auth/me'));
    } catch (err) {
      setToken(null);
      throw err;
    }
  }, []);

  const logout = useCallback(() => {
    setToken(null);
    setMe(null);
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      me,
      loading,
      login,
      logout,
      // Admins manage everything a curator does.
      has: (role) => !!me?.roles?.some((r) => r.role === role || (role === 'curator' && r.role === 'admin')),
    }),
    [me, loading, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** Where a person lands after login: the page of his main role. */
export function homeFor(me: Me | null): string {
  const roles = new Set(me?.roles?.map((r) => r.role) ?? []);
  if (roles.has('curator')) return '/roadmaps';
  if (roles.has('head')) return '/organization';
  if (roles.has('executor')) return '/tasks';
  if (roles.has('admin')) return '/directory';
  return '/tasks';
}

/** The region the user works in: his curator region first, else the region of any of his roles. */
export function regionOf(me: Me | null): string | null {
  const roles = me?.roles ?? [];
  return (
    (roles.find((r) => r.role === 'curator' || r.role === 'admin') ?? roles[0])?.regionId ??
    me?.region?.id ??
    null
  );
}

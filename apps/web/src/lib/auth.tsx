import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './api/client';
import { NetworkError } from './api/problem';
import { refresh, setAccessToken } from './api/session';
import type { Me, Session } from './api/types';
import { changeLocale, isLocale } from './i18n';
import { clearCache, restoreCache } from './offline-cache';
import { clearQueue } from './offline-queue';

type Status = 'loading' | 'signedOut' | 'signedIn';

interface AuthState {
  status: Status;
  me: Me | null;
  /** True while the session runs from what was kept on the device, without a connection. */
  offline: boolean;
  signIn(session: Session): Promise<Me>;
  signOut(): Promise<void>;
  reload(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);
const LAST_USER = 'haven.lastUser';

export function fetchMe(): Promise<Me> {
  return unwrap<Me>(api.GET('/api/v1/me'));
}

/**
 * The session: the access token in memory, the refresh token in an HTTP-only cookie. A reload asks
 * for a new access token with the cookie; offline, the person's own pages open from the device.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [offline, setOffline] = useState(false);

  const adopt = useCallback(
    async (user: Me) => {
      localStorage.setItem(LAST_USER, user.id);
      queryClient.setQueryData(['me'], user);
      setMe(user);
      setStatus('signedIn');
      setOffline(false);
      if (user.locale && isLocale(user.locale) && !localStorage.getItem('haven.locale'))
        await changeLocale(user.locale);
    },
    [queryClient],
  );

  const reload = useCallback(async () => {
    await adopt(await fetchMe());
  }, [adopt]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const lastUser = localStorage.getItem(LAST_USER);
      if (lastUser) restoreCache(queryClient, lastUser);
      try {
        const token = await refresh();
        if (cancelled) return;
        if (!token) {
          setStatus('signedOut');
          return;
        }
        await adopt(await fetchMe());
      } catch (error) {
        if (cancelled) return;
        const cached = queryClient.getQueryData<Me>(['me']);
        if (error instanceof NetworkError && cached) {
          setMe(cached);
          setOffline(true);
          setStatus('signedIn');
        } else setStatus('signedOut');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [adopt, queryClient]);

  useEffect(() => {
    if (!offline) return;
    const retry = () => {
      refresh()
        .then(async (token) => (token ? adopt(await fetchMe()) : setStatus('signedOut')))
        .catch(() => undefined);
    };
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [offline, adopt]);

  const signIn = useCallback(
    async (session: Session) => {
      setAccessToken(session.accessToken);
      const user = await fetchMe();
      if (localStorage.getItem(LAST_USER) !== user.id) {
        clearCache();
        clearQueue();
      }
      await adopt(user);
      return user;
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    try {
      // Ends this session on the server and clears the HTTP-only refresh cookie.
      await unwrap<void>(api.POST('/api/v1/auth/logout', { body: {} }));
    } catch {
      // Offline: the cookie ends with its expiry; this device forgets the session now.
    }
    setAccessToken(null);
    localStorage.removeItem(LAST_USER);
    clearCache();
    clearQueue();
    queryClient.clear();
    setMe(null);
    setStatus('signedOut');
  }, [queryClient]);

  const value = useMemo(
    () => ({ status, me, offline, signIn, signOut, reload }),
    [status, me, offline, signIn, signOut, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}

export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe outside a signed-in route');
  return me;
}

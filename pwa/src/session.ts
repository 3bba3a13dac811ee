/** Who is signed in, and the language, shared with every screen through a context. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from './api/client';
import type { Locale } from './i18n';

export interface Session {
  /** The signed-in person, or null when signed out. */
  me: Me | null;
  /** Resolves once the screens show this person (the signed-in words may load first): navigate
   * after it, or the sign-in screen flashes on the way. */
  setMe: (me: Me | null) => Promise<void>;
  locale: Locale;
  /** Switch language now; saved on the account (PATCH /api/me) when signed in. */
  changeLocale: (locale: Locale) => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionContext.Provider>');
  return session;
}

/** The signed-in person, for screens that only exist when signed in. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe while signed out');
  return me;
}

import { render } from 'preact';
import { ApiError, api, type Me } from './api/client';
import { App, LOCALE_KEY } from './app';
import { loadDay } from './data/day';
import { rememberMe, storedMe, storedRole } from './data/me';
import { applyPreferences } from './features/settings/apply';
import { browserLocale, isLocale, loadMore, setLocale, type Locale } from './i18n';
import { registerServiceWorker } from './sw/register';
import './styles/tokens.css';
import './styles/base.css';

/**
 * Who is signed in: the server's answer, else (offline, or the server is down) the person
 * saved on this device, so a client in a stock room without signal opens their own app and
 * not the sign-in screen. Only a 401 means signed out.
 */
async function whoAmI(): Promise<Me | null> {
  try {
    const me = await startingAs();
    void rememberMe(me);
    return me;
  } catch (error) {
    if (error instanceof ApiError) return error.status === 401 ? null : await storedMe();
    throw error;
  }
}

/**
 * A client's app starts with one request, their day (data/day.ts), which names them too;
 * everyone else's, and a client's on a device that has not saved them yet, with `/api/me`.
 */
async function startingAs(): Promise<Me> {
  if (storedRole() === 'client') {
    try {
      return (await loadDay(0)).me;
    } catch (error) {
      // 403: no longer a client here (the day is a client's); ask who, as for anyone.
      if (!(error instanceof ApiError && error.status === 403)) throw error;
    }
  }
  return api.get('/api/me');
}

/** The account's language, else the one chosen on this device, else the browser's. */
function chooseLocale(me: Me | null): Locale {
  if (me && isLocale(me.locale)) return me.locale;
  const stored = localStorage.getItem(LOCALE_KEY);
  if (isLocale(stored)) return stored;
  return browserLocale();
}

async function start(): Promise<void> {
  const me = await whoAmI();
  const locale = chooseLocale(me);
  // Signed in: the signed-in screens' English words too (the sign-in page goes without them).
  await Promise.all([setLocale(locale), me ? loadMore().catch(() => undefined) : undefined]);
  applyPreferences(me?.preferences);
  const root = document.getElementById('app');
  if (!root) throw new Error('#app is missing from index.html');
  root.textContent = '';
  render(<App initialMe={me} initialLocale={locale} />, root);
  registerServiceWorker();
}

void start();

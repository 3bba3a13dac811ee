import type { ComponentChildren } from 'preact';
import { LOCALE_NAMES, LOCALES, t, type Key, type Locale } from '../../i18n';
import { onLinkClick } from '../../lib/router';
import { useSession } from '../../session';
import { SyncStatus } from '../SyncStatus/SyncStatus';
import { UpdatePrompt } from '../UpdatePrompt/UpdatePrompt';
import './Layout.css';

interface NavItem {
  href: string;
  label: Key;
}

function navFor(role: string | undefined): NavItem[] {
  if (!role) return [];
  const items: NavItem[] = [{ href: '/', label: 'nav.home' }];
  if (role === 'client') items.push({ href: '/tasks', label: 'nav.tasks' });
  if (role === 'coach' || role === 'coordinator') items.push({ href: '/week', label: 'week.nav' });
  if (role === 'client') items.push({ href: '/goals', label: 'goals.nav' });
  if (role === 'client') items.push({ href: '/sharing', label: 'sharing.nav' });
  if (role === 'admin' || role === 'coordinator') items.push({ href: '/people', label: 'nav.people' });
  // Coordinators review their team's log (consent changes and shares included).
  if (role === 'admin' || role === 'coordinator') items.push({ href: '/audit', label: 'nav.audit' });
  if (role === 'admin') items.push({ href: '/pta/questions', label: 'pta.admin.nav' });
  if (role === 'client' || role === 'family') items.push({ href: '/my-data', label: 'mydata.nav' });
  items.push({ href: '/passkeys', label: 'nav.passkeys' });
  items.push({ href: '/settings', label: 'nav.settings' });
  return items;
}

function isCurrent(href: string, path: string): boolean {
  if (href === '/') {
    return (
      path === '/' ||
      path === '/family' ||
      path.startsWith('/clients/') ||
      path.startsWith('/conversations/') ||
      path === '/invite'
    );
  }
  return path === href || path.startsWith(`${href}/`);
}

/**
 * The frame of every screen: a skip link, a header with the main navigation, the <main>
 * landmark and a footer with the language choice (WCAG 2.4.1, 1.3.1).
 */
export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const { me, locale, changeLocale } = useSession();
  const items = navFor(me?.role);
  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          <a class="brand" href="/" onClick={onLinkClick}>
            <img class="brand__logo" src="/icons/logo.svg" alt="" width="32" height="32" />
            <span>{t('app.name')}</span>
          </a>
          {items.length > 0 && (
            <nav class="site-nav" aria-label={t('nav.label')}>
              <ul class="site-nav__list">
                {items.map((item) => (
                  <li key={item.href}>
                    <a
                      class="site-nav__link"
                      href={item.href}
                      aria-current={isCurrent(item.href, path) ? 'page' : undefined}
                      onClick={onLinkClick}
                    >
                      {t(item.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </div>
      </header>
      {me && <SyncStatus />}
      <UpdatePrompt />
      <main id="main" class="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <div class="site-footer__inner">
          <h2 class="site-footer__title" id="language-title">
            {t('language.title')}
          </h2>
          <ul class="language-list" aria-labelledby="language-title">
            {LOCALES.map((code: Locale) => (
              <li key={code}>
                <button
                  type="button"
                  class="language-button"
                  lang={code}
                  aria-pressed={code === locale ? 'true' : 'false'}
                  onClick={() => void changeLocale(code)}
                >
                  {LOCALE_NAMES[code]}
                </button>
              </li>
            ))}
          </ul>
        </div>
      </footer>
    </>
  );
}

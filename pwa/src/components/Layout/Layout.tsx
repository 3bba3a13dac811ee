import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LOCALE_NAMES, LOCALES, t, type Locale } from '../../i18n';
import { onLinkClick } from '../../lib/router';
import { useSession } from '../../session';
import { Icon } from '../Icon/Icon';
import { SyncStatus } from '../SyncStatus/SyncStatus';
import { UpdatePrompt } from '../UpdatePrompt/UpdatePrompt';
import { CLIENT_TABS, focusedBack, isCurrentFor, isCurrentTab, navFor } from './nav';
import './Layout.css';

/**
 * The frame of every screen: a skip link, a header with the main navigation, the <main>
 * landmark and a footer with the language choice (WCAG 2.4.1, 1.3.1). Clients get four tabs
 * with icons and words (nav.ts); a focused screen (the task player) only its way back.
 */
export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const { me, locale, changeLocale } = useSession();
  const focused = focusedBack(me?.role, path);
  const tabs = me?.role === 'client' && !focused;
  const items = focused || tabs ? [] : navFor(me?.role);
  // Where the links do not fit beside each other (a narrow phone with large text) they fold
  // behind a "Menu" button (Layout.css, a container query); each new screen folds them again.
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [path]);
  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class={`site-header${focused ? ' site-header--focused' : ''}`}>
        <div class="site-header__inner">
          {focused ? (
            // A focused screen's only way out: plainly named, where "Back" is on every screen.
            <a class="site-back" href={focused.href} onClick={onLinkClick}>
              <Icon name="back" />
              {t(focused.label)}
            </a>
          ) : (
            <a class="brand" href="/" onClick={onLinkClick}>
              <img class="brand__logo" src="/icons/logo.svg" alt="" width="32" height="32" />
              <span>{t('app.name')}</span>
            </a>
          )}
          {items.length > 0 && (
            <button
              type="button"
              class="site-menu-button"
              aria-expanded={open ? 'true' : 'false'}
              aria-controls="site-nav"
              onClick={() => setOpen(!open)}
            >
              {t('nav.menu')}
            </button>
          )}
          {items.length > 0 && (
            <nav id="site-nav" class={`site-nav${open ? ' site-nav--open' : ''}`} aria-label={t('nav.label')}>
              <ul class="site-nav__list">
                {items.map((item) => (
                  <li key={item.href}>
                    <a
                      class="site-nav__link"
                      href={item.href}
                      aria-current={isCurrentFor(me?.role, item.href, path) ? 'page' : undefined}
                      onClick={onLinkClick}
                    >
                      {t(item.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {tabs && (
            <nav class="tab-bar" aria-label={t('nav.label')}>
              <ul class="tab-bar__list">
                {CLIENT_TABS.map((tab) => (
                  <li key={tab.href}>
                    <a
                      class="tab-bar__link"
                      href={tab.href}
                      aria-current={isCurrentTab(tab.href, path) ? 'page' : undefined}
                      onClick={onLinkClick}
                    >
                      <Icon name={tab.icon} />
                      <span class="tab-bar__label">{t(tab.label)}</span>
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

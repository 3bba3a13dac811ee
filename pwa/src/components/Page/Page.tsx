import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { useSession } from '../../session';
import { LinkButton } from '../Button/Button';
import { Icon } from '../Icon/Icon';
import { ReadAloud } from '../ReadAloud/ReadAloud';
import './Page.css';

let firstScreen = true;

interface PageProps {
  title: string;
  /** Where "Back" goes, for screens below another one. */
  back?: { href: string; label: string };
  /** The heading's id, for a list or region named by it. */
  titleId?: string;
  /** "auto" for a title people wrote (a task's), which may be in another language. */
  titleDir?: 'auto';
  /** The language of a title people wrote, when it is not the screen's (WCAG 3.1.2). */
  titleLang?: string;
  /** Clients get a "Read aloud" button (unless they switched it off); false where the screen
   * has its own (the task player's "Read to me"). */
  readAloud?: boolean;
  children: ComponentChildren;
}

/**
 * One screen: exactly one <h1>, the document title, and focus moved to the heading after an
 * in-app navigation so screen-reader users hear where they are (WCAG 2.4.2, 2.4.3).
 */
export function Page({ title, back, titleId, titleDir, titleLang, readAloud = true, children }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { me } = useSession();
  const showReadAloud = readAloud && me?.role === 'client' && me.preferences.readAloud !== false;
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title]);
  // Moved as the screen is drawn (a layout effect), never later: a person who starts typing at
  // once must not have the keyboard taken away in the middle of it.
  useLayoutEffect(() => {
    if (firstScreen) {
      firstScreen = false;
      return;
    }
    heading.current?.focus();
  }, []);
  return (
    <div class="page">
      {back && (
        <p class="page__back">
          <LinkButton href={back.href} variant="quiet">
            <Icon name="back" />
            {back.label}
          </LinkButton>
        </p>
      )}
      <h1 class="page__title" id={titleId} dir={titleDir} lang={titleLang} tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {showReadAloud && <ReadAloud />}
      {children}
    </div>
  );
}

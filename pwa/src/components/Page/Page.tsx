import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { LinkButton } from '../Button/Button';
import './Page.css';

let firstScreen = true;

interface PageProps {
  title: string;
  /** Where "Back" goes, for screens below another one. */
  back?: { href: string; label: string };
  children: ComponentChildren;
}

/**
 * One screen: exactly one <h1>, the document title, and focus moved to the heading after an
 * in-app navigation so screen-reader users hear where they are (WCAG 2.4.2, 2.4.3).
 */
export function Page({ title, back, children }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title]);
  useEffect(() => {
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
            <span class="page__back-arrow" aria-hidden="true">
              ←
            </span>{' '}
            {back.label}
          </LinkButton>
        </p>
      )}
      <h1 class="page__title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </div>
  );
}

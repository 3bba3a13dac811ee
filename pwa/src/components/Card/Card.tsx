import type { ComponentChildren } from 'preact';
import './Card.css';

interface CardProps {
  /** The card's heading; the section is named by it for screen-reader navigation. */
  title?: string;
  id: string;
  level?: 2 | 3;
  children: ComponentChildren;
}

/** A calm white panel that groups one topic of a screen. */
export function Card({ title, id, level = 2, children }: CardProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section class="card" aria-labelledby={title ? `${id}-title` : undefined}>
      {title && (
        <Heading class="card__title" id={`${id}-title`}>
          {title}
        </Heading>
      )}
      {children}
    </section>
  );
}

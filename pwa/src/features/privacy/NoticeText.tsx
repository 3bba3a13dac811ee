import type { Schemas } from '../../api/client';
import { t } from '../../i18n';
import './NoticeText.css';

export type PrivacyNotice = Schemas['PrivacyNotice'];

/**
 * The privacy notice (GDPR Art. 13) as the server wrote it, in its own language and direction:
 * a region named by its title, one heading per part, plain paragraphs.
 *
 * `layered` (the enrollment screen) shows the first layer — what the notice is and who is
 * responsible — and keeps the other parts one tap away, so the passkey button stays near the
 * first screen of a phone (the layered approach of the EDPB's transparency guidelines, WP260).
 */
export function NoticeText({
  notice,
  id = 'privacy-notice',
  layered = false,
}: {
  notice: PrivacyNotice;
  id?: string;
  layered?: boolean;
}) {
  const sections = notice.sections.map((section, index) => (
    <div key={index}>
      <h3>{section.heading}</h3>
      {section.paragraphs.map((paragraph, p) => (
        <p key={p}>{paragraph}</p>
      ))}
    </div>
  ));
  return (
    <section class="card notice-text" aria-labelledby={`${id}-title`} lang={notice.locale} dir={notice.direction}>
      <h2 class="card__title" id={`${id}-title`}>
        {notice.title}
      </h2>
      <p>{notice.intro}</p>
      {layered ? (
        <>
          {sections.slice(0, 1)}
          {sections.length > 1 && (
            <details class="notice-text__more">
              <summary>{t('notice.readAll')}</summary>
              {sections.slice(1)}
            </details>
          )}
        </>
      ) : (
        sections
      )}
    </section>
  );
}

/** Whose wording a role reads: clients and family members, or staff. */
export function audienceOf(role: string): PrivacyNotice['audience'] {
  return role === 'client' || role === 'family' ? 'person' : 'staff';
}

import type { Schemas } from '../../api/client';

export type PrivacyNotice = Schemas['PrivacyNotice'];

/**
 * The privacy notice (GDPR Art. 13) as the server wrote it, in its own language and direction:
 * a region named by its title, one heading per part, plain paragraphs.
 */
export function NoticeText({ notice, id = 'privacy-notice' }: { notice: PrivacyNotice; id?: string }) {
  return (
    <section class="card notice-text" aria-labelledby={`${id}-title`} lang={notice.locale} dir={notice.direction}>
      <h2 class="card__title" id={`${id}-title`}>
        {notice.title}
      </h2>
      <p>{notice.intro}</p>
      {notice.sections.map((section, index) => (
        <div key={index}>
          <h3>{section.heading}</h3>
          {section.paragraphs.map((paragraph, p) => (
            <p key={p}>{paragraph}</p>
          ))}
        </div>
      ))}
    </section>
  );
}

/** Whose wording a role reads: clients and family members, or staff. */
export function audienceOf(role: string): PrivacyNotice['audience'] {
  return role === 'client' || role === 'family' ? 'person' : 'staff';
}

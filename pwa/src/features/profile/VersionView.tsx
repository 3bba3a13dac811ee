import { Picture } from '../../components/Picture/Picture';
import { formatDate, t } from '../../i18n';
import { CONDITIONS, heading, themeLabel, type TemplateText, type Version } from './data';

/** A version of the profile as the client approves it: each section's heading and their words. */
export function VersionView({ version, words }: { version: Version; words: TemplateText }) {
  return (
    <div class="profile-version">
      {version.sections.map((s) => {
        const themes = [...s.themes.map((x) => themeLabel(words, x)), ...s.ownThemes];
        const conditions = CONDITIONS.filter((c) => s.conditions[c]);
        return (
          <section key={s.key} class="profile-version__section" aria-labelledby={`v-${s.key}`}>
            <h2 id={`v-${s.key}`}>{heading(words, s.key)}</h2>
            {s.words ? <p dir="auto">{s.words}</p> : <p class="muted">{t('profile.empty')}</p>}
            {themes.length > 0 && <p dir="auto">{themes.join(', ')}</p>}
            {s.experiences.length > 0 && (
              <ul>
                {s.experiences.map((e, i) => (
                  <li key={i} dir="auto">
                    {words.entryKinds[e.kind]}: {e.what}
                    {e.where ? `, ${e.where}` : ''}
                    {e.fromDate ? ` (${formatDate(e.fromDate)} – ${e.until ? formatDate(e.until) : '…'})` : ''}
                  </li>
                ))}
              </ul>
            )}
            {conditions.length > 0 && (
              <dl class="profile-version__conditions">
                {conditions.map((c) => (
                  <div key={c}>
                    <dt>{words.conditions[c]}</dt>
                    <dd dir="auto">{s.conditions[c]}</dd>
                  </div>
                ))}
              </dl>
            )}
            {s.photos.map((p) => (
              <figure key={p.id} class="profile-photo">
                <Picture photo={p.photo} alt={p.caption || t('profile.photoAlt')} />
                {p.caption && <figcaption dir="auto">{p.caption}</figcaption>}
              </figure>
            ))}
          </section>
        );
      })}
      <section class="profile-version__section" aria-labelledby="v-disclosure">
        <h2 id="v-disclosure">{t('profile.disclosure.legend')}</h2>
        <p>{t(`profile.disclosure.${version.disclosure}`)}</p>
        {version.disclosureWords && <p dir="auto">{version.disclosureWords}</p>}
      </section>
    </div>
  );
}

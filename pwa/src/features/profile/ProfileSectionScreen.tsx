import { LinkButton } from '../../components/Button/Button';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useMe } from '../../session';
import { heading, SECTION_KEYS, useProfile, useTemplate, type SectionKey } from './data';
import { SectionEditor } from './SectionEditor';
import './Profile.css';

/** `/profile/:key`: one section of the client's profile per screen, read aloud, in their words. */
export default function ProfileSectionScreen({ params }: { params: Record<string, string> }) {
  const me = useMe();
  const key = params.key as SectionKey;
  const profile = useProfile(me.id);
  const template = useTemplate(profile.data?.templateVersion);
  const words = template.data?.texts[me.locale as 'en'] ?? template.data?.texts.en;
  const back = { href: '/profile', label: t('profile.myTitle') };
  const at = SECTION_KEYS.indexOf(key);
  const next = SECTION_KEYS[at + 1];
  const data = profile.data;
  if (at < 0 || !data || !words) {
    return (
      <Page title={words && at >= 0 ? heading(words, key) : t('app.loading')} back={back}>
        <LoadState loading={profile.loading || template.loading} trouble={profile.trouble ?? template.trouble} />
      </Page>
    );
  }
  return (
    <Page title={heading(words, key)} back={back}>
      <SectionEditor
        key={key}
        profile={data}
        sectionKey={key}
        words={words}
        forStaff={false}
        onProfile={() => void profile.reload()}
        reload={profile.reload}
      />
      <div class="actions">
        {next ? (
          <LinkButton href={`/profile/${next}`}>{t('profile.next', { heading: heading(words, next) })}</LinkButton>
        ) : (
          <LinkButton href="/profile/choices">{t('profile.choices.title')}</LinkButton>
        )}
      </div>
    </Page>
  );
}

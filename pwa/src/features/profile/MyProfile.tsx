import { LinkButton } from '../../components/Button/Button';
import { backFromMore } from '../../components/Layout/nav';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { formatDateTime, t } from '../../i18n';
import { useMe } from '../../session';
import { MyDocuments } from '../documents/Documents';
import { heading, SECTION_KEYS, useProfile, useTemplate } from './data';
import './Profile.css';

/**
 * `/profile`: the client's vocational profile, one section per screen from here; the choices
 * before employers are contacted; when the coach asked, the version to read and approve; and,
 * once a version is approved, the CV and the "about me" made from it.
 */
export default function MyProfile() {
  const me = useMe();
  const profile = useProfile(me.id);
  const template = useTemplate(profile.data?.templateVersion);
  const data = profile.data;
  const words = template.data?.texts[me.locale as 'en'] ?? template.data?.texts.en;
  const approvedAt = data?.versions.find((v) => v.number === data.approved)?.approvedAt;
  return (
    <Page title={t('profile.myTitle')} back={backFromMore(me.role)}>
      {!data || !words ? (
        <LoadState loading={profile.loading || template.loading} trouble={profile.trouble ?? template.trouble} />
      ) : (
        <>
          <p>{t('profile.myIntro')}</p>
          {data.waiting !== null && (
            <Notice title={t('profile.waitingForYou', { number: data.waiting })}>
              <LinkButton href="/profile/approve" variant="primary">
                {t('profile.readAndApprove')}
              </LinkButton>
            </Notice>
          )}
          {data.approved !== null && approvedAt && (
            <p class="profile-status">{t('profile.approvedOn', { number: data.approved, date: formatDateTime(approvedAt) })}</p>
          )}
          <LinkList label={t('profile.sections')}>
            {SECTION_KEYS.map((key) => {
              const section = data.sections.find((s) => s.key === key);
              const written = Boolean(
                section &&
                  (section.words || section.themes.length || section.experiences.length || section.photos.length || section.voice),
              );
              return (
                <LinkListItem
                  key={key}
                  href={`/profile/${key}`}
                  title={heading(words, key)}
                  detail={written ? t('profile.written') : t('profile.notWritten')}
                />
              );
            })}
            <LinkListItem href="/profile/choices" title={t('profile.choices.title')} detail={t('profile.choices.detail')} />
          </LinkList>
          {data.approved !== null && <MyDocuments />}
        </>
      )}
    </Page>
  );
}

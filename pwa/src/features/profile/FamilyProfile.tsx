import { api, ApiError } from '../../api/client';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { useSession } from '../../session';
import { useTemplate } from './data';
import { VersionView } from './VersionView';
import './Profile.css';

/**
 * `/family/profile/:id`: the profile a client approved, read by a family member the client
 * shares it with (or a mentor the client allowed). Never the draft or the coach's notes.
 */
export default function FamilyProfile({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { me, locale } = useSession();
  // 404: nothing approved yet, or not shared with this person (the same answer, on purpose).
  const version = useResource(async () => {
    try {
      return await api.get('/api/clients/{client_id}/profile/approved', { path: { client_id: id } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }, [id]);
  const template = useTemplate(version.data?.templateVersion);
  const words = template.data?.texts[locale] ?? template.data?.texts.en;
  const name = (me?.clients ?? []).find((c) => c.id === id)?.displayName ?? '';
  const title = name ? t('profile.familyTitle', { name }) : t('profile.staffTitle');
  return (
    <Page title={title} back={{ href: '/', label: t('nav.home') }}>
      {version.data === null ? (
        <p>{t('profile.notShared')}</p>
      ) : !version.data || !words ? (
        <LoadState loading={version.loading || template.loading} trouble={version.trouble ?? template.trouble} />
      ) : (
        <>
          {name && <p>{t('profile.familyIntro', { name })}</p>}
          <VersionView version={version.data} words={words} />
        </>
      )}
    </Page>
  );
}

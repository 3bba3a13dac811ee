import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useMe } from '../../session';
import { ChoicesEditor } from './ChoicesEditor';
import { useProfile } from './data';
import './Profile.css';

/** `/profile/choices`: what the client wants employers to know, and who else reads the profile. */
export default function ProfileChoicesScreen() {
  const me = useMe();
  const profile = useProfile(me.id);
  const data = profile.data;
  return (
    <Page title={t('profile.choices.title')} back={{ href: '/profile', label: t('profile.myTitle') }}>
      {!data ? (
        <LoadState loading={profile.loading} trouble={profile.trouble} />
      ) : (
        <ChoicesEditor
          profile={data}
          forStaff={false}
          isClient
          onProfile={() => void profile.reload()}
          reload={profile.reload}
        />
      )}
    </Page>
  );
}

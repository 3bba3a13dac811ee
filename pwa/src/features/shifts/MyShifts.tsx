import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useMe } from '../../session';
import { ShiftsEditor } from './ShiftsEditor';

/** `/shifts`: the client's own shifts, to see, add and change (with the coach or alone). */
export default function MyShifts() {
  const me = useMe();
  return (
    <Page title={t('shifts.myTitle')} back={{ href: '/', label: t('nav.home') }}>
      <p class="lead">{t('shifts.myIntro')}</p>
      <ShiftsEditor clientId={me.id} />
    </Page>
  );
}

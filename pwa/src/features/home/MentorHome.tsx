import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';

/** A mentor's home: the clients they mentor (filled by the agreements between them). */
export default function MentorHome() {
  return (
    <Page title={t('mentor.title')}>
      <Notice>{t('mentor.none')}</Notice>
    </Page>
  );
}

import { api } from '../../api/client';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { LOCALE_NAMES, formatDateTime, isLocale, t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { useSession } from '../../session';
import { NoticeText } from './NoticeText';

/**
 * `/privacy-notice`: the privacy notice the person was shown before making their passkey, to
 * read again (from Settings and My data), in their language, with the version and language
 * they saw and when.
 */
export default function PrivacyNoticeScreen() {
  const { locale } = useSession();
  const mine = useResource(() => api.get('/api/me/privacy-notice'), [locale]);
  const data = mine.data;
  return (
    <Page title={t('notice.screenTitle')} back={{ href: '/settings', label: t('nav.settings') }}>
      {!data ? (
        <LoadState loading={mine.loading} trouble={mine.trouble} />
      ) : (
        <>
          <p class="lead">
            {data.seen
              ? t('notice.seen', {
                  version: data.seen.version,
                  language: isLocale(data.seen.locale) ? LOCALE_NAMES[data.seen.locale] : data.seen.locale,
                  time: formatDateTime(data.seen.at),
                })
              : t('notice.notSeen')}
          </p>
          <NoticeText notice={data.notice} />
        </>
      )}
    </Page>
  );
}

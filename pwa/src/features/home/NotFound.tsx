import { LinkButton } from '../../components/Button/Button';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';

export function NotFound() {
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.text')}</p>
      <LinkButton href="/" variant="primary">
        {t('notFound.home')}
      </LinkButton>
    </Page>
  );
}

export function NotForYou() {
  return (
    <Page title={t('notForYou.title')}>
      <p>{t('notForYou.text')}</p>
      <LinkButton href="/" variant="primary">
        {t('notFound.home')}
      </LinkButton>
    </Page>
  );
}

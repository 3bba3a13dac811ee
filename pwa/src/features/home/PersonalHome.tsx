import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useMe } from '../../session';

/** A client's home. Today it says, in plain words, what will appear here later. */
export function ClientHome() {
  const me = useMe();
  return (
    <Page title={t('home.hello', { name: me.displayName })}>
      <Card id="today" title={t('home.client.todayTitle')}>
        <p>{t('home.client.empty')}</p>
        <ul>
          <li>{t('home.client.shift')}</li>
          <li>{t('home.client.tasks')}</li>
          <li>{t('home.client.goals')}</li>
        </ul>
        <p>{t('home.client.coach')}</p>
      </Card>
      <Card id="easier" title={t('home.easierTitle')}>
        <p>{t('home.easierText')}</p>
        <LinkButton href="/settings" variant="primary">
          {t('home.openSettings')}
        </LinkButton>
      </Card>
    </Page>
  );
}

/** A family member's home: only what the client chooses to share will ever appear. */
export function FamilyHome() {
  const me = useMe();
  return (
    <Page title={t('home.hello', { name: me.displayName })}>
      <Card id="updates" title={t('home.family.updatesTitle')}>
        <p>{t('home.family.empty')}</p>
        <p>{t('home.family.consent')}</p>
      </Card>
      <Card id="easier" title={t('home.easierTitle')}>
        <p>{t('home.easierText')}</p>
        <LinkButton href="/settings" variant="primary">
          {t('home.openSettings')}
        </LinkButton>
      </Card>
    </Page>
  );
}

import { useState } from 'preact/hooks';
import type { Invitation } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useLocation } from '../../lib/router';
import { InvitationResult } from './InvitationResult';
import { InviteForm } from './InviteForm';

/** /invite?role=family&client=ID — invite a person; the link appears on this screen. */
export default function InvitePage() {
  const { query } = useLocation();
  const [created, setCreated] = useState<Invitation | null>(null);
  const [round, setRound] = useState(0);
  const clientId = query.get('client');
  return (
    <Page
      title={t('invite.title')}
      back={clientId ? { href: `/clients/${clientId}`, label: t('invite.backToClient') } : { href: '/', label: t('nav.home') }}
    >
      {created ? (
        <>
          <InvitationResult invitation={created} />
          <div class="actions">
            <Button
              onClick={() => {
                setCreated(null);
                setRound((n) => n + 1);
              }}
            >
              {t('invite.another')}
            </Button>
            <LinkButton href={clientId ? `/clients/${clientId}` : '/'} variant="quiet">
              {clientId ? t('invite.backToClient') : t('invite.done')}
            </LinkButton>
          </div>
        </>
      ) : (
        <>
          <p class="lead">{t('invite.intro')}</p>
          <InviteForm key={round} preset={{ role: query.get('role'), clientId }} onCreated={setCreated} />
        </>
      )}
    </Page>
  );
}

import { useState } from 'preact/hooks';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { ItemList } from '../../components/List/List';
import { t } from '../../i18n';
import { ClientFamily } from '../family/ClientFamily';
import { RecoveryDialog } from '../people/RecoveryDialog';
import { ClientScreen } from './ClientScreen';
import './ClientPage.css';

/**
 * `/clients/:id/family`: the client's family members (a new link for a lost phone, inviting
 * one more), the news the coach writes for them, and help with the client's sharing choices.
 */
export default function ClientFamilyScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const [recoveryFor, setRecoveryFor] = useState<{ id: string; displayName: string } | null>(null);
  return (
    <ClientScreen clientId={id} title="client.familyTitle">
      {(client) => (
        <>
          <Card id="family" title={t('client.family')}>
            {client.family.length === 0 ? (
              <p>{t('client.noFamily')}</p>
            ) : (
              <ItemList>
                {client.family.map((member) => (
                  <li key={member.id}>
                    <p class="family-row__name">
                      <strong>{member.displayName}</strong>
                      {member.relation && ` · ${member.relation}`}
                    </p>
                    <Button variant="secondary" onClick={() => setRecoveryFor(member)}>
                      {t('recovery.button')}
                      <span class="visually-hidden"> {t('recovery.for', { name: member.displayName })}</span>
                    </Button>
                  </li>
                ))}
              </ItemList>
            )}
            <LinkButton href={`/invite?role=family&client=${encodeURIComponent(id)}`} variant="primary">
              {t('client.inviteFamily')}
            </LinkButton>
          </Card>
          <ClientFamily clientId={client.id} clientName={client.displayName} />
          <RecoveryDialog person={recoveryFor} onClose={() => setRecoveryFor(null)} />
        </>
      )}
    </ClientScreen>
  );
}

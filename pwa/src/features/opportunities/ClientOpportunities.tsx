import { useEffect, useState } from 'preact/hooks';
import { pages } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { SelectField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { useOutbox } from '../../data/outbox';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { useMe } from '../../session';
import { OpportunityCard } from './OpportunityCard';
import { STEPS, stepName, type Step } from './words';
import './Opportunities.css';

export const PAGE = 20;

/**
 * `/clients/:id/opportunities`: the client's job search for their coach, the team's coordinator,
 * administrators (who add and move) and a mentor (who reads), newest first, a page at a time,
 * narrowed to one step. Moves are kept on the phone and sent once (the outbox).
 */
export default function ClientOpportunities({ params }: { params: Record<string, string> }) {
  const me = useMe();
  const clientId = params.id ?? '';
  const [step, setStep] = useState<Step | ''>('');
  const [said, setSaid] = useState('');
  const list = usePages(
    () =>
      pages.first('/api/clients/{client_id}/opportunities', {
        path: { client_id: clientId },
        query: { step: step || undefined, limit: PAGE },
      }),
    [clientId, step],
  );
  const outbox = useOutbox();
  useEffect(() => {
    if (outbox.waiting === 0) void list.reload();
  }, [outbox.waiting]);
  const staff = me.role !== 'mentor';
  const back = staff ? { href: `/clients/${clientId}`, label: t('activity.backToClient') } : { href: '/', label: t('nav.home') };
  return (
    <Page title={t('opportunities.title')} back={back}>
      {staff && (
        <div class="actions">
          <LinkButton href={`/clients/${clientId}/opportunities/new`} variant="primary" block>
            {t('opportunities.add')}
          </LinkButton>
        </div>
      )}
      {said && <Notice kind="success" title={said} />}
      <SelectField id="pipeline-step" label={t('opportunities.filterStep')} value={step} onValue={(v) => setStep(v as Step | '')}>
        <option value="">{t('opportunities.everyStep')}</option>
        {STEPS.map((s) => (
          <option key={s} value={s}>
            {stepName(s)}
          </option>
        ))}
      </SelectField>
      {list.items === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : list.items.length === 0 ? (
        <p>{t('opportunities.none')}</p>
      ) : (
        <ShowMore list={list}>
          <ul class="opportunities" aria-label={t('opportunities.title')}>
            {list.items.map((o) => (
              <li key={o.id}>
                <OpportunityCard
                  o={o}
                  onMoved={(sent) => {
                    setSaid(sent ? t('opportunities.moved') : t('opportunities.waiting'));
                    void list.reload();
                  }}
                />
              </li>
            ))}
          </ul>
        </ShowMore>
      )}
    </Page>
  );
}

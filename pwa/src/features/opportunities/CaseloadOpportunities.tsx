import { useState } from 'preact/hooks';
import { pages } from '../../api/client';
import { SelectField } from '../../components/Field/Field';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { formatDate, t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { STEPS, stepName, titleOf, type Step } from './words';

/**
 * `/opportunities` for staff: the job search across my caseload (a coordinator: the team's; an
 * administrator: everyone's), newest first, a page at a time, narrowed to one step; each opens
 * the client's pipeline.
 */
export default function CaseloadOpportunities() {
  const [step, setStep] = useState<Step | ''>('');
  const list = usePages(() => pages.first('/api/opportunities', { query: { step: step || undefined, limit: 30 } }), [step]);
  return (
    <Page title={t('opportunities.caseloadTitle')}>
      <SelectField id="caseload-step" label={t('opportunities.filterStep')} value={step} onValue={(v) => setStep(v as Step | '')}>
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
          <LinkList label={t('opportunities.caseloadTitle')}>
            {list.items.map((o) => (
              <LinkListItem
                key={o.id}
                href={`/clients/${o.clientId}/opportunities`}
                title={`${o.clientName}: ${titleOf(o)}`}
                detail={t('opportunities.stepSince', { step: stepName(o.step), on: formatDate(o.stepOn) })}
              />
            ))}
          </LinkList>
        </ShowMore>
      )}
    </Page>
  );
}

import { t } from '../../i18n';
import { onLinkClick } from '../../lib/router';
import { stageName } from '../clients/stages';
import { dayInWords, periodInWords, stageForClient, type StagePeriod } from './words';

/** Where a product is opened: staff open a job, an agreement and the profile; the client their
 * agreement and their profile. */
function productHref(product: StagePeriod['products'][number], forClient: boolean): string | null {
  if (product.kind === 'agreement') return `/agreements/${product.id}`;
  if (product.kind === 'job' && !forClient) return `/jobs/${product.id}`;
  if (product.kind === 'vocational_profile') return forClient ? '/profile' : `/clients/${product.id}/profile`;
  if (product.kind === 'job_analysis') return forClient ? '/my-work' : `/jobs/${product.id}/analysis`;
  return null;
}

/** What a stage produced, in a line each: "Job: Room attendant at Hotel Riverside", a link to
 * the record where one can be opened. */
function Products({ period, forClient }: { period: StagePeriod; forClient: boolean }) {
  if (period.products.length === 0) return null;
  return (
    <ul class="journey__products" aria-label={t('journey.products')}>
      {period.products.map((product) => {
        const words = [
          t(`journey.product.${product.kind}`),
          ': ',
          product.kind === 'vocational_profile'
            ? t('journey.profileVersion', { number: product.title })
            : product.detail
              ? t('journey.productAt', { title: product.title, at: product.detail })
              : product.title,
          product.on
            ? ` (${periodInWords({ startedOn: product.on, endedOn: product.endedOn ?? null })})`
            : '',
        ].join('');
        const href = productHref(product, forClient);
        return (
          <li key={`${product.kind}-${product.id}`} dir="auto">
            {href ? (
              <a class="journey__product-link" href={href} onClick={onLinkClick}>
                {words}
              </a>
            ) : (
              words
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The stages of one episode, oldest first, each with its dates: for staff the stage's name and
 * its target ("Past its target since 6 March"); for the client the plain words ("Getting to
 * know you — from 3 March"). `actions` adds a stage's own buttons (end it).
 */
export function Timeline({
  stages,
  forClient = false,
  actions,
  label,
}: {
  stages: StagePeriod[];
  forClient?: boolean;
  actions?: (period: StagePeriod) => preact.ComponentChildren;
  label: string;
}) {
  if (stages.length === 0) return <p>{t('journey.noStages')}</p>;
  return (
    <ol class="journey__timeline" aria-label={label}>
      {stages.map((period) => {
        const name = forClient ? stageForClient(period.stage) : stageName(period.stage);
        return (
          <li key={period.id} class={`journey__stage${period.endedOn ? '' : ' journey__stage--going'}`}>
            <p class="journey__stage-name">
              <strong>{name}</strong>
              {' — '}
              {periodInWords(period)}
            </p>
            {!forClient && period.overdue && period.dueOn && (
              <p class="journey__overdue">{t('journey.overdueSince', { day: dayInWords(period.dueOn) })}</p>
            )}
            {!forClient && !period.overdue && period.dueOn && (
              <p class="journey__due">{t('journey.dueOn', { day: dayInWords(period.dueOn) })}</p>
            )}
            <Products period={period} forClient={forClient} />
            {actions?.(period)}
          </li>
        );
      })}
    </ol>
  );
}

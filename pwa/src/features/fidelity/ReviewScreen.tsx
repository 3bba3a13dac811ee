import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { reviewWithTemplate } from './data';
import {
  bandName,
  itemTitle,
  pick,
  reviewTitle,
  scoreWords,
  statusWords,
  totalWords,
  type Review,
  type Template,
} from './words';
import './Fidelity.css';

/**
 * `/fidelity/:id`: one review: its total and band, each section's score, every item with its
 * score (each opens on its own screen), and "Finish" once every item is scored; a finished
 * review is locked.
 */
export default function ReviewScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const loaded = useResource(() => reviewWithTemplate(id), [id]);
  const [review, setReview] = useState<Review | null>(null);
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const shown = review ?? loaded.data?.review;
  const template = loaded.data?.template;
  const finish = async () => {
    setBusy(true);
    setTrouble(null);
    try {
      setReview(await api.post('/api/fidelity/reviews/{review_id}/finish', { path: { review_id: id } }));
      setMissing([]);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        setMissing((error.problem.errors ?? []).map((e) => e.field.replace(/^items\./, '')));
      } else setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={shown ? reviewTitle(shown) : t('fidelity.review.title')} back={{ href: '/fidelity', label: t('fidelity.title') }}>
      {!shown || !template ? (
        <LoadState loading={loaded.loading} trouble={loaded.trouble} />
      ) : (
        <>
          <Summary review={shown} />
          {shown.status === 'finished' && <Notice kind="info" title={t('fidelity.review.locked')} live={false} />}
          {shown.sections.map((section) => (
            <section key={section.section} class="fidelity-section" aria-labelledby={`section-${section.section}`}>
              <h2 id={`section-${section.section}`}>{pick(template.sections.find((s) => s.key === section.section)?.titles)}</h2>
              <p>{t('fidelity.sectionTotal', { score: section.score, top: section.top, scored: section.scored, items: section.items })}</p>
              <LinkList label={pick(template.sections.find((s) => s.key === section.section)?.titles)}>
                {shown.scores
                  .filter((s) => s.section === section.section)
                  .map((s) => (
                    <LinkListItem
                      key={s.item}
                      href={`/fidelity/${id}/items/${s.item}`}
                      title={itemTitle(template, s.item)}
                      detail={itemDetail(template, s)}
                    />
                  ))}
              </LinkList>
            </section>
          ))}
          {shown.status === 'draft' && (
            <div class="fidelity-finish">
              {trouble && <Notice kind="error" title={trouble.title} />}
              {missing.length > 0 && (
                <div class="field--error" id="fidelity-missing">
                  <p class="field__error">{t('fidelity.review.missing', { count: missing.length })}</p>
                  <LinkList label={t('fidelity.review.missingList')}>
                    {missing.map((item) => (
                      <LinkListItem key={item} href={`/fidelity/${id}/items/${item}`} title={itemTitle(template, item)} />
                    ))}
                  </LinkList>
                </div>
              )}
              <p>{t('fidelity.review.finishHint')}</p>
              <Button variant="primary" onClick={() => void finish()} disabled={busy}>
                {t('fidelity.review.finish')}
              </Button>
            </div>
          )}
          <LinkButton href="/fidelity">{t('fidelity.compare.fromReview')}</LinkButton>
        </>
      )}
    </Page>
  );
}

function itemDetail(template: Template, s: Review['scores'][number]): string {
  const score = `${t('fidelity.score')}: ${scoreWords(template.scale, s.score)}`;
  if (s.score === null && s.suggested !== null) {
    return `${score}. ${t('fidelity.suggestedShort', { score: scoreWords(template.scale, s.suggested) })}`;
  }
  return s.notes ? `${score}. ${t('fidelity.hasNotes')}` : score;
}

export function Summary({ review }: { review: Review }) {
  return (
    <div class="card fidelity-summary">
      <p>{statusWords(review)}</p>
      <p class="fidelity-summary__total">{totalWords(review)}</p>
      <p>
        {t('fidelity.bandLabel')}: <strong>{bandName(review.band)}</strong>
      </p>
      {review.template === 'ips' && <p class="fidelity-summary__bands">{t('fidelity.bandsExplained')}</p>}
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Choices, Form, TextAreaField, type Choice } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { navigate, onLinkClick } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { reviewWithTemplate } from './data';
import {
  evidenceHref,
  evidenceWords,
  findItem,
  pick,
  scoreWords,
  sectionTitle,
  type Review,
  type Template,
} from './words';
import './Fidelity.css';

/**
 * `/fidelity/:id/items/:item`: one item on its own screen (25 items on a phone): what each
 * score looks like, the figures' suggestion with the figure, its period and a link to its rows,
 * the score and notes. "Save" keeps the draft and goes on to the next item.
 */
export default function ItemScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const key = params.item ?? '';
  const loaded = useResource(() => reviewWithTemplate(id), [id]);
  const data = loaded.data;
  return (
    <Page
      title={data ? pick(findItem(data.template, key)?.item.titles) || t('fidelity.item.title') : t('fidelity.item.title')}
      back={{ href: `/fidelity/${id}`, label: t('fidelity.review.back') }}
    >
      {!data ? (
        <LoadState loading={loaded.loading} trouble={loaded.trouble} />
      ) : (
        <ItemForm key={key} review={data.review} template={data.template} itemKey={key} />
      )}
    </Page>
  );
}

function ItemForm({ review, template, itemKey }: { review: Review; template: Template; itemKey: string }) {
  const found = findItem(template, itemKey);
  const index = review.scores.findIndex((s) => s.item === itemKey);
  const scored = review.scores[index];
  const [score, setScore] = useState<string>(scored?.score ? String(scored.score) : '');
  const [notes, setNotes] = useState(scored?.notes ?? '');
  const [localId, setLocalId] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [score, notes]);
  if (!found || !scored) return <Notice kind="error" title={t('fidelity.item.unknown')} />;
  const locked = review.status === 'finished';
  const next = review.scores[index + 1];
  const previous = review.scores[index - 1];
  const choices: Choice<string>[] = Array.from({ length: template.top }, (_, i) => {
    const value = template.top - i; // the best first, as the scale reads
    const hint = template.scale === 'five' ? pick(found.item.anchors?.[value - 1]) : undefined;
    return { value: String(value), label: scoreWords(template.scale, value), ...(hint ? { hint } : {}) };
  });
  const save = async (goOn: boolean) => {
    setBusy(true);
    setTrouble(null);
    try {
      await api.put('/api/fidelity/reviews/{review_id}/items/{item}', {
        path: { review_id: review.id, item: itemKey },
        body: { score: score ? Number(score) : null, notes, localId },
      });
      setLocalId(crypto.randomUUID());
      setSaved(true);
      if (goOn) navigate(next ? `/fidelity/${review.id}/items/${next.item}` : `/fidelity/${review.id}`);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  };
  const scoreError = trouble?.fields.score ? t('fidelity.error.score', { top: template.top }) : undefined;
  const notesError = trouble?.fields.notes ? t('fidelity.error.notes') : undefined;
  return (
    <>
      <p class="fidelity-item__where">
        {t('fidelity.item.where', { section: sectionTitle(template, found.section.key), n: index + 1, of: review.scores.length })}
      </p>
      {template.scale === 'met' && <p>{pick(found.item.descriptions)}</p>}
      {scored.evidence && scored.suggested !== null && (
        <div class="card fidelity-evidence" role="group" aria-labelledby="fidelity-suggested">
          <p id="fidelity-suggested" class="fidelity-evidence__title">
            {t('fidelity.suggested', { score: scoreWords(template.scale, scored.suggested) })}
          </p>
          <p>{evidenceWords(scored.evidence)}</p>
          <p>
            <a href={evidenceHref(review, scored.evidence)} onClick={onLinkClick}>
              {t('fidelity.evidenceLink')}
            </a>
          </p>
          {!locked && (
            <Button onClick={() => setScore(String(scored.suggested))}>{t('fidelity.accept', { score: scoreWords(template.scale, scored.suggested) })}</Button>
          )}
        </div>
      )}
      {locked && <Notice kind="info" title={t('fidelity.review.locked')} live={false} />}
      {trouble && !scoreError && !notesError && <Notice kind="error" title={trouble.title} />}
      <Form onSubmit={() => void save(true)} label={t('fidelity.item.formLabel')}>
        <fieldset class="fidelity-item__fields" disabled={locked}>
          <Choices<string>
            id="fidelity-score"
            legend={t('fidelity.score')}
            value={score}
            onValue={setScore}
            choices={choices}
            error={scoreError}
          />
          <TextAreaField
            id="fidelity-notes"
            label={t('fidelity.notes')}
            hint={t('fidelity.notesHint')}
            value={notes}
            onValue={setNotes}
            maxLength={2000}
            dir="auto"
            error={notesError}
          />
        </fieldset>
        {!locked && (
          <div class="fidelity-item__actions">
            <Button type="submit" variant="primary" disabled={busy}>
              {next ? t('fidelity.item.saveNext') : t('fidelity.item.saveLast')}
            </Button>
            <Button onClick={() => void save(false)} disabled={busy}>
              {t('fidelity.item.save')}
            </Button>
          </div>
        )}
        {saved && (
          <p role="status" class="fidelity-item__saved">
            {t('fidelity.item.saved')}
          </p>
        )}
      </Form>
      <nav class="fidelity-item__nav" aria-label={t('fidelity.item.navLabel')}>
        {previous && <LinkButton href={`/fidelity/${review.id}/items/${previous.item}`}>{t('fidelity.item.previous')}</LinkButton>}
        {next && <LinkButton href={`/fidelity/${review.id}/items/${next.item}`}>{t('fidelity.item.next')}</LinkButton>}
      </nav>
    </>
  );
}

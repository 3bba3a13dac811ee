import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, SelectField, TextAreaField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { indicatorWords, kindWords, type Suggestion } from './evidenceWords';
import { newId, type Framework } from './words';

/**
 * Evidence from practice on a person's record (My development, or their mentor on the person's
 * page): the records of their own work the app proposes, each attached to an indicator with a
 * note by whoever thinks it fits; and what is attached, removable by who attached it. Nothing
 * here changes a level.
 */
export function EvidencePanel({ personId, framework }: { personId: string; framework: Framework }) {
  const me = useMe();
  const suggestions = useResource(
    () => api.get('/api/competence/evidence/suggestions', { query: { person: personId } }),
    [personId],
  );
  const attached = useResource(
    () => api.get('/api/competence/evidence', { query: { person: personId, limit: 50 } }),
    [personId],
  );
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function changed() {
    setOpen(null);
    setDone(true);
    await Promise.all([suggestions.reload(), attached.reload()]);
  }

  async function remove(id: string) {
    await api.delete('/api/competence/evidence/{evidence_id}', { path: { evidence_id: id } });
    setDone(false);
    await Promise.all([suggestions.reload(), attached.reload()]);
  }

  return (
    <>
      <Card id="evidence-attached" title={t('competence.evidence.attachedTitle')}>
        {done && <Notice kind="success" title={t('competence.evidence.attachedDone')} />}
        {attached.data === undefined ? (
          <LoadState loading={attached.loading} trouble={attached.trouble} />
        ) : attached.data.length === 0 ? (
          <p>{t('competence.evidence.noneAttached')}</p>
        ) : (
          <ul class="competence-list">
            {attached.data.map((e) => (
              <li key={e.id} class="competence-row">
                <p class="competence-row__name">{indicatorWords(framework, e.competence, e.indicator)}</p>
                <p class="competence-row__levels">
                  {kindWords(e.kind, e.occurredOn, e.amount)}
                  <br />
                  {t('competence.evidence.by', { name: e.attachedByName })}
                </p>
                {e.note && <p dir="auto">{e.note}</p>}
                {e.attachedById === me.id && (
                  <Button onClick={() => void remove(e.id)}>{t('competence.evidence.remove')}</Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card id="evidence-suggested" title={t('competence.evidence.suggestedTitle')}>
        <p>{t('competence.evidence.suggestedIntro')}</p>
        {suggestions.data === undefined ? (
          <LoadState loading={suggestions.loading} trouble={suggestions.trouble} />
        ) : suggestions.data.length === 0 ? (
          <p>{t('competence.evidence.noneSuggested')}</p>
        ) : (
          <ul class="competence-list">
            {suggestions.data.map((s) => {
              const key = `${s.kind}:${s.sourceId}`;
              return (
                <li key={key} class="competence-row">
                  <p class="competence-row__name">{kindWords(s.kind, s.occurredOn, s.amount)}</p>
                  {s.attached.length > 0 && (
                    <p class="competence-row__levels">
                      {t('competence.evidence.alreadyOn', { n: s.attached.length })}
                    </p>
                  )}
                  {open === key ? (
                    <AttachForm
                      personId={personId}
                      framework={framework}
                      suggestion={s}
                      onDone={() => void changed()}
                      onCancel={() => setOpen(null)}
                    />
                  ) : (
                    s.fits.length > s.attached.length && (
                      <Button onClick={() => setOpen(key)}>{t('competence.evidence.attach')}</Button>
                    )
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </>
  );
}

function AttachForm({
  personId,
  framework,
  suggestion,
  onDone,
  onCancel,
}: {
  personId: string;
  framework: Framework;
  suggestion: Suggestion;
  onDone: () => void;
  onCancel: () => void;
}) {
  const free = suggestion.fits.filter(
    (f) => !suggestion.attached.some((a) => a.competence === f.competence && a.indicator === f.indicator),
  );
  const [localId] = useState(newId);
  const [target, setTarget] = useState(free[0] ? `${free[0].competence}|${free[0].indicator}` : '');
  const [note, setNote] = useState('');
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `${suggestion.kind}-${suggestion.sourceId}`;

  async function submit() {
    const [competence, indicator] = target.split('|');
    setBusy(true);
    setTrouble(null);
    try {
      await api.post('/api/competence/evidence', {
        body: {
          localId,
          personId,
          competence: competence ?? '',
          indicator: Number(indicator),
          kind: suggestion.kind,
          sourceId: suggestion.sourceId,
          note,
        },
      });
      onDone();
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const f = trouble?.fields ?? {};
  return (
    <Form onSubmit={() => void submit()}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      <SelectField
        id={`evidence-indicator-${id}`}
        label={t('competence.evidence.indicator')}
        value={target}
        onValue={setTarget}
        error={f['competence'] ?? f['indicator'] ?? f['sourceId']}
      >
        {free.map((fit) => (
          <option key={`${fit.competence}|${fit.indicator}`} value={`${fit.competence}|${fit.indicator}`}>
            {indicatorWords(framework, fit.competence, fit.indicator)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={`evidence-note-${id}`}
        label={t('competence.evidence.note')}
        hint={t('competence.evidence.noteHint')}
        value={note}
        onValue={setNote}
        maxLength={4000}
        rows={3}
        dir="auto"
        error={f['note']}
      />
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('competence.evidence.save')}
        </Button>
        <Button onClick={onCancel}>{t('competence.evidence.cancel')}</Button>
      </div>
    </Form>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Choices, TextAreaField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { navigate, useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { competencesOf, inLocale, newId } from './words';
import './Competence.css';

type Assessment = Schemas['SelfAssessment'];
const START_KEY = 'stepwise.competence.start';

/** The self-assessment under way (or a new one): its phone-made id is kept until it is
 * finished, so a repeat after a lost answer starts nothing twice. */
async function startOrContinue(): Promise<{ assessment: Assessment; framework: Schemas['Framework'] }> {
  const localId = sessionStorage.getItem(START_KEY) ?? newId();
  sessionStorage.setItem(START_KEY, localId);
  const assessment = await api.post('/api/competence/self-assessments', { body: { localId } });
  const framework = await api.get('/api/competence/frameworks/{framework_id}', {
    path: { framework_id: assessment.frameworkId },
  });
  return { assessment, framework };
}

/**
 * `/development/self-assessment?step=n`: one competence a screen, its indicators, the five
 * levels in words and a note. A level is saved as soon as it is chosen, the note on "Next".
 */
export default function SelfAssessment() {
  const { query } = useLocation();
  const loaded = useResource(startOrContinue);
  const [assessment, setAssessment] = useState<Assessment | undefined>(undefined);
  const [note, setNote] = useState('');
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => setAssessment(loaded.data?.assessment), [loaded.data]);

  const framework = loaded.data?.framework;
  const all = framework ? competencesOf(framework) : [];
  const step = Math.min(Math.max(Number(query.get('step') ?? '0') || 0, 0), Math.max(all.length - 1, 0));
  const here = all[step];
  const rating = assessment?.ratings.find((r) => r.competence === here?.competence.key);
  useEffect(() => {
    setNote(rating?.note ?? '');
    setSaved(false);
    setTrouble(null);
  }, [step, assessment?.id]);

  async function save(level: number, text: string): Promise<boolean> {
    if (!assessment || !here) return false;
    setTrouble(null);
    try {
      const next = await api.put('/api/competence/self-assessments/{assessment_id}/ratings/{competence}', {
        path: { assessment_id: assessment.id, competence: here.competence.key },
        body: { level, note: text },
      });
      setAssessment(next);
      setSaved(true);
      return true;
    } catch (error) {
      setTrouble(describe(error));
      return false;
    }
  }

  const go = (to: number) => navigate(`/development/self-assessment?step=${to}`);

  async function next() {
    setBusy(true);
    try {
      if (rating && note !== rating.note && !(await save(rating.level, note))) return;
      if (step < all.length - 1) {
        go(step + 1);
        return;
      }
      if (!assessment) return;
      await api.post('/api/competence/self-assessments/{assessment_id}/finish', {
        path: { assessment_id: assessment.id },
      });
      sessionStorage.removeItem(START_KEY);
      navigate('/development?finished=1');
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('competence.self.title')} back={{ href: '/development', label: t('competence.my.title') }}>
      {!framework || !here || !assessment ? (
        <LoadState loading={loaded.loading} trouble={loaded.trouble} />
      ) : (
        <>
          <p class="competence-step">
            {t('competence.self.step', { n: step + 1, total: all.length })} · {here.area}
          </p>
          <h2>{inLocale(here.competence.titles)}</h2>
          <p>{t('competence.self.indicators')}</p>
          <ul class="competence-indicators">
            {here.competence.indicators.map((indicator, i) => (
              <li key={i}>{inLocale(indicator)}</li>
            ))}
          </ul>
          <Choices
            id="self-level"
            legend={t('competence.self.levelLegend')}
            value={rating ? String(rating.level) : ''}
            error={trouble?.fields['level']}
            choices={framework.levels.map((l) => ({
              value: String(l.level),
              label: `${l.level} – ${inLocale(l.titles)}`,
              hint: inLocale(l.texts),
            }))}
            onValue={(v) => void save(Number(v), note)}
          />
          <TextAreaField
            id="self-note"
            label={t('competence.self.note')}
            hint={t('competence.self.noteHint')}
            value={note}
            onValue={setNote}
            maxLength={4000}
            dir="auto"
            error={trouble?.fields['note']}
          />
          <p aria-live="polite" class="field__hint">
            {saved ? t('competence.self.saved') : ''}
          </p>
          {trouble && !trouble.fields['level'] && !trouble.fields['note'] && (
            <Notice kind="error" title={trouble.title} />
          )}
          <div class="actions">
            <Button variant="primary" busy={busy} onClick={() => void next()}>
              {step < all.length - 1 ? t('competence.self.next') : t('competence.self.finish')}
            </Button>
            {step > 0 && <Button onClick={() => go(step - 1)}>{t('competence.self.previous')}</Button>}
          </div>
        </>
      )}
    </Page>
  );
}

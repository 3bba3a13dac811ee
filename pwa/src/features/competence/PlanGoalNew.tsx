import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Form, SelectField, TextAreaField, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { navigate, useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { browserZone, todayIn } from '../shifts/words';
import { competencesOf, inLocale, newId } from './words';
import './Competence.css';

function plusDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * `/development/plan` (`?person=` when the coordinator proposes one for a coach): a goal of the
 * development plan — what, how, the competence it serves, from when to when. The other side
 * agrees to it on their screen.
 */
export default function PlanGoalNew() {
  const { query } = useLocation();
  const person = query.get('person') ?? undefined;
  const back = person ? `/team-development/person?person=${person}` : '/development';
  const framework = useResource(() => api.get('/api/competence/frameworks/{framework_id}', { path: { framework_id: 'current' } }));
  const [localId] = useState(newId);
  const [title, setTitle] = useState('');
  const [means, setMeans] = useState('');
  const [competence, setCompetence] = useState('');
  const [startsOn, setStartsOn] = useState(() => todayIn(browserZone()));
  const [endsOn, setEndsOn] = useState(() => plusDays(todayIn(browserZone()), 28));
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const missing: Record<string, string> = {};
    if (!title.trim()) missing.title = t('competence.plan.titleMissing');
    if (!competence) missing.competence = t('competence.plan.competenceMissing');
    if (Object.keys(missing).length) {
      setTrouble({ title: t('competence.plan.fix'), fields: missing });
      return;
    }
    setBusy(true);
    setTrouble(null);
    try {
      await api.post('/api/competence/plan-goals', {
        body: { localId, personId: person, title: title.trim(), means: means.trim(), competence, startsOn, endsOn, zone: browserZone() },
      });
      navigate(`${back}${back.includes('?') ? '&' : '?'}goal=1`);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const f = trouble?.fields ?? {};
  return (
    <Page title={t('competence.plan.new')} back={{ href: back, label: t('competence.training.back') }}>
      {framework.data === undefined ? (
        <LoadState loading={framework.loading} trouble={framework.trouble} />
      ) : (
        <Form onSubmit={() => void submit()}>
          {trouble && <Notice kind="error" title={trouble.title} />}
          <TextField id="goal-title" label={t('competence.plan.goal')} hint={t('competence.plan.goalHint')} value={title} onValue={setTitle} maxLength={200} dir="auto" error={f.title} />
          <TextAreaField id="goal-means" label={t('competence.plan.means')} hint={t('competence.plan.meansHint')} value={means} onValue={setMeans} maxLength={4000} rows={3} dir="auto" error={f.means} />
          <SelectField id="goal-competence" label={t('competence.plan.competence')} value={competence} onValue={setCompetence} error={f.competence}>
            <option value="">{t('competence.visit.choose')}</option>
            {competencesOf(framework.data).map(({ area, competence: c }) => (
              <option key={c.key} value={c.key}>
                {inLocale(c.titles)} ({area})
              </option>
            ))}
          </SelectField>
          <TextField id="goal-starts" type="date" label={t('competence.plan.starts')} value={startsOn} onValue={setStartsOn} error={f.startsOn} />
          <TextField id="goal-ends" type="date" label={t('competence.plan.ends')} hint={t('competence.plan.endsHint')} value={endsOn} onValue={setEndsOn} error={f.endsOn} />
          <Button type="submit" variant="primary" busy={busy}>
            {t('competence.plan.save')}
          </Button>
        </Form>
      )}
    </Page>
  );
}

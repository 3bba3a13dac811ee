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
import { browserZone, todayIn } from '../shifts/words';
import { competencesOf, inLocale, newId, SCENARIOS, scenarioName, type Scenario } from './words';
import { useMentorable } from './mentoring';
import './Competence.css';

interface Seen {
  competence: string;
  level: string;
}

/**
 * `/team-development/simulation`: log a practice simulation of a coach of the team — the day,
 * the scenario (from a short list, with words), the competences practised each with the level
 * seen, notes and the next step. Sent once however often it is retried (`localId`).
 */
export default function SimulationNew() {
  const { query } = useLocation();
  const team = query.get('team') ?? undefined;
  const matrix = useMentorable(team);
  const [localId] = useState(newId);
  const [person, setPerson] = useState(query.get('person') ?? '');
  const [heldOn, setHeldOn] = useState(() => todayIn(browserZone()));
  const [scenario, setScenario] = useState<Scenario>('first_meeting');
  const [scenarioText, setScenarioText] = useState('');
  const [seen, setSeen] = useState<Seen[]>([{ competence: '', level: '' }]);
  const [notes, setNotes] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const data = matrix.data;
  const from = query.get('person');
  const back = from ? `/team-development/person?id=${from}` : `/team-development${team ? `?team=${team}` : ''}`;

  async function submit() {
    const missing: Record<string, string> = {};
    seen.forEach((s, i) => {
      if (!s.competence) missing[`seen.${i}.competence`] = t('competence.visit.chooseCompetence');
      if (s.level === '') missing[`seen.${i}.level`] = t('competence.visit.chooseLevel');
    });
    if (scenario === 'other' && !scenarioText.trim()) missing.scenarioText = t('competence.simulation.scenarioMissing');
    if (Object.keys(missing).length) {
      setTrouble({ title: t('competence.visit.fix'), fields: missing });
      return;
    }
    setBusy(true);
    setTrouble(null);
    try {
      await api.post('/api/competence/simulations', {
        body: {
          localId,
          personId: person || data?.people[0]?.personId || '',
          heldOn,
          scenario,
          scenarioText: scenarioText.trim(),
          seen: seen.map((s) => ({ competence: s.competence, level: Number(s.level) })),
          notes: notes.trim(),
          nextStep: nextStep.trim(),
        },
      });
      navigate(`${back}${back.includes('?') ? '&' : '?'}simulation=1`);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const f = trouble?.fields ?? {};
  return (
    <Page title={t('competence.simulation.title')} back={{ href: back, label: (from && data?.people.find((p) => p.personId === from)?.displayName) || t('competence.team.title') }}>
      {data === undefined ? (
        <LoadState loading={matrix.loading} trouble={matrix.trouble} />
      ) : data.people.length === 0 ? (
        <p>{t('competence.team.empty')}</p>
      ) : (
        <Form onSubmit={() => void submit()}>
          {trouble && <Notice kind="error" title={trouble.title} />}
          <SelectField
            id="simulation-person"
            label={t('competence.visit.person')}
            value={person || data.people[0]?.personId || ''}
            onValue={setPerson}
            error={f['personId']}
          >
            {data.people.map((p) => (
              <option key={p.personId} value={p.personId}>
                {p.displayName}
              </option>
            ))}
          </SelectField>
          <TextField id="simulation-day" type="date" label={t('competence.simulation.day')} value={heldOn} onValue={setHeldOn} error={f['heldOn']} />
          <SelectField
            id="simulation-scenario"
            label={t('competence.simulation.scenario')}
            value={scenario}
            onValue={(v) => setScenario(v as Scenario)}
            error={f['scenario']}
          >
            {SCENARIOS.map((s) => (
              <option key={s} value={s}>
                {scenarioName(s)}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            id="simulation-scenario-text"
            label={t('competence.simulation.scenarioText')}
            hint={t('competence.simulation.scenarioTextHint')}
            value={scenarioText}
            onValue={setScenarioText}
            maxLength={4000}
            rows={2}
            dir="auto"
            error={f['scenarioText']}
          />
          <fieldset class="field">
            <legend class="field__label">{t('competence.simulation.seen')}</legend>
            {seen.map((s, i) => (
              <div class="competence-seen" key={i}>
                <SelectField
                  id={`simulation-seen-${i}`}
                  label={t('competence.visit.competence', { n: i + 1 })}
                  value={s.competence}
                  onValue={(v) => setSeen(seen.map((x, j) => (j === i ? { ...x, competence: v } : x)))}
                  error={f[`seen.${i}.competence`]}
                >
                  <option value="">{t('competence.visit.choose')}</option>
                  {competencesOf(data.framework).map(({ area, competence }) => (
                    <option key={competence.key} value={competence.key}>
                      {inLocale(competence.titles)} ({area})
                    </option>
                  ))}
                </SelectField>
                <SelectField
                  id={`simulation-level-${i}`}
                  label={t('competence.visit.levelSeen', { n: i + 1 })}
                  value={s.level}
                  onValue={(v) => setSeen(seen.map((x, j) => (j === i ? { ...x, level: v } : x)))}
                  error={f[`seen.${i}.level`]}
                >
                  <option value="">{t('competence.visit.choose')}</option>
                  {data.framework.levels.map((l) => (
                    <option key={l.level} value={String(l.level)}>
                      {l.level} – {inLocale(l.titles)}
                    </option>
                  ))}
                </SelectField>
              </div>
            ))}
            {seen.length < 20 && (
              <Button onClick={() => setSeen([...seen, { competence: '', level: '' }])}>
                {t('competence.visit.addCompetence')}
              </Button>
            )}
          </fieldset>
          <TextAreaField id="simulation-notes" label={t('competence.simulation.notes')} value={notes} onValue={setNotes} maxLength={4000} rows={3} dir="auto" error={f['notes']} />
          <TextAreaField id="simulation-next" label={t('competence.visit.nextStep')} value={nextStep} onValue={setNextStep} maxLength={4000} rows={2} dir="auto" error={f['nextStep']} />
          <Button type="submit" variant="primary" busy={busy}>
            {t('competence.simulation.save')}
          </Button>
        </Form>
      )}
    </Page>
  );
}

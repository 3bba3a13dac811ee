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
import { competencesOf, inLocale, newId, SETTINGS, settingName, type Setting } from './words';
import { useMentorable } from './mentoring';
import './Competence.css';

interface Seen {
  competence: string;
  level: string;
}

const STAR = ['situation', 'task', 'action', 'result', 'reflection'] as const;

/**
 * `/team-development/visit`: log a field-mentoring visit of a coach of the team — the day, the
 * setting, the competences seen with the level seen, notes in the Situation–Task–Action–
 * Result–Reflection form and the next step. Sent once however often it is retried (`localId`).
 */
export default function VisitNew() {
  const { query } = useLocation();
  const team = query.get('team') ?? undefined;
  const matrix = useMentorable(team);
  const [localId] = useState(newId);
  const [person, setPerson] = useState(query.get('person') ?? '');
  const [visitedOn, setVisitedOn] = useState(() => todayIn(browserZone()));
  const [setting, setSetting] = useState<Setting>('job_development');
  const [seen, setSeen] = useState<Seen[]>([{ competence: '', level: '' }]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const data = matrix.data;
  const from = query.get('person');
  const back = from ? `/team-development/person?id=${from}` : `/team-development${team ? `?team=${team}` : ''}`;

  async function submit() {
    const missing: Record<string, string> = {};
    const chosen = person || data?.people[0]?.personId || '';
    seen.forEach((s, i) => {
      if (!s.competence) missing[`seen.${i}.competence`] = t('competence.visit.chooseCompetence');
      if (s.level === '') missing[`seen.${i}.level`] = t('competence.visit.chooseLevel');
    });
    if (Object.keys(missing).length) {
      setTrouble({ title: t('competence.visit.fix'), fields: missing });
      return;
    }
    setBusy(true);
    setTrouble(null);
    try {
      await api.post('/api/competence/visits', {
        body: {
          localId,
          personId: chosen,
          visitedOn,
          setting,
          seen: seen.map((s) => ({ competence: s.competence, level: Number(s.level) })),
          situation: notes.situation ?? '',
          task: notes.task ?? '',
          action: notes.action ?? '',
          result: notes.result ?? '',
          reflection: notes.reflection ?? '',
          nextStep: notes.nextStep ?? '',
        },
      });
      navigate(`${back}${back.includes('?') ? '&' : '?'}logged=1`);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const f = trouble?.fields ?? {};
  return (
    <Page title={t('competence.visit.title')} back={{ href: back, label: (from && data?.people.find((p) => p.personId === from)?.displayName) || t('competence.team.title') }}>
      {data === undefined ? (
        <LoadState loading={matrix.loading} trouble={matrix.trouble} />
      ) : data.people.length === 0 ? (
        <p>{t('competence.team.empty')}</p>
      ) : (
        <Form onSubmit={() => void submit()}>
          {trouble && <Notice kind="error" title={trouble.title} />}
          <SelectField
            id="visit-person"
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
          <TextField
            id="visit-day"
            type="date"
            label={t('competence.visit.day')}
            value={visitedOn}
            onValue={setVisitedOn}
            error={f['visitedOn']}
          />
          <SelectField
            id="visit-setting"
            label={t('competence.visit.setting')}
            value={setting}
            onValue={(v) => setSetting(v as Setting)}
            error={f['setting']}
          >
            {SETTINGS.map((s) => (
              <option key={s} value={s}>
                {settingName(s)}
              </option>
            ))}
          </SelectField>
          <fieldset class="field">
            <legend class="field__label">{t('competence.visit.seen')}</legend>
            {seen.map((s, i) => (
              <div class="competence-seen" key={i}>
                <SelectField
                  id={`visit-seen-${i}`}
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
                  id={`visit-level-${i}`}
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
          {[...STAR, 'nextStep' as const].map((key) => (
            <TextAreaField
              key={key}
              id={`visit-${key}`}
              label={t(`competence.visit.${key}`)}
              hint={t(`competence.visit.${key}Hint`)}
              value={notes[key] ?? ''}
              onValue={(v) => setNotes({ ...notes, [key]: v })}
              maxLength={4000}
              rows={3}
              dir="auto"
              error={f[key]}
            />
          ))}
          <Button type="submit" variant="primary" busy={busy}>
            {t('competence.visit.save')}
          </Button>
        </Form>
      )}
    </Page>
  );
}

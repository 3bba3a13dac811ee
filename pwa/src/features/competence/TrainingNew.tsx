import { useState } from 'preact/hooks';
import { api, uploadFile } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { FileField, Form, TextField } from '../../components/Field/Field';
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

/**
 * `/development/training` (`?person=` when a coordinator adds one for a coach of her team): a
 * training record — course, provider, hours, day, the competences it serves, when its
 * certificate expires — and the certificate itself, a PDF or a photo (sent after the record).
 */
export default function TrainingNew() {
  const { query } = useLocation();
  const person = query.get('person') ?? undefined;
  const back = person ? `/team-development/person?person=${person}` : '/development';
  const framework = useResource(() => api.get('/api/competence/frameworks/{framework_id}', { path: { framework_id: 'current' } }));
  const [localId] = useState(newId);
  const [course, setCourse] = useState('');
  const [provider, setProvider] = useState('');
  const [hours, setHours] = useState('');
  const [takenOn, setTakenOn] = useState(() => todayIn(browserZone()));
  const [expiresOn, setExpiresOn] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);

  const hoursNumber = () => Number(hours.trim().replace(',', '.'));

  async function submit() {
    const missing: Record<string, string> = {};
    if (!course.trim()) missing.course = t('competence.training.courseMissing');
    if (!(hoursNumber() > 0)) missing.hours = t('competence.training.hoursMissing');
    if (Object.keys(missing).length) {
      setTrouble({ title: t('competence.training.fix'), fields: missing });
      return;
    }
    setBusy(true);
    setTrouble(null);
    try {
      const record = await api.post('/api/competence/trainings', {
        body: {
          localId,
          personId: person,
          course: course.trim(),
          provider: provider.trim(),
          hours: hoursNumber(),
          takenOn,
          competences: chosen,
          expiresOn: expiresOn || null,
          zone: browserZone(),
        },
      });
      if (file) {
        await uploadFile(`/api/competence/trainings/${record.id}/certificate`, file, file.name, 'POST');
      }
      navigate(`${back}${back.includes('?') ? '&' : '?'}training=1`);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const f = trouble?.fields ?? {};
  return (
    <Page title={t('competence.training.title')} back={{ href: back, label: t('competence.training.back') }}>
      {framework.data === undefined ? (
        <LoadState loading={framework.loading} trouble={framework.trouble} />
      ) : (
        <Form onSubmit={() => void submit()}>
          {trouble && <Notice kind="error" title={trouble.title} />}
          <TextField id="training-course" label={t('competence.training.course')} value={course} onValue={setCourse} maxLength={200} error={f.course} />
          <TextField id="training-provider" label={t('competence.training.provider')} value={provider} onValue={setProvider} maxLength={200} error={f.provider} />
          <TextField
            id="training-hours"
            label={t('competence.training.hours')}
            hint={t('competence.training.hoursHint')}
            value={hours}
            onValue={setHours}
            error={f.hours}
          />
          <TextField id="training-day" type="date" label={t('competence.training.day')} value={takenOn} onValue={setTakenOn} error={f.takenOn} />
          <TextField
            id="training-expires"
            type="date"
            label={t('competence.training.expires')}
            hint={t('competence.training.expiresHint')}
            value={expiresOn}
            onValue={setExpiresOn}
            error={f.expiresOn}
          />
          <fieldset class="field">
            <legend class="field__label">{t('competence.training.competences')}</legend>
            {competencesOf(framework.data).map(({ area, competence }) => (
              <label class="choice" key={competence.key}>
                <input
                  class="choice__input"
                  type="checkbox"
                  checked={chosen.includes(competence.key)}
                  onChange={(e) =>
                    setChosen(
                      (e.target as HTMLInputElement).checked
                        ? [...chosen, competence.key]
                        : chosen.filter((k) => k !== competence.key),
                    )
                  }
                />
                <span class="choice__text">
                  {inLocale(competence.titles)} ({area})
                </span>
              </label>
            ))}
          </fieldset>
          <FileField
            id="training-certificate"
            label={t('competence.training.certificate')}
            hint={t('competence.training.certificateHint')}
            accept="application/pdf,image/*"
            onFile={setFile}
            error={f.file}
          />
          <Button type="submit" variant="primary" busy={busy}>
            {t('competence.training.save')}
          </Button>
        </Form>
      )}
    </Page>
  );
}

import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Form, SelectField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { navigate, useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { newId } from './words';
import './Competence.css';

/**
 * `/team-development/assessment/new?person=`: start a coach's summative assessment, naming the
 * two assessors (an administrator, the coordinator of the team, or a certified coach; the server
 * says which one does not fit). Sent once however often it is retried (`localId`).
 */
export default function AssessmentNew() {
  const { query } = useLocation();
  const personId = query.get('person') ?? '';
  const choices = useResource(async () => {
    const [assessors, record] = await Promise.all([
      api.get('/api/competence/assessments/assessors', { query: { person: personId } }),
      api.get('/api/competence/record', { query: { person: personId } }),
    ]);
    return { assessors, name: record.person.displayName };
  }, [personId]);
  const [localId] = useState(newId);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const back = `/team-development/person?id=${personId}`;
  const candidates = choices.data?.assessors ?? [];
  const personName = choices.data?.name;

  async function submit() {
    setBusy(true);
    setTrouble(null);
    try {
      const made = await api.post('/api/competence/assessments', {
        body: { localId, personId, assessorIds: [first, second] },
      });
      navigate(`/development/assessment?id=${made.id}`);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const f = trouble?.fields ?? {};
  return (
    <Page title={t('competence.assessment.newTitle')} back={{ href: back, label: personName ?? t('competence.team.title') }}>
      <p class="lead">{t('competence.assessment.newIntro', { name: personName ?? '' })}</p>
      {choices.data === undefined ? (
        <LoadState loading={choices.loading} trouble={choices.trouble} />
      ) : (
        <Form onSubmit={() => void submit()}>
          {trouble && <Notice kind="error" title={trouble.title} />}
          {[
            { id: 'assessor-1', value: first, set: setFirst, label: t('competence.assessment.assessor1'), error: f['assessorIds.0'] ?? f['assessorIds'] },
            { id: 'assessor-2', value: second, set: setSecond, label: t('competence.assessment.assessor2'), error: f['assessorIds.1'] },
          ].map((field) => (
            <SelectField
              key={field.id}
              id={field.id}
              label={field.label}
              hint={t('competence.assessment.assessorHint')}
              value={field.value}
              onValue={field.set}
              error={field.error}
            >
              <option value="">{t('competence.visit.choose')}</option>
              {candidates.map((p) => (
                <option key={p.personId} value={p.personId}>
                  {p.displayName}
                </option>
              ))}
            </SelectField>
          ))}
          <Button type="submit" variant="primary" busy={busy}>
            {t('competence.assessment.start')}
          </Button>
        </Form>
      )}
    </Page>
  );
}

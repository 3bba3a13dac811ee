import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, SelectField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { formatDate, t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { newId } from './words';

/**
 * A coach's mentor in the field: who it is now and who was before; for the coordinator of the
 * coach's team (or an administrator), a choice of the team's coordinator or a certified coach to
 * name, and a button to end it. The mentor then reads this record and logs visits and
 * simulations of the coach's work.
 */
export function FieldMentorCard({ personId, name, canName }: { personId: string; name: string; canName: boolean }) {
  const mentors = useResource(() => api.get('/api/competence/field-mentors', { query: { person: personId } }), [personId]);
  const choices = useResource(
    () => (canName ? api.get('/api/competence/field-mentors/choices', { query: { person: personId } }) : Promise.resolve([])),
    [personId, canName],
  );
  const [chosen, setChosen] = useState('');
  const [localId, setLocalId] = useState(newId);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [done, setDone] = useState<'named' | 'ended' | null>(null);
  const [busy, setBusy] = useState(false);
  const list = mentors.data;
  const current = list?.find((m) => m.endedOn === null);
  const earlier = list?.filter((m) => m.endedOn !== null) ?? [];
  const offered = (choices.data ?? []).filter((c) => c.personId !== current?.mentorId);

  async function act(work: () => Promise<unknown>, outcome: 'named' | 'ended') {
    setBusy(true);
    setTrouble(null);
    setDone(null);
    try {
      await work();
      setDone(outcome);
      setChosen('');
      setLocalId(newId());
      await mentors.reload();
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card id="field-mentor" title={t('competence.mentor.title')}>
      {done && <Notice kind="success" title={t(done === 'named' ? 'competence.mentor.named' : 'competence.mentor.ended')} />}
      {list === undefined ? (
        <LoadState loading={mentors.loading} trouble={mentors.trouble} />
      ) : (
        <>
          <p>
            {current
              ? t('competence.mentor.current', { name: current.mentorName, date: formatDate(current.startedOn) })
              : t('competence.mentor.none')}
          </p>
          {earlier.length > 0 && (
            <ul class="competence-list">
              {earlier.map((m) => (
                <li key={m.id}>
                  {t('competence.mentor.earlier', {
                    name: m.mentorName,
                    from: formatDate(m.startedOn),
                    to: formatDate(m.endedOn ?? m.startedOn),
                  })}
                </li>
              ))}
            </ul>
          )}
          {canName && current && (
            <div class="actions">
              <Button
                busy={busy}
                onClick={() =>
                  void act(
                    () => api.post('/api/competence/field-mentors/{mentoring_id}/end', { path: { mentoring_id: current.id } }),
                    'ended',
                  )
                }
              >
                {t('competence.mentor.end')}
              </Button>
            </div>
          )}
          {canName && offered.length > 0 && (
            <Form
              onSubmit={() =>
                void act(
                  () =>
                    api.post('/api/competence/field-mentors', {
                      body: { localId, personId, mentorId: chosen || offered[0]?.personId || '' },
                    }),
                  'named',
                )
              }
            >
              {trouble && <Notice kind="error" title={trouble.title} />}
              <SelectField
                id="field-mentor-choice"
                label={t('competence.mentor.choose', { name })}
                hint={t('competence.mentor.chooseHint')}
                value={chosen || offered[0]?.personId || ''}
                onValue={setChosen}
                error={trouble?.fields?.['mentorId']}
              >
                {offered.map((c) => (
                  <option key={c.personId} value={c.personId}>
                    {c.displayName}
                  </option>
                ))}
              </SelectField>
              <Button type="submit" variant="primary" busy={busy}>
                {current ? t('competence.mentor.replace') : t('competence.mentor.name')}
              </Button>
            </Form>
          )}
        </>
      )}
    </Card>
  );
}

/** On "My development": who mentors me in the field, and the coaches I mentor (each a link to
 * their development, where I log visits and simulations). */
export function MyFieldMentoring({ personId }: { personId: string }) {
  const mine = useResource(() => api.get('/api/competence/field-mentors', { query: { person: personId } }), [personId]);
  const mentees = useResource(() => api.get('/api/competence/mentees'));
  const current = mine.data?.find((m) => m.endedOn === null);
  return (
    <>
      <Card id="my-field-mentor" title={t('competence.mentor.mine')}>
        {mine.data === undefined ? (
          <LoadState loading={mine.loading} trouble={mine.trouble} />
        ) : (
          <p>
            {current
              ? t('competence.mentor.current', { name: current.mentorName, date: formatDate(current.startedOn) })
              : t('competence.mentor.mineNone')}
          </p>
        )}
      </Card>
      {mentees.data !== undefined && mentees.data.length > 0 && (
        <Card id="my-mentees" title={t('competence.mentor.mentees')}>
          <p>{t('competence.mentor.menteesIntro')}</p>
          <ul class="competence-list">
            {mentees.data.map((m) => (
              <li key={m.id} class="competence-row">
                <LinkButton href={`/team-development/person?id=${m.personId}`} block>
                  {t('competence.mentor.open', { name: m.personName })}
                </LinkButton>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}

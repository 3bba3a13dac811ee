import { api, pages } from '../../api/client';
import { SelectField } from '../../components/Field/Field';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { browserZone, todayIn } from '../shifts/words';

export interface Chosen {
  employerId: string;
  personId: string;
  /** The person's name from the register ("" when none is chosen). */
  personName: string;
}

/**
 * "At which employer" and "Who there", from the employer register: the employers of the
 * client's current jobs come first, then the rest of the register; the people are the chosen
 * employer's. "Not in the register" leaves both empty,
 * and the name is typed instead.
 */
export function EmployerPersonChoice({
  clientId,
  value,
  onChoose,
}: {
  clientId: string;
  value: Chosen;
  onChoose: (chosen: Chosen) => void;
}) {
  const register = useResource(() => pages.first('/api/employers', { query: { limit: 200 } }), []);
  const jobs = useResource(
    () => pages.first('/api/clients/{client_id}/jobs', { path: { client_id: clientId } }),
    [clientId],
  );
  const employer = useResource(
    () =>
      value.employerId
        ? api.get('/api/employers/{employer_id}', { path: { employer_id: value.employerId } })
        : Promise.resolve(null),
    [value.employerId],
  );
  const today = todayIn(browserZone());
  const currentIds = new Set(
    (jobs.data?.items ?? [])
      .filter((job) => job.employerId && (!job.endDate || job.endDate >= today))
      .map((job) => job.employerId ?? ''),
  );
  const all = register.data?.items ?? [];
  const current = all.filter((e) => currentIds.has(e.id));
  const others = all.filter((e) => !currentIds.has(e.id));
  const people = employer.data?.people ?? [];
  return (
    <>
      <SelectField
        id="activity-employer"
        label={t('activity.employerLabel')}
        value={value.employerId}
        onValue={(employerId) => onChoose({ employerId, personId: '', personName: '' })}
      >
        <option value="">{t('activity.employerNone')}</option>
        {current.length > 0 && (
          <optgroup label={t('activity.employerCurrent')}>
            {current.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </optgroup>
        )}
        {others.length > 0 && (
          <optgroup label={t('activity.employerOthers')}>
            {others.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </optgroup>
        )}
      </SelectField>
      {value.employerId && people.length > 0 && (
        <SelectField
          id="activity-person"
          label={t('activity.personLabel')}
          value={value.personId}
          onValue={(personId) =>
            onChoose({ ...value, personId, personName: people.find((p) => p.id === personId)?.name ?? '' })
          }
        >
          <option value="">{t('activity.personNone')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.role ? t('activity.personWithRole', { name: p.name, role: p.role }) : p.name}
            </option>
          ))}
        </SelectField>
      )}
    </>
  );
}

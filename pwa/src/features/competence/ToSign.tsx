import { api } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { formatDate, t } from '../../i18n';
import { useResource } from '../../lib/useResource';

/** The open summative assessments I am an assessor of (nothing shown when there are none). */
export function ToSign() {
  const got = useResource(() => api.get('/api/competence/assessments/to-sign', { query: { limit: 20 } }));
  if (!got.data || got.data.length === 0) return null;
  return (
    <Card id="assessments-to-sign" title={t('competence.assessment.toSign')}>
      <ul class="competence-list">
        {got.data.map((a) => (
          <li key={a.id} class="competence-row">
            <LinkButton href={`/development/assessment?id=${a.id}`} block>
              {t('competence.assessment.of', { name: a.personName, date: formatDate(a.createdAt) })}
            </LinkButton>
          </li>
        ))}
      </ul>
    </Card>
  );
}

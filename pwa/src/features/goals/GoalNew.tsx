import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Form } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { navigate } from '../../lib/router';
import { emptyGoal, goalBody, goalErrors, GoalFields } from './GoalFields';

/** `/clients/:id/goals/new`: the coach writes a goal down with the client. */
export default function GoalNew({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const [draft, setDraft] = useState(emptyGoal);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = goalErrors(trouble?.fields ?? {});

  async function save() {
    setBusy(true);
    setTrouble(null);
    try {
      const goal = await api.post('/api/clients/{client_id}/goals', { path: { client_id: id }, body: goalBody(draft) });
      navigate(`/clients/${id}/goals/${goal.id}`);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('goals.coach.new')} back={{ href: `/clients/${id}/goals`, label: t('goals.coach.backToGoals') }}>
      <p class="lead">{t('goals.form.intro')}</p>
      {trouble && <Notice kind="error" title={Object.keys(errors).length ? t('goals.error.summary') : trouble.title} />}
      <Form onSubmit={() => void save()}>
        <GoalFields id="goal" draft={draft} errors={errors} onChange={setDraft} />
        <Button type="submit" variant="primary" busy={busy}>
          {t('goals.form.save')}
        </Button>
      </Form>
    </Page>
  );
}

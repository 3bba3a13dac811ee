import { useState } from 'preact/hooks';
import { api, pages } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Choices, Form, SelectField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { navigate } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { recentMonths } from '../outcomes/words';
import { browserZone } from '../shifts/words';
import './Fidelity.css';

type TemplateKey = 'ips' | 'euse';

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).toISOString().slice(0, 10);
}

/**
 * `/fidelity/new`: start a review: which scale, whose work (a coordinator's own team; an
 * administrator's organisation or one team) and which month. The items the figures can score
 * come pre-filled. The phone makes the review's id, so pressing again never makes two.
 */
export default function NewReview() {
  const me = useMe();
  const isAdmin = me.role === 'admin';
  const teams = useResource(
    () => (isAdmin ? pages.all('/api/teams', { query: { limit: 200 } }) : Promise.resolve([])),
    [isAdmin],
  );
  const months = recentMonths();
  const [template, setTemplate] = useState<TemplateKey>('ips');
  const [scope, setScope] = useState(isAdmin ? 'organisation' : 'team');
  const [month, setMonth] = useState(months[0]?.value ?? '');
  const [localId] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const start = async () => {
    setBusy(true);
    setTrouble(null);
    try {
      const review = await api.post('/api/fidelity/reviews', {
        body: {
          localId,
          template,
          scope: scope === 'organisation' ? 'organisation' : 'team',
          teamId: scope === 'organisation' || scope === 'team' ? undefined : scope,
          start: `${month}-01`,
          end: lastDayOf(month),
          zone: browserZone(),
        },
      });
      navigate(`/fidelity/${review.id}`, { replace: true });
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  };
  const periodError = trouble?.fields.start ?? trouble?.fields.end ?? trouble?.fields.zone;
  const scopeError = trouble?.fields.teamId;
  const shown = trouble && !periodError && !scopeError;
  return (
    <Page title={t('fidelity.new.title')} back={{ href: '/fidelity', label: t('fidelity.title') }}>
      {shown && <Notice kind="error" title={trouble.title} />}
      <Form onSubmit={() => void start()} label={t('fidelity.new.title')}>
        <Choices<TemplateKey>
          id="fidelity-template"
          legend={t('fidelity.new.template')}
          value={template}
          onValue={setTemplate}
          choices={[
            { value: 'ips', label: t('fidelity.template.ips'), hint: t('fidelity.template.ipsHint') },
            { value: 'euse', label: t('fidelity.template.euse'), hint: t('fidelity.template.euseHint') },
          ]}
        />
        {isAdmin && (
          <SelectField
            id="fidelity-scope"
            label={t('fidelity.new.scope')}
            value={scope}
            onValue={setScope}
            error={scopeError ? t('fidelity.error.team') : undefined}
          >
            <option value="organisation">{t('outcomes.scope.organisation')}</option>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {t('outcomes.scope.team', { name: team.name })}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          id="fidelity-month"
          label={t('fidelity.new.month')}
          hint={t('fidelity.new.monthHint')}
          value={month}
          onValue={setMonth}
          error={periodError ? t('fidelity.error.period') : undefined}
        >
          {months.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="primary" disabled={busy}>
          {t('fidelity.new.action')}
        </Button>
      </Form>
    </Page>
  );
}

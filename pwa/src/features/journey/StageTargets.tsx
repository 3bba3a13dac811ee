import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { stageName } from '../clients/stages';

/**
 * The organisation's target number of days per stage (administrators): a stage going on longer
 * is flagged on the coaches' and coordinators' client lists. An empty field: no target.
 */
export function StageTargets() {
  const targets = useResource(() => api.get('/api/journey/targets'), []);
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (targets.data && !draft) {
      setDraft(
        Object.fromEntries(targets.data.targets.map((row) => [row.stage, row.days?.toString() ?? ''])),
      );
    }
  }, [targets.data]);
  const rows = targets.data?.targets;

  async function save() {
    if (!draft || !rows) return;
    setBusy(true);
    setTrouble(null);
    setSaved(false);
    try {
      const answer = await api.put('/api/journey/targets', {
        body: {
          targets: rows.map((row) => ({
            stage: row.stage,
            days: draft[row.stage]?.trim() ? Number(draft[row.stage]) : null,
          })),
        },
      });
      targets.set(answer);
      setSaved(true);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card id="stage-targets" title={t('journey.targets.title')}>
      <p>{t('journey.targets.intro')}</p>
      {!rows || !draft ? (
        <LoadState loading={targets.loading} trouble={targets.trouble} />
      ) : (
        <Form onSubmit={() => void save()} label={t('journey.targets.title')}>
          {trouble && <Notice kind="error" title={trouble.title} />}
          {rows.map((row, index) => (
            <TextField
              key={row.stage}
              id={`target-${row.stage}`}
              label={t('journey.targets.days', { stage: stageName(row.stage) })}
              hint={t('journey.targets.hint')}
              value={draft[row.stage] ?? ''}
              onValue={(value) => setDraft({ ...draft, [row.stage]: value.replace(/[^0-9]/g, '') })}
              error={trouble?.fields[`targets[${index}].days`]}
            />
          ))}
          {saved && <Notice kind="success" title={t('journey.targets.saved')} />}
          <div class="actions">
            <Button type="submit" variant="primary" busy={busy}>
              {t('journey.targets.save')}
            </Button>
          </div>
        </Form>
      )}
    </Card>
  );
}

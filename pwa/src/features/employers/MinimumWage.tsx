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
import { centsOf } from './words';

interface Draft {
  amount: string;
  currency: string;
}

/**
 * The legal minimum hourly wage (administrators), with its currency: the figures compare the
 * pay recorded on clients' jobs with it ("Paid at least the minimum wage"). An empty amount:
 * not set, and that figure has no value.
 */
export function MinimumWage() {
  const minimum = useResource(() => api.get('/api/minimum-wage'), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (minimum.data && !draft) {
      const cents = minimum.data.hourlyCents;
      setDraft({
        amount: typeof cents === 'number' ? (cents / 100).toFixed(2) : '',
        currency: minimum.data.currency ?? 'EUR',
      });
    }
  }, [minimum.data]);

  async function save() {
    if (!draft) return;
    setTrouble(null);
    setSaved(false);
    const cents = centsOf(draft.amount);
    const currency = draft.currency.trim().toUpperCase();
    const fields: Record<string, string> = {};
    if (cents !== null && (Number.isNaN(cents) || cents < 1)) fields.hourlyCents = t('minimumWage.errorAmount');
    if (!/^[A-Z]{3}$/.test(currency)) fields.currency = t('minimumWage.errorCurrency');
    if (Object.keys(fields).length) {
      setTrouble({ title: t('form.fixErrors'), fields });
      return;
    }
    setBusy(true);
    try {
      const answer = await api.put('/api/minimum-wage', { body: { hourlyCents: cents, currency } });
      minimum.set(answer);
      setSaved(true);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card id="minimum-wage" title={t('minimumWage.title')}>
      <p>{t('minimumWage.intro')}</p>
      {!draft ? (
        <LoadState loading={minimum.loading} trouble={minimum.trouble} />
      ) : (
        <Form onSubmit={() => void save()} label={t('minimumWage.title')}>
          {trouble && <Notice kind="error" title={trouble.title} />}
          <TextField
            id="minimum-amount"
            label={t('minimumWage.amount')}
            hint={t('minimumWage.amountHint')}
            value={draft.amount}
            onValue={(amount) => setDraft({ ...draft, amount })}
            maxLength={8}
            error={trouble?.fields.hourlyCents}
          />
          <TextField
            id="minimum-currency"
            label={t('minimumWage.currency')}
            hint={t('minimumWage.currencyHint')}
            value={draft.currency}
            onValue={(currency) => setDraft({ ...draft, currency })}
            maxLength={3}
            error={trouble?.fields.currency}
          />
          {saved && <Notice kind="success" title={t('minimumWage.saved')} />}
          <div class="actions">
            <Button type="submit" variant="primary" busy={busy}>
              {t('minimumWage.save')}
            </Button>
          </div>
        </Form>
      )}
    </Card>
  );
}

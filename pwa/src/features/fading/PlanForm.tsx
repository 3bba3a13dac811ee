import { useState } from 'preact/hooks';
import { Button } from '../../components/Button/Button';
import { Form, SelectField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { browserZone, todayIn } from '../shifts/words';
import { savePlan, type PlanSaved } from './data';
import type { FadingPlan } from './words';

type Kind = 'hours' | 'share';

interface Draft {
  fromDate: string;
  kind: Kind;
  value: string;
}

function draftsOf(plan: FadingPlan): Draft[] {
  if (plan.steps.length === 0) return [{ fromDate: todayIn(browserZone()), kind: 'hours', value: '' }];
  return plan.steps.map((s) =>
    s.coachHoursPerWeek !== null && s.coachHoursPerWeek !== undefined
      ? { fromDate: s.fromDate, kind: 'hours', value: String(s.coachHoursPerWeek) }
      : { fromDate: s.fromDate, kind: 'share', value: String(s.shareOfShiftPercent ?? '') },
  );
}

/** "7,5" and "7.5" are the same number to a person. */
function numberOf(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || Number.isNaN(value) ? null : value;
}

/**
 * The plan's steps, all of them: from a date, the coach's hours a week or a share of the
 * client's shift time. Saving makes the plan's next version (the weeks already closed keep
 * theirs); one id per save, so a retry lands once. Saved through the outbox: without signal the
 * plan waits on the phone (`data.ts`).
 */
export function PlanForm({
  plan,
  onSaved,
  onCancel,
}: {
  plan: FadingPlan;
  onSaved: (saved: PlanSaved) => void;
  onCancel?: () => void;
}) {
  const [steps, setSteps] = useState<Draft[]>(() => draftsOf(plan));
  const [writeId, setWriteId] = useState(() => crypto.randomUUID());
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = trouble?.fields ?? {};

  function change(i: number, patch: Partial<Draft>) {
    setSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  }

  async function save() {
    const problems: Record<string, string> = {};
    const body = steps.map((s, i) => {
      const value = numberOf(s.value);
      if (!s.fromDate) problems[`steps.${i}.fromDate`] = t('fading.error.date');
      if (value === null) {
        problems[s.kind === 'hours' ? `steps.${i}.coachHoursPerWeek` : `steps.${i}.shareOfShiftPercent`] =
          t('fading.error.value');
      }
      return s.kind === 'hours'
        ? { fromDate: s.fromDate, coachHoursPerWeek: value ?? 0 }
        : { fromDate: s.fromDate, shareOfShiftPercent: Math.round(value ?? 0) };
    });
    if (Object.keys(problems).length) {
      setTrouble({ title: t('form.fixErrors'), fields: problems });
      return;
    }
    setTrouble(null);
    setBusy(true);
    try {
      const saved = await savePlan(plan, { localId: writeId, steps: body, zone: plan.zone || browserZone() });
      setWriteId(crypto.randomUUID());
      onSaved(saved);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void save()} label={t('fading.edit')}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      {steps.map((s, i) => {
        const valueField = s.kind === 'hours' ? `steps.${i}.coachHoursPerWeek` : `steps.${i}.shareOfShiftPercent`;
        return (
          <fieldset class="fading-step" key={i}>
            <legend>{t('fading.stepN', { n: i + 1 })}</legend>
            <TextField
              id={`fading-step-${i}-from`}
              type="date"
              label={t('fading.from')}
              value={s.fromDate}
              onValue={(fromDate) => change(i, { fromDate })}
              error={fields[`steps.${i}.fromDate`]}
            />
            <SelectField
              id={`fading-step-${i}-kind`}
              label={t('fading.kind')}
              value={s.kind}
              onValue={(kind) => change(i, { kind: kind as Kind })}
            >
              <option value="hours">{t('fading.kind.hours')}</option>
              <option value="share">{t('fading.kind.share')}</option>
            </SelectField>
            <TextField
              id={`fading-step-${i}-value`}
              label={s.kind === 'hours' ? t('fading.hoursLabel') : t('fading.shareLabel')}
              hint={s.kind === 'hours' ? t('fading.hoursHint') : t('fading.shareHint')}
              value={s.value}
              onValue={(value) => change(i, { value })}
              error={fields[valueField]}
            />
            {steps.length > 1 && (
              <Button variant="quiet" onClick={() => setSteps(steps.filter((_, j) => j !== i))}>
                {t('fading.removeStep', { n: i + 1 })}
              </Button>
            )}
          </fieldset>
        );
      })}
      {fields.steps && <Notice kind="error" title={fields.steps} />}
      <div class="actions">
        {steps.length < 20 && (
          <Button onClick={() => setSteps([...steps, { fromDate: '', kind: steps.at(-1)?.kind ?? 'hours', value: '' }])}>
            {t('fading.addStep')}
          </Button>
        )}
        <Button type="submit" variant="primary" busy={busy}>
          {t('fading.save')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('fading.cancel')}</Button>}
      </div>
    </Form>
  );
}

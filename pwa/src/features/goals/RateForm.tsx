import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Choices, Form, TextAreaField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { GAS_LEVELS, type Evaluation, type Goal } from '../../data/goals';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { levelInWords, signed } from './words';

type Level = `${(typeof GAS_LEVELS)[number]}`;

/** Sent, with the goal as the server now has it, or saved on the device to be sent later. */
export type RateResult = { state: 'sent'; goal?: Goal } | { state: 'waiting' };

function sendNow(goalId: string) {
  return async (rating: number, comment: string): Promise<RateResult> => {
    const goal = await api.put('/api/goals/{goal_id}/evaluation', {
      path: { goal_id: goalId },
      body: { rating, comment },
    });
    return { state: 'sent', goal };
  };
}

/**
 * The final evaluation: how well a goal was reached on the Goal Attainment Scale (−2 … +2), by
 * picking one of the goal's own sentences (the scale's general words where none was written),
 * with a comment. The client's rating and the coach's are kept apart: the server knows who rates.
 */
export function RateForm({
  goalId,
  levels,
  current,
  legend,
  numbers = false,
  send,
  onSaved,
}: {
  goalId: string;
  /** The goal's levels as written when it was set; null for a goal set before levels. */
  levels: Goal['levels'];
  current: Evaluation | null | undefined;
  legend: string;
  /** The coach sees the scale's numbers beside the words. */
  numbers?: boolean;
  /** How the rating reaches the server: at once (staff), or through the outbox (the client). */
  send?: (rating: number, comment: string) => Promise<RateResult>;
  onSaved: (result: RateResult) => void;
}) {
  const [level, setLevel] = useState<Level | ''>(current ? (String(current.rating) as Level) : '');
  const [comment, setComment] = useState(current?.comment ?? '');
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [saved, setSaved] = useState<'sent' | 'waiting' | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    setSaved(null);
    if (level === '') {
      setTrouble({ title: t('gas.chooseFirst'), fields: { rating: t('gas.chooseFirst') } });
      return;
    }
    setBusy(true);
    setTrouble(null);
    try {
      const result = await (send ?? sendNow(goalId))(Number(level), comment);
      setSaved(result.state);
      onSaved(result);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void save()}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      <Choices<Level | ''>
        id={`rating-${goalId}`}
        name="rating"
        legend={legend}
        value={level}
        error={trouble?.fields.rating}
        onValue={setLevel}
        choices={GAS_LEVELS.map((value) => ({
          value: String(value) as Level,
          label: numbers ? `${signed(value)} ${levelInWords({ levels }, value)}` : levelInWords({ levels }, value),
        }))}
      />
      <TextAreaField
        id={`comment-${goalId}`}
        label={t('gas.comment')}
        hint={t('gas.commentHint')}
        value={comment}
        maxLength={1000}
        rows={3}
        dir="auto"
        error={trouble?.fields.comment}
        onValue={setComment}
      />
      <Button type="submit" variant="primary" busy={busy}>
        {t('gas.save')}
      </Button>
      <p role="status" class="goal-status">
        {saved && t(saved === 'sent' ? 'gas.saved' : 'gas.savedOffline')}
      </p>
    </Form>
  );
}

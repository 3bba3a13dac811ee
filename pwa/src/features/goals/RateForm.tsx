import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Choices, Form, TextAreaField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { GAS_LEVELS, type Evaluation, type Goal } from '../../data/goals';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { gasInWords, signed } from './words';

type Level = `${(typeof GAS_LEVELS)[number]}`;

/**
 * Rate how well a goal was reached on the Goal Attainment Scale (−2 … +2) in plain words, with
 * a comment. The client's rating and the coach's are kept apart: the server knows who rates.
 */
export function RateForm({
  goalId,
  current,
  legend,
  numbers = false,
  onSaved,
}: {
  goalId: string;
  current: Evaluation | null | undefined;
  legend: string;
  /** The coach sees the scale's numbers beside the words. */
  numbers?: boolean;
  onSaved: (goal: Goal) => void;
}) {
  const [level, setLevel] = useState<Level | ''>(current ? (String(current.rating) as Level) : '');
  const [comment, setComment] = useState(current?.comment ?? '');
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function save() {
    setSaved(false);
    if (level === '') {
      setTrouble({ title: t('gas.chooseFirst'), fields: { rating: t('gas.chooseFirst') } });
      return;
    }
    setBusy(true);
    setTrouble(null);
    try {
      const goal = await api.put('/api/goals/{goal_id}/evaluation', {
        path: { goal_id: goalId },
        body: { rating: Number(level), comment },
      });
      setSaved(true);
      onSaved(goal);
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
          label: numbers ? `${signed(value)} ${gasInWords(value)}` : gasInWords(value),
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
        {saved && t('gas.saved')}
      </p>
    </Form>
  );
}

import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { TextAreaField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { checkIn, fetchMyGoals, GOALS_KEY, MOODS, type Goal, type Mood } from '../../data/goals';
import { useOnline } from '../../data/connection';
import { useStored } from '../../data/store';
import { t } from '../../i18n';
import { describe } from '../../lib/errors';
import { useMe } from '../../session';
import { GoalPicture } from './GoalPhoto';
import { formatDay, gasInWords, MOOD_FACES, moodInWords } from './words';
import './Goals.css';

/** "How I will do it": the goal's means as a numbered list. */
export function Means({ goal, id }: { goal: Goal; id: string }) {
  return (
    <>
      <h2 id={id}>{t('goals.means')}</h2>
      <ol class="goal-means" aria-labelledby={id}>
        {goal.means.map((mean, index) => (
          <li key={index} dir="auto">
            {mean}
          </li>
        ))}
      </ol>
    </>
  );
}

function CheckInButtons({ goal }: { goal: Goal }) {
  const [sent, setSent] = useState<Mood | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const online = useOnline();

  async function choose(mood: Mood) {
    setBusy(true);
    try {
      await checkIn(goal.id, mood, note);
      setSent(mood);
      setNote('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card id="check-in" title={t('goals.checkIn.title')}>
      <p>{t('goals.checkIn.intro')}</p>
      <TextAreaField
        id={`note-${goal.id}`}
        label={t('goals.checkIn.note')}
        hint={t('goals.checkIn.noteHint')}
        value={note}
        maxLength={280}
        rows={2}
        dir="auto"
        onValue={setNote}
      />
      <div class="mood-buttons">
        {MOODS.map((mood) => (
          <Button key={mood} busy={busy} onClick={() => void choose(mood)} aria-pressed={sent === mood ? 'true' : 'false'}>
            <span class="mood-buttons__face" aria-hidden="true">
              {MOOD_FACES[mood]}
            </span>
            {moodInWords(mood)}
          </Button>
        ))}
      </div>
      <p role="status" class="goal-status">
        {sent !== null &&
          (online
            ? t('goals.checkIn.saved', { mood: moodInWords(sent) })
            : t('goals.checkIn.savedOffline', { mood: moodInWords(sent) }))}
      </p>
      {goal.checkIns.length > 0 && (
        <p>{t('goals.checkIn.count', { count: goal.checkIns.length })}</p>
      )}
    </Card>
  );
}

/** `/goals/:id`: one goal for the client: what, how, until when; check in; rate at the end. */
export default function GoalScreen({ params }: { params: Record<string, string> }) {
  const me = useMe();
  const id = params.id ?? '';
  const goals = useStored(GOALS_KEY, () => fetchMyGoals(me), [me.id]);
  const [trouble, setTrouble] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const back = { href: '/goals', label: t('goals.back') };
  const goal = goals.data?.find((g) => g.id === id);
  if (!goal) {
    const missing = goals.data !== undefined && !goals.loading;
    return (
      <Page title={missing ? t('goals.notFound') : t('app.loading')} back={back}>
        <LoadState loading={goals.loading} trouble={goals.trouble} />
      </Page>
    );
  }

  async function start() {
    setBusy(true);
    setTrouble(null);
    try {
      await api.patch('/api/goals/{goal_id}', { path: { goal_id: id }, body: { status: 'active' } });
      await goals.reload();
    } catch (error) {
      setTrouble(describe(error).title);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={goal.title} titleDir="auto" back={back}>
      <p class="lead">
        {t('goals.period', { from: formatDay(goal.startsOn, 'long'), to: formatDay(goal.endsOn, 'long') })}
      </p>
      <GoalPicture goal={goal} />
      <Means goal={goal} id="means-title" />
      {goal.status === 'draft' && (
        <Card id="proposed" title={t('goals.proposed.title')}>
          <p>{t('goals.proposed.text')}</p>
          {trouble && <Notice kind="error" title={trouble} />}
          <Button variant="primary" busy={busy} onClick={() => void start()}>
            {t('goals.proposed.start')}
          </Button>
        </Card>
      )}
      {goal.status === 'active' && <CheckInButtons goal={goal} />}
      {(goal.status === 'active' || goal.status === 'ended') && (
        <Card id="rate" title={t('goals.rate.title')}>
          {goal.clientEvaluation ? (
            <p>{t('goals.rate.yours', { rating: gasInWords(goal.clientEvaluation.rating) })}</p>
          ) : (
            <p>{goal.status === 'ended' ? t('goals.rate.now') : t('goals.rate.atEnd')}</p>
          )}
          <LinkButton href={`/goals/${goal.id}/rate`} variant={goal.status === 'ended' ? 'primary' : 'secondary'}>
            {goal.clientEvaluation ? t('goals.rate.change') : t('goals.rate.button')}
          </LinkButton>
        </Card>
      )}
    </Page>
  );
}

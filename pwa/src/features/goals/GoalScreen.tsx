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
import {
  evaluationOpen,
  formatDay,
  formatWeekday,
  gasInWords,
  levelInWords,
  MOOD_FACES,
  moodInWords,
  opensOn,
  quoted,
  startsLater,
} from './words';
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

/**
 * What each result looks like, in the words written with the client when the goal was set
 * (Goal Attainment Scaling): the levels that were written, from "much more" down.
 */
export function Levels({ goal, id }: { goal: Goal; id: string }) {
  const levels = goal.levels;
  if (!levels) return null;
  const written = MOODS.filter((level) => levelInWords(goal, level) !== gasInWords(level));
  return (
    <>
      <h2 id={id}>{t('goals.levels.title')}</h2>
      <dl class="goal-levels" aria-labelledby={id}>
        {written.map((level) => (
          <div key={level} class={level === 0 ? 'goal-levels__expected' : undefined}>
            <dt>{gasInWords(level)}</dt>
            <dd dir="auto">{levelInWords(goal, level)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function CheckInButtons({ goal }: { goal: Goal }) {
  const [sent, setSent] = useState<Mood | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const online = useOnline();
  // A goal with written levels: the client picks the sentence that fits; otherwise a face.
  const words = (value: Mood) => (goal.levels ? levelInWords(goal, value) : moodInWords(value));

  async function choose(value: Mood) {
    setBusy(true);
    try {
      await checkIn(goal.id, goal.levels ? { level: value } : { mood: value }, note);
      setSent(value);
      setNote('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card id="check-in" title={t('goals.checkIn.title')}>
      <p>{t(goal.levels ? 'goals.checkIn.introLevels' : 'goals.checkIn.intro')}</p>
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
      <div class={goal.levels ? 'mood-buttons mood-buttons--sentences' : 'mood-buttons'}>
        {MOODS.map((mood) => (
          <Button key={mood} busy={busy} onClick={() => void choose(mood)} aria-pressed={sent === mood ? 'true' : 'false'}>
            {!goal.levels && (
              <span class="mood-buttons__face" aria-hidden="true">
                {MOOD_FACES[mood]}
              </span>
            )}
            <span dir="auto">{words(mood)}</span>
          </Button>
        ))}
      </div>
      <p role="status" class="goal-status">
        {sent !== null &&
          (online
            ? t('goals.checkIn.saved', { mood: quoted(words(sent)) })
            : t('goals.checkIn.savedOffline', { mood: quoted(words(sent)) }))}
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

  const later = startsLater(goal);
  const open = evaluationOpen(goal);
  return (
    <Page title={goal.title} titleDir="auto" back={back}>
      <p class="lead">
        {t('goals.period', { from: formatDay(goal.startsOn, 'long'), to: formatDay(goal.endsOn, 'long') })}
      </p>
      {later && <Notice kind="info" live={false} title={t('goals.startsLater', { date: formatWeekday(goal.startsOn) })} />}
      {goal.endedEarly && <p>{t('goals.end.ended', { date: formatDay(goal.endedEarly.on, 'long') })}</p>}
      <GoalPicture goal={goal} />
      <Means goal={goal} id="means-title" />
      <Levels goal={goal} id="levels-title" />
      {goal.status === 'draft' && (
        <Card id="proposed" title={t('goals.proposed.title')}>
          <p>{t('goals.proposed.text')}</p>
          {trouble && <Notice kind="error" title={trouble} />}
          <Button variant="primary" busy={busy} onClick={() => void start()}>
            {t('goals.proposed.start')}
          </Button>
        </Card>
      )}
      {goal.status === 'active' && !later && <CheckInButtons goal={goal} />}
      {(goal.status === 'active' || goal.status === 'ended') && !later && (
        <Card id="rate" title={t('goals.rate.title')}>
          {goal.clientEvaluation ? (
            <p>{t('goals.rate.yours', { rating: quoted(levelInWords(goal, goal.clientEvaluation.rating)) })}</p>
          ) : (
            <p>
              {!open
                ? t('goals.rate.opensOn', { date: formatWeekday(opensOn(goal)) })
                : goal.status === 'ended'
                  ? t('goals.rate.now')
                  : t('goals.rate.lastWeek')}
            </p>
          )}
          {open && (
            <LinkButton href={`/goals/${goal.id}/rate`} variant={goal.clientEvaluation ? 'secondary' : 'primary'}>
              {goal.clientEvaluation ? t('goals.rate.change') : t('goals.rate.button')}
            </LinkButton>
          )}
        </Card>
      )}
    </Page>
  );
}

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, TextAreaField } from '../../components/Field/Field';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { emptyGoal, goalBody, goalErrors, GoalFields, type GoalDraft } from '../goals/GoalFields';
import { MOODS, type Mood } from '../../data/goals';
import { formatDay, MOOD_FACES, moodInWords } from '../goals/words';
import { inLocale, resumeAt, type Conversation } from './texts';
import '../goals/Goals.css';
import './Pta.css';

/** The section where the client chooses how they have felt at work this month. */
const MOOD_SECTION = 'wellbeing';

function MoodAnswer({ mood }: { mood: number | null | undefined }) {
  return (
    <div>
      <dt>{t('pta.mood.question')}</dt>
      <dd>
        {mood === null || mood === undefined ? (
          t('pta.noAnswer')
        ) : (
          <>
            <span aria-hidden="true">{MOOD_FACES[mood]} </span>
            {moodInWords(mood)}
          </>
        )}
      </dd>
    </div>
  );
}

/** The answers as recorded: every section with its questions, for reading afterwards. */
function ReadView({ conversation }: { conversation: Conversation }) {
  return (
    <>
      {conversation.sections.map((section) => (
        <Card key={section.key} id={`read-${section.key}`} title={inLocale(section.titles)}>
          <dl class="answers">
            {section.key === MOOD_SECTION && <MoodAnswer mood={conversation.mood} />}
            {section.questions.map((q) => (
              <div key={q.key}>
                <dt>{inLocale(q.texts)}</dt>
                <dd dir="auto">{conversation.answers[q.key] || t('pta.noAnswer')}</dd>
              </div>
            ))}
          </dl>
        </Card>
      ))}
      <Card id="proposed-goals" title={t('pta.proposed')}>
        {conversation.proposedGoals.length === 0 ? (
          <p>{t('pta.noProposed')}</p>
        ) : (
          <LinkList label={t('pta.proposed')}>
            {conversation.proposedGoals.map((goal) => (
              <LinkListItem
                key={goal.id}
                href={`/clients/${conversation.ownerId}/goals/${goal.id}`}
                title={goal.title}
                detail={t('goals.period', { from: formatDay(goal.startsOn), to: formatDay(goal.endsOn) })}
              />
            ))}
          </LinkList>
        )}
      </Card>
    </>
  );
}

function Proposals({
  conversation,
  onEnded,
  onBack,
}: {
  conversation: Conversation;
  onEnded: (c: Conversation) => void;
  onBack: () => void;
}) {
  const [drafts, setDrafts] = useState<GoalDraft[]>([emptyGoal()]);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);

  async function end() {
    setBusy(true);
    setTrouble(null);
    // A goal with neither a title nor a mean is a form left empty: not proposed.
    const goals = drafts
      .filter((d) => d.title.trim() || d.means.some((m) => m.trim()))
      .map(goalBody);
    try {
      onEnded(
        await api.post('/api/conversations/{conversation_id}/end', {
          path: { conversation_id: conversation.id },
          body: { goals },
        }),
      );
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const fields = trouble?.fields ?? {};
  return (
    <section aria-labelledby="proposals-title">
      <h2 id="proposals-title">{t('pta.proposeTitle')}</h2>
      <p>{t('pta.proposeIntro')}</p>
      {trouble && <Notice kind="error" title={Object.keys(fields).length ? t('goals.error.summary') : trouble.title} />}
      <Form onSubmit={() => void end()}>
        {drafts.map((draft, index) => (
          <fieldset class="proposal" key={index}>
            <legend>{t('pta.goalN', { n: index + 1 })}</legend>
            <GoalFields
              id={`proposal-${index}`}
              draft={draft}
              errors={goalErrors(fields, `goals.${index}.`)}
              onChange={(next) => setDrafts(drafts.map((d, i) => (i === index ? next : d)))}
            />
            {drafts.length > 1 && (
              <Button onClick={() => setDrafts(drafts.filter((_, i) => i !== index))}>
                {t('pta.removeGoal', { n: index + 1 })}
              </Button>
            )}
          </fieldset>
        ))}
        <div class="actions">
          {drafts.length < 10 && <Button onClick={() => setDrafts([...drafts, emptyGoal()])}>{t('pta.addGoal')}</Button>}
        </div>
        <div class="actions">
          <Button onClick={onBack}>{t('pta.previous')}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {t('pta.end')}
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** One section of the battery: its standard questions, saved as the coach goes. */
function Guided({ initial, onEnded }: { initial: Conversation; onEnded: (c: Conversation) => void }) {
  const sections = initial.sections;
  const [step, setStep] = useState(() => resumeAt(initial));
  const [answers, setAnswers] = useState<Record<string, string>>({ ...initial.answers });
  const saved = useRef<Record<string, string>>({ ...initial.answers });
  const [mood, setMood] = useState<number | null>(initial.mood ?? null);
  const savedMood = useRef<number | null>(initial.mood ?? null);
  const latestMood = useRef(mood);
  latestMood.current = mood;
  const [status, setStatus] = useState('');
  const [trouble, setTrouble] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useLayoutEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [step]);

  const latest = useRef(answers);
  latest.current = answers;
  const queue = useRef<Promise<boolean>>(Promise.resolve(true));

  /** Send the answers changed since the last save; true when all is saved. Saves run one after
   * another (leaving a field saves too), so a click right after typing waits for that save. */
  function save(): Promise<boolean> {
    queue.current = queue.current.then(async () => {
      const changed = Object.entries(latest.current).filter(([key, value]) => (saved.current[key] ?? '') !== value);
      const face = latestMood.current;
      const moodChanged = face !== null && face !== savedMood.current;
      if (changed.length === 0 && !moodChanged) return true;
      try {
        await api.put('/api/conversations/{conversation_id}/answers', {
          path: { conversation_id: initial.id },
          body: {
            answers: changed.map(([questionKey, answer]) => ({ questionKey, answer })),
            ...(moodChanged ? { mood: face } : {}),
          },
        });
        for (const [key, value] of changed) saved.current[key] = value;
        if (moodChanged) savedMood.current = face;
        setTrouble(null);
        setStatus(t('pta.saved'));
        return true;
      } catch (error) {
        setTrouble(describe(error).title);
        return false;
      }
    });
    return queue.current;
  }

  async function go(to: number) {
    setBusy(true);
    try {
      if (await save()) {
        setStatus('');
        setStep(to);
      }
    } finally {
      setBusy(false);
    }
  }

  const progress = (
    <p class="pta-progress">{t('pta.progress', { n: Math.min(step + 1, sections.length + 1), total: sections.length + 1 })}</p>
  );
  if (step >= sections.length) {
    return (
      <>
        {progress}
        <Proposals conversation={initial} onEnded={onEnded} onBack={() => setStep(sections.length - 1)} />
      </>
    );
  }
  const section = sections[step];
  if (!section) return null;
  return (
    <section aria-labelledby="section-title">
      {progress}
      <h2 id="section-title" tabIndex={-1} ref={heading}>
        {t('pta.sectionN', { n: step + 1, total: sections.length, title: inLocale(section.titles) })}
      </h2>
      {trouble && <Notice kind="error" title={trouble} />}
      <Form onSubmit={() => void go(step + 1)}>
        {section.key === MOOD_SECTION && (
          <fieldset class="pta-mood">
            <legend>{t('pta.mood.question')}</legend>
            <p class="pta-mood__hint">{t('pta.mood.hint')}</p>
            <div class="mood-buttons">
              {MOODS.map((face: Mood) => (
                <Button
                  key={face}
                  aria-pressed={mood === face ? 'true' : 'false'}
                  onClick={() => {
                    setMood(face);
                    latestMood.current = face;
                    void save();
                  }}
                >
                  <span class="mood-buttons__face" aria-hidden="true">
                    {MOOD_FACES[face]}
                  </span>
                  <span>{moodInWords(face)}</span>
                </Button>
              ))}
            </div>
          </fieldset>
        )}
        {section.questions.map((q) => (
          <TextAreaField
            key={q.key}
            id={`answer-${q.key.replace('.', '-')}`}
            label={inLocale(q.texts)}
            value={answers[q.key] ?? ''}
            maxLength={4000}
            dir="auto"
            onValue={(value) => setAnswers({ ...answers, [q.key]: value })}
            onBlur={() => void save()}
          />
        ))}
        <div class="actions">
          {step > 0 && (
            <Button busy={busy} onClick={() => void go(step - 1)}>
              {t('pta.previous')}
            </Button>
          )}
          <Button type="submit" variant="primary" busy={busy}>
            {t('pta.saveNext')}
          </Button>
        </div>
        <p role="status" class="pta-status">
          {status}
        </p>
      </Form>
    </section>
  );
}

/** `/conversations/:id`: the guided monthly conversation while open, to read once ended. */
export default function ConversationScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const found = useResource(
    () => api.get('/api/conversations/{conversation_id}', { path: { conversation_id: id } }),
    [id],
  );
  const conversation = found.data;
  if (!conversation) {
    return (
      <Page title={found.trouble ? t('pta.notFound') : t('app.loading')} back={{ href: '/', label: t('nav.home') }}>
        <LoadState loading={found.loading} trouble={found.trouble} />
      </Page>
    );
  }
  const title = t('pta.conversationTitle', { date: formatDay(conversation.heldOn, 'long') });
  return (
    <Page title={title} back={{ href: `/clients/${conversation.ownerId}/conversations`, label: t('pta.back') }}>
      {conversation.status === 'open' ? (
        <>
          <p class="lead">{t('pta.guidedIntro')}</p>
          <p>
            <LinkButton href={`/conversations/${conversation.id}/compare`} variant="quiet">
              {t('pta.compare')}
            </LinkButton>
          </p>
          <Guided initial={conversation} onEnded={found.set} />
        </>
      ) : (
        <>
          <Notice kind="success" live={false} title={t('pta.endedNotice')} />
          <div class="actions">
            <LinkButton href={`/conversations/${conversation.id}/compare`} variant="primary">
              {t('pta.compare')}
            </LinkButton>
          </div>
          <ReadView conversation={conversation} />
        </>
      )}
    </Page>
  );
}

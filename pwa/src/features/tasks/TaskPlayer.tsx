import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { speechTrouble } from '../../components/ReadAloud/ReadAloud';
import { StepPlayer, type PlayerMessage } from '../../components/StepPlayer/StepPlayer';
import { mediaOf, warmMedia } from '../../data/media';
import { enqueue, sentSoon, type NewWrite } from '../../data/outbox';
import { loadRun, newRun, saveRun, today, type Run } from '../../data/runs';
import { DAY_KEY, PLAYER_MS, useDay } from '../../data/day';
import { playerKey, type PlayerStep } from '../../data/tasks';
import { t } from '../../i18n';
import { playRecording, speak, stopSpeaking } from '../../lib/speech';
import { useSession } from '../../session';
import { TaskDone } from './TaskDone';

/** A go finished this recently is shown again (its end screen) when the task is reopened. */
const SHOW_FINISHED_MS = 15 * 60_000;

function resumable(saved: Run | undefined, taskId: string): Run {
  if (!saved || saved.day !== today()) return newRun(taskId);
  if (saved.finishedAt !== null && Date.now() - saved.finishedAt > SHOW_FINISHED_MS) {
    return newRun(taskId);
  }
  return saved;
}

const nowIso = () => new Date().toISOString();

/** While a request for help is open, the player asks this often whether the coach got it. */
const HELP_POLL_MS = 3000;
const HELP_FOLLOW_MS = 30 * 60_000;

type HelpState = Schemas['HelpRequest'];

/** What the client is told about their request for help: only what is known. */
function helpNews(state: HelpState): PlayerMessage {
  if (state.resolvedAt) return { kind: 'success', text: t('player.helpResolved') };
  const heard =
    state.reached === 'phone'
      ? t('player.helpPhone')
      : state.reached === 'screen'
        ? t('player.helpScreen')
        : t('player.helpNotYet');
  const text = state.escalatedAt ? `${heard} ${t('player.helpTeam')}` : heard;
  return { kind: state.reached ? 'success' : 'info', text };
}

/**
 * `/tasks/:id`: the client follows a task one step at a time. Everything the client does is
 * saved on the phone first (the go in `runs`, the write in the outbox, in one transaction) and
 * sent by the outbox, so the player works the same with or without a connection.
 */
export default function TaskPlayer({ params }: { params: Record<string, string> }) {
  const taskId = params.id ?? '';
  const { locale } = useSession();
  const player = useDay(
    playerKey(taskId),
    (day) => day.tasks.find((task) => task.summary.id === taskId)?.player,
    PLAYER_MS,
  );
  // The open requests for help, from the day: a request made before the player was opened
  // again (the app closed, the phone restarted) is followed on from where it is.
  const day = useDay(DAY_KEY, (answer) => answer, PLAYER_MS);
  const openHelp = day.savedAt === null ? day.data?.helpRequests.find((h) => h.taskId === taskId) : undefined;
  const [run, setRunState] = useState<Run | null>(null);
  const current = useRef<Run | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /** A "Done" being saved: a second press meanwhile is the same press (a double tap). */
  const finishing = useRef(false);
  const [message, setMessage] = useState<PlayerMessage | null>(null);
  const [trouble, setTrouble] = useState<string | null>(null);
  /** The request for help being followed (a newer press follows the newer one). */
  const following = useRef(0);
  /** The texts said about it so far: a later one replaces them, not other news. */
  const helpTexts = useRef(new Set<string>());

  function setRun(next: Run) {
    current.current = next;
    setRunState(next);
  }

  useEffect(() => {
    let live = true;
    void loadRun(taskId).then((saved) => live && setRun(resumable(saved, taskId)));
    return () => {
      live = false;
      following.current += 1; // stop following a request for help
      stopSpeaking();
    };
  }, [taskId]);

  useEffect(() => {
    // Only while nothing newer is followed (a press on this screen follows its own request).
    if (!openHelp || following.current !== 0) return;
    const generation = ++following.current;
    const news = helpNews(openHelp);
    helpTexts.current = new Set([news.text]);
    setMessage(news);
    void followHelp(openHelp.id, generation);
  }, [openHelp?.id]);

  const steps = player.data?.steps;
  useEffect(() => {
    if (steps) void warmMedia(mediaOf(steps));
  }, [steps]);

  /**
   * Presses are handled one after the other, each on the state the previous one left, and the
   * screen moves on once the new state (and the write that records the act) is on the device,
   * so "All saved" and "waiting" are always true.
   */
  function serial(action: () => Promise<void>): Promise<void> {
    const next = queue.current.then(action, action);
    queue.current = next.catch(() => undefined);
    return next;
  }

  /** Save the new state of the go, with the write that records the act, if there is one. */
  async function record(next: Run, write?: NewWrite): Promise<boolean> {
    try {
      if (write) await enqueue(write, next);
      else await saveRun(next);
      setTrouble(null);
      setRun(next);
      return true;
    } catch {
      setTrouble(t('player.notSaved'));
      return false;
    }
  }

  function step(): PlayerStep | undefined {
    const go = current.current;
    return go ? steps?.[Math.min(go.position, steps.length - 1)] : undefined;
  }

  async function markDone() {
    if (finishing.current) return;
    finishing.current = true;
    try {
      await serial(async () => {
        const go = current.current;
        const here = step();
        if (!go || !steps || !here || go.finishedAt !== null) return;
        setMessage(null);
        stopSpeaking();
        const next: Run = { ...go, position: go.position + 1 };
        if (next.position >= steps.length) next.finishedAt = Date.now();
        if (go.done[here.id]) {
          await record(next); // marked in this go already: one mark per step and go
          return;
        }
        const localId = crypto.randomUUID();
        next.done = { ...go.done, [here.id]: localId };
        await record(next, {
          kind: 'completion',
          path: `/api/tasks/${taskId}/completions`,
          taskId,
          body: { localId, stepId: here.id, runId: go.runId, at: nowIso() },
        });
      });
    } finally {
      finishing.current = false;
    }
  }

  function back() {
    return serial(async () => {
      const go = current.current;
      if (!go || go.position === 0) return;
      setMessage(null);
      stopSpeaking();
      await record({ ...go, position: go.position - 1 });
    });
  }

  function showPicture(shown: PlayerStep) {
    return serial(async () => {
      const go = current.current;
      if (!go) return;
      const localId = crypto.randomUUID();
      await record(
        { ...go, pictures: [...go.pictures, shown.id] },
        {
          kind: 'selfPrompt',
          path: `/api/tasks/${taskId}/self-prompts`,
          taskId,
          body: { localId, stepId: shown.id, at: nowIso() },
        },
      );
    });
  }

  async function askForHelp() {
    setMessage(null); // the news of an earlier press is old now
    let localId = '';
    await serial(async () => {
      const go = current.current;
      const here = step();
      if (!go || !here) return;
      const id = crypto.randomUUID();
      const saved = await record(
        { ...go, help: [...go.help, here.id] },
        {
          kind: 'help',
          path: `/api/tasks/${taskId}/help-requests`,
          taskId,
          body: { localId: id, stepId: here.id, at: nowIso() },
        },
      );
      if (saved) localId = id;
    });
    if (!localId) return;
    const generation = ++following.current;
    helpTexts.current = new Set([t('player.helpSending'), t('player.helpWaiting')]);
    setMessage({ kind: 'info', text: t('player.helpSending') });
    const sent = await sentSoon(localId);
    if (!sent && following.current === generation) {
      setMessage({ kind: 'warning', text: t('player.helpWaiting') });
    }
    await followHelp(localId, generation);
  }

  /**
   * Ask the server how the request is doing until it is answered (the outbox may still be
   * sending it: then the server does not know it yet, and the player asks again), and say
   * what is known: the coach's phone or screen got it, or not yet; passed to the team;
   * helped. A newer message of another kind stays, unless this is the answer.
   */
  async function followHelp(localId: string, generation: number) {
    const until = Date.now() + HELP_FOLLOW_MS;
    let said = '';
    while (following.current === generation && Date.now() < until) {
      try {
        const state = await api.get('/api/tasks/{task_id}/help-requests/{help_id}', {
          path: { task_id: taskId, help_id: localId },
        });
        if (following.current !== generation) return;
        const news = helpNews(state);
        if (news.text !== said) {
          said = news.text;
          const answered = Boolean(state.resolvedAt);
          setMessage((shown) =>
            answered || shown === null || helpTexts.current.has(shown.text) ? news : shown,
          );
          helpTexts.current.add(news.text);
        }
        if (state.resolvedAt) return;
      } catch {
        // Not sent yet, or no connection: ask again in a moment.
      }
      await new Promise((resolve) => setTimeout(resolve, HELP_POLL_MS));
    }
  }

  async function readToMe() {
    const here = step();
    if (!here) return;
    setMessage(null);
    if (here.voice && (await playRecording(here.voice.url))) return;
    // In the language the coach wrote the step in, whatever the language of the app.
    const lang = player.data?.language ?? locale;
    const trouble = speechTrouble(await speak(here.text, lang), lang);
    if (trouble) setMessage({ kind: 'warning', text: trouble });
  }

  function again() {
    return serial(async () => {
      setMessage(null);
      await record(newRun(taskId));
    });
  }

  const title = player.data?.title ?? t('player.title');
  // A focused screen: the layout's header holds its one way out, "Back to my tasks".
  if (!player.data || !run) {
    return (
      <Page title={title} readAloud={false}>
        <LoadState loading={player.loading || !run} trouble={player.trouble} />
      </Page>
    );
  }
  const data = player.data;
  const done = new Set(Object.keys(run.done));
  return (
    <Page title={title} titleDir="auto" titleLang={data.language ?? undefined} readAloud={run.finishedAt !== null}>
      {/* The workplace is on the task's card the client chose it from: the steps keep the room. */}
      {data.workplace && run.finishedAt !== null && (
        <p class="muted" dir="auto">
          {data.workplace}
        </p>
      )}
      {trouble && (
        <p class="step__message step__message--warning" role="alert">
          {trouble}
        </p>
      )}
      {data.steps.length === 0 ? (
        <p>{t('player.noSteps')}</p>
      ) : run.finishedAt !== null ? (
        <TaskDone taskId={taskId} player={data} run={run} onAgain={() => void again()} />
      ) : (
        <StepPlayer
          steps={data.steps}
          lang={data.language ?? undefined}
          position={Math.min(run.position, data.steps.length - 1)}
          done={done}
          message={message}
          onDone={() => void markDone()}
          onBack={() => void back()}
          onReadToMe={() => void readToMe()}
          onHelp={() => void askForHelp()}
          onShowPicture={showPicture}
        />
      )}
    </Page>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { LinkButton } from '../../../components/Button/Button';
import { LoadState } from '../../../components/Loading/Loading';
import { Notice } from '../../../components/Notice/Notice';
import { Page } from '../../../components/Page/Page';
import { speechTrouble } from '../../../components/ReadAloud/ReadAloud';
import { StepPlayer, type PlayerMessage } from '../../../components/StepPlayer/StepPlayer';
import { fetchPlayer } from '../../../data/tasks';
import { t } from '../../../i18n';
import { playRecording, speak, stopSpeaking } from '../../../lib/speech';
import { useResource } from '../../../lib/useResource';
import { useSession } from '../../../session';
import { taskHome } from './coach';

/**
 * `/tasks/:id/preview`: the task exactly as the client's player shows it (the same StepPlayer
 * and the same `player` payload), in a mode that sends nothing: no done-marks, no self-prompts,
 * no help requests.
 */
export default function TaskPreview({ params }: { params: Record<string, string> }) {
  const taskId = params.id ?? '';
  const { locale } = useSession();
  const player = useResource(() => fetchPlayer(taskId), [taskId]);
  const [position, setPosition] = useState(0);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<PlayerMessage | null>(null);
  const [finished, setFinished] = useState(false);
  useEffect(() => () => stopSpeaking(), []);

  const back = taskHome(taskId);
  const data = player.data;
  if (!data) {
    return (
      <Page title={t('builder.previewTitle')} back={back}>
        <LoadState loading={player.loading} trouble={player.trouble} />
      </Page>
    );
  }
  const steps = data.steps;
  const step = steps[position];

  return (
    <Page title={t('builder.previewOf', { title: data.title })} back={back} readAloud={false}>
      <Notice kind="info" title={t('builder.previewNote')} live={false} />
      {data.workplace && (
        <p class="muted" dir="auto">
          {data.workplace}
        </p>
      )}
      {steps.length === 0 ? (
        <p>{t('player.noSteps')}</p>
      ) : finished ? (
        <section aria-labelledby="preview-end">
          <h2 id="preview-end">{t('builder.previewEnd')}</h2>
          <div class="actions">
            <LinkButton href={`/tasks/${taskId}/edit`} variant="primary" block>
              {t('builder.backToTask')}
            </LinkButton>
          </div>
        </section>
      ) : (
        <StepPlayer
          steps={steps}
          lang={data.language ?? undefined}
          position={position}
          done={done}
          message={message}
          onDone={() => {
            setMessage(null);
            stopSpeaking();
            if (step) setDone(new Set([...done, step.id]));
            if (position + 1 >= steps.length) setFinished(true);
            else setPosition(position + 1);
          }}
          onBack={() => {
            setMessage(null);
            setPosition(Math.max(0, position - 1));
          }}
          onReadToMe={() => {
            if (!step) return;
            setMessage(null);
            void (async () => {
              if (step.voice && (await playRecording(step.voice.url))) return;
              const lang = data.language ?? locale;
              const trouble = speechTrouble(await speak(step.text, lang), lang);
              if (trouble) setMessage({ kind: 'warning', text: trouble });
            })();
          }}
          onHelp={() => setMessage({ kind: 'info', text: t('builder.previewHelp') })}
          onShowPicture={() => Promise.resolve()}
        />
      )}
    </Page>
  );
}

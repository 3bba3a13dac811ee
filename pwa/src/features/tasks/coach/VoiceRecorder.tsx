import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../../../components/Button/Button';
import { t, type Key } from '../../../i18n';
import { playRecording, stopSpeaking } from '../../../lib/speech';
import { uploadTrouble } from './coach';

/** The words of a recorder that name what it records. */
export interface VoiceWords {
  none: Key;
  has: Key;
  record: Key;
  recordNew: Key;
  save: Key;
  remove: Key;
  unsupported: Key;
  notAllowed: Key;
}

const STEP_VOICE: VoiceWords = {
  none: 'builder.voice.none',
  has: 'builder.voice.has',
  record: 'builder.voice.record',
  recordNew: 'builder.voice.recordNew',
  save: 'builder.voice.save',
  remove: 'builder.voice.remove',
  unsupported: 'builder.voice.unsupported',
  notAllowed: 'builder.voice.notAllowed',
};

/** The longest voice prompt the server keeps (backend/tasks/voice.py). */
export const MAX_SECONDS = 30;

/** Chromium and Firefox record WebM/Opus, Safari MP4/AAC: both are what the server takes. */
function recorderType(): string | undefined {
  const types = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4'];
  return types.find((type) => MediaRecorder.isTypeSupported(type));
}

/** Play the recording just made, before it is saved. Straight from its blob: URL (media-src
 * allows blob:, connect-src does not, so not through fetch like `playRecording`). */
function playLocal(url: string): void {
  stopSpeaking();
  void new Audio(url).play().catch(() => undefined);
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

type State =
  | { kind: 'idle' }
  | { kind: 'recording'; seconds: number }
  | { kind: 'recorded'; blob: Blob; url: string; seconds: number };

/**
 * A recording of up to 30 s (a step's voice prompt, a profile's voice note), recorded with MediaRecorder: a visible timer and a
 * stop button while recording, then listen to it before it is saved. Without a microphone (or
 * without permission) a plain sentence says so; the step works without a voice.
 */
export function VoiceRecorder({
  id,
  label,
  voice,
  save: keep,
  remove: forget,
  words = STEP_VOICE,
}: {
  id: string;
  label: string;
  /** The recording kept now, if any. */
  voice: { url: string; seconds?: number | null } | null;
  save: (recording: Blob) => Promise<void>;
  remove: () => Promise<void>;
  /** The words that name what is recorded: a step's voice prompt by default. */
  words?: VoiceWords;
}) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [trouble, setTrouble] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const recorder = useRef<MediaRecorder | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  function release() {
    clearInterval(timer.current);
    const current = recorder.current;
    recorder.current = null;
    if (current && current.state !== 'inactive') current.stop();
    current?.stream.getTracks().forEach((track) => track.stop());
  }

  // Leaving the screen stops the microphone and frees the recording not saved.
  const unsaved = useRef<string | null>(null);
  unsaved.current = state.kind === 'recorded' ? state.url : null;
  useEffect(
    () => () => {
      release();
      if (unsaved.current) URL.revokeObjectURL(unsaved.current);
    },
    [],
  );

  async function start() {
    setTrouble(null);
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      setTrouble(t(words.unsupported));
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      const name = error instanceof DOMException ? error.name : '';
      setTrouble(
        name === 'NotAllowedError' || name === 'SecurityError'
          ? t(words.notAllowed)
          : t('builder.voice.noMicrophone'),
      );
      return;
    }
    const type = recorderType();
    const media = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks: Blob[] = [];
    const began = Date.now();
    media.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    });
    media.addEventListener('stop', () => {
      clearInterval(timer.current);
      stream.getTracks().forEach((track) => track.stop());
      const blob = new Blob(chunks, { type: media.mimeType || type || 'audio/webm' });
      const seconds = Math.min((Date.now() - began) / 1000, MAX_SECONDS);
      setState({ kind: 'recorded', blob, url: URL.createObjectURL(blob), seconds });
    });
    recorder.current = media;
    media.start(1000);
    setState({ kind: 'recording', seconds: 0 });
    timer.current = setInterval(() => {
      const seconds = (Date.now() - began) / 1000;
      if (seconds >= MAX_SECONDS) stop();
      else setState({ kind: 'recording', seconds });
    }, 250);
  }

  function stop() {
    clearInterval(timer.current);
    const current = recorder.current;
    if (current && current.state !== 'inactive') current.stop();
  }

  function discard() {
    if (state.kind === 'recorded') URL.revokeObjectURL(state.url);
    setState({ kind: 'idle' });
  }

  async function save() {
    if (state.kind !== 'recorded') return;
    setBusy(true);
    setTrouble(null);
    try {
      await keep(state.blob);
      discard();
    } catch (error) {
      setTrouble(uploadTrouble(error));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setTrouble(null);
    try {
      await forget();
    } catch (error) {
      setTrouble(uploadTrouble(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class={`voice field${trouble ? ' field--error' : ''}`} role="group" aria-labelledby={`${id}-label`}>
      <p class="field__label" id={`${id}-label`}>
        {label}
      </p>
      {trouble && (
        <p class="field__error" id={`${id}-error`} role="alert">
          <span class="visually-hidden">{t('form.errorPrefix')} </span>
          {trouble}
        </p>
      )}
      {state.kind === 'recording' ? (
        <>
          <p class="voice__timer" role="timer" aria-label={t('builder.voice.timerLabel')}>
            {t('builder.voice.timer', { time: clock(state.seconds), max: clock(MAX_SECONDS) })}
          </p>
          <Button variant="primary" block onClick={stop}>
            {t('builder.voice.stop')}
          </Button>
        </>
      ) : state.kind === 'recorded' ? (
        <>
          <p>{t('builder.voice.recorded', { time: clock(state.seconds) })}</p>
          <div class="actions">
            <Button onClick={() => playLocal(state.url)}>{t('builder.voice.listen')}</Button>
            <Button variant="primary" busy={busy} onClick={() => void save()}>
              {t(words.save)}
            </Button>
            <Button onClick={discard}>{t('builder.voice.again')}</Button>
          </div>
        </>
      ) : (
        <>
          {voice ? (
            <p>{t(words.has, { time: clock(voice.seconds ?? 0) })}</p>
          ) : (
            <p class="muted">{t(words.none)}</p>
          )}
          <div class="actions">
            <Button
              onClick={() => {
                stopSpeaking();
                void start();
              }}
            >
              {voice ? t(words.recordNew) : t(words.record)}
            </Button>
            {voice && (
              <>
                <Button onClick={() => void playRecording(voice?.url ?? '')}>
                  {t('builder.voice.listen')}
                </Button>
                <Button variant="danger" busy={busy} onClick={() => void remove()}>
                  {t(words.remove)}
                </Button>
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Schemas } from '../../api/client';
import { t } from '../../i18n';
import { Button } from '../Button/Button';
import { Icon } from '../Icon/Icon';
import { Picture } from '../Picture/Picture';
import './StepPlayer.css';

type PlayerStep = Schemas['PlayerStep'];
type Photo = Schemas['Photo'];

export interface PlayerMessage {
  kind: 'info' | 'success' | 'warning';
  text: string;
}

interface StepPlayerProps {
  steps: PlayerStep[];
  /** The language the steps are written in, when known (`lang` on the sentence). */
  lang?: string;
  /** Index of the step on screen. */
  position: number;
  /** Steps marked done in this go. */
  done: ReadonlySet<string>;
  onDone: () => void;
  onBack: () => void;
  onReadToMe: () => void;
  onHelp: () => void;
  /** A mastered step's picture was opened (recorded as a self-prompt); resolves once saved. */
  onShowPicture: (step: PlayerStep) => Promise<void>;
  /** The latest thing to tell the person (help sent, no voice, …): a polite live region. */
  message: PlayerMessage | null;
}

/** The photo fills the column: WebP where the browser takes it, JPEG otherwise, each in the
 * size the screen needs (`srcset` + `sizes`). Without it (offline, not saved) say so. */
function StepPhoto({ photo, position }: { photo: Photo; position: number }) {
  const [broken, setBroken] = useState(false);
  useEffect(() => setBroken(false), [photo.id]);
  if (broken) {
    return <p class="step__no-photo">{t('player.photoMissing')}</p>;
  }
  return (
    <Picture
      class="step__photo"
      photo={photo}
      alt={t('player.photoAlt', { number: position })}
      onBroken={() => setBroken(true)}
    />
  );
}

/**
 * The client's task player: one step at a time, the photo across the whole width, the sentence
 * in large text, and four big buttons: "Done — next", "Back", "Read to me", "I need help".
 * A mastered step shows compact — the sentence only, the photo one tap away.
 */
export function StepPlayer(props: StepPlayerProps) {
  const { steps, position, done, message } = props;
  const step = steps[position];
  const [pictureShown, setPictureShown] = useState(false);
  const [announce, setAnnounce] = useState('');
  const doneButton = useRef<HTMLButtonElement>(null);
  const opening = useRef(false);
  const first = useRef(true);
  useEffect(() => {
    setPictureShown(false);
    // Focus stays on the button that was pressed; a screen reader hears the new step instead.
    if (first.current) first.current = false;
    else if (step) {
      setAnnounce(`${t('player.stepOf', { number: position + 1, total: steps.length })}. ${step.text}`);
    }
  }, [step?.id]);

  if (!step) return null;
  const number = position + 1;
  const compact = step.compact && !pictureShown;
  const isDone = done.has(step.id);

  return (
    <section class="step" aria-labelledby="step-title">
      <div class="step__where">
        <h2 class="step__title" id="step-title">
          {t('player.stepOf', { number, total: steps.length })}
        </h2>
        <progress
          class="step__progress"
          max={steps.length}
          value={done.size}
          aria-label={t('player.doneOf', { done: done.size, count: steps.length })}
        />
      </div>
      {step.photo && !compact && <StepPhoto photo={step.photo} position={number} />}
      {/* The coach's words, in the language they wrote them: marked with it (a screen reader
          and "Read aloud" pick a voice for it, WCAG 3.1.2) and in its own direction. */}
      <p class="step__text" lang={props.lang} dir="auto">
        {step.text}
      </p>
      {isDone && (
        <p class="step__done">
          <Icon name="check" /> {t('player.markedDone')}
        </p>
      )}
      {step.compact && step.photo && !pictureShown && (
        <Button
          block
          onClick={() => {
            // Shown once the tap is saved on the phone (a few milliseconds), like every press;
            // a second tap meanwhile is the same tap.
            if (opening.current) return;
            opening.current = true;
            void props.onShowPicture(step).finally(() => {
              opening.current = false;
              setPictureShown(true);
            });
          }}
        >
          <Icon name="picture" />
          {t('player.showPicture')}
        </Button>
      )}
      <div class="step__actions">
        <button
          ref={doneButton}
          type="button"
          class="button button--primary step__done-button"
          onClick={props.onDone}
        >
          {number === steps.length ? t('player.doneFinish') : t('player.doneNext')}
          <Icon name="forward" />
        </button>
        <div class="step__row">
          {position > 0 && (
            <Button
              onClick={() => {
                if (position === 1) doneButton.current?.focus(); // "Back" goes away on step 1
                props.onBack();
              }}
            >
              <Icon name="back" />
              {t('player.back')}
            </Button>
          )}
          <Button onClick={props.onReadToMe}>
            <Icon name="speaker" />
            {t('player.readToMe')}
          </Button>
        </div>
        <Button variant="secondary" block onClick={props.onHelp}>
          <Icon name="help" />
          {t('player.help')}
        </Button>
      </div>
      <p class="visually-hidden" role="status">
        {announce}
      </p>
      <p class={`step__message${message ? ` step__message--${message.kind}` : ''}`} role="status">
        {message?.text}
      </p>
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { LOCALE_NAMES, t } from '../../i18n';
import { mainParts, speakParts, stopSpeaking, type SpeakResult } from '../../lib/speech';
import { useSession } from '../../session';
import { Button } from '../Button/Button';
import { Icon } from '../Icon/Icon';
import './ReadAloud.css';

/** What to say when the phone cannot read aloud in the person's language. */
export function speechTrouble(result: SpeakResult, locale: keyof typeof LOCALE_NAMES): string | null {
  if (result === 'no-voice') return t('readAloud.noVoice', { language: LOCALE_NAMES[locale] });
  if (result === 'unsupported') return t('readAloud.unsupported');
  return null;
}

/**
 * "Read aloud": reads the screen's main text with the phone's speech synthesis, each part in
 * its own language (the screen's, or the `lang` of words a person wrote), and says plainly
 * when the phone has no voice for one of them.
 */
export function ReadAloud({ text, lang }: { text?: () => string; lang?: keyof typeof LOCALE_NAMES }) {
  const session = useSession();
  // `lang`: words in another language than the screen's (the consent wording in the client's).
  const locale = lang ?? session.locale;
  const [speaking, setSpeaking] = useState(false);
  const [trouble, setTrouble] = useState<string | null>(null);

  useEffect(() => {
    if (!speaking) return;
    // speechSynthesis has no "all done" event across utterances: look every half second.
    const timer = setInterval(() => {
      if (!speechSynthesis.speaking) setSpeaking(false);
    }, 500);
    return () => clearInterval(timer);
  }, [speaking]);

  useEffect(() => () => stopSpeaking(), []);

  async function read() {
    if (speaking) {
      stopSpeaking();
      setSpeaking(false);
      return;
    }
    // Each part in its own language: the screen's words in the screen's, a person's words in
    // the language they wrote them in (their element's `lang`).
    const parts = text ? [{ text: text(), lang: locale }] : mainParts(locale);
    const { result, missing } = await speakParts(parts);
    setTrouble(missing ? speechTrouble('no-voice', missing) : speechTrouble(result, locale));
    setSpeaking(result === 'spoken');
  }

  return (
    <div class="read-aloud" data-no-read>
      <Button onClick={() => void read()}>
        <Icon name="speaker" />
        {speaking ? t('readAloud.stop') : t('readAloud.button')}
      </Button>
      <p class="read-aloud__message" role="status">
        {trouble}
      </p>
    </div>
  );
}

/**
 * Reading aloud with the platform's speech synthesis (Web Speech API, `speechSynthesis`) in the
 * person's language, and playing a coach's recorded voice prompt. When the phone has no voice
 * for the language, the caller says so in words instead of reading in a wrong accent.
 */
import type { Locale } from '../i18n';

export type SpeakResult = 'spoken' | 'no-voice' | 'unsupported';

/** The voices list fills in after start-up in Chromium: wait for it a moment. */
function voices(): Promise<SpeechSynthesisVoice[]> {
  const now = speechSynthesis.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      speechSynthesis.removeEventListener('voiceschanged', done);
      clearTimeout(timer);
      resolve(speechSynthesis.getVoices());
    };
    const timer = setTimeout(done, 600);
    speechSynthesis.addEventListener('voiceschanged', done);
  });
}

function languageOf(tag: string): string {
  const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return base === 'iw' ? 'he' : base; // "iw": the old code for Hebrew some systems still use
}

/** A voice for this language, the phone's default for it first. */
export async function voiceFor(locale: Locale): Promise<SpeechSynthesisVoice | null> {
  if (!('speechSynthesis' in window)) return null;
  const matching = (await voices()).filter((voice) => languageOf(voice.lang) === locale);
  return matching.find((voice) => voice.default) ?? matching.find((v) => v.localService) ?? matching[0] ?? null;
}

export function stopSpeaking(): void {
  if ('speechSynthesis' in window) speechSynthesis.cancel();
  current?.pause();
  current = null;
}

/** Read `text` aloud in `locale`; resolves when it starts (or cannot). */
export async function speak(text: string, locale: Locale): Promise<SpeakResult> {
  if (!('speechSynthesis' in window)) return 'unsupported';
  const voice = await voiceFor(locale);
  if (!voice) return 'no-voice';
  stopSpeaking();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = 0.9; // a little slower than the default: easier to follow
  speechSynthesis.speak(utterance);
  return 'spoken';
}

let current: HTMLAudioElement | null = null;

/**
 * Play a recorded voice prompt. Fetched as a blob (through the service worker's cache, so it
 * plays offline) rather than streamed with range requests the cache cannot answer.
 */
export async function playRecording(url: string): Promise<boolean> {
  try {
    stopSpeaking();
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) return false;
    const source = URL.createObjectURL(await response.blob());
    const audio = new Audio(source);
    audio.addEventListener('ended', () => URL.revokeObjectURL(source), { once: true });
    current = audio;
    await audio.play();
    return true;
  } catch {
    return false;
  }
}

/**
 * The text a screen reads aloud: what is in <main>, minus controls and anything marked
 * `data-no-read` (the read-aloud button itself, navigation inside the screen).
 */
export function mainText(root: Element | null = document.querySelector('main')): string {
  if (!root) return '';
  const BLOCK = 'p, h1, h2, h3, h4, li, dt, dd, th, td, figcaption, legend, label, div';
  const groups: { block: Element | null; text: string }[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node instanceof Element) {
        if (node.matches('button, select, input, textarea, [data-no-read], [hidden], [aria-hidden="true"]')) {
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_SKIP;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const block = node.parentElement?.closest(BLOCK) ?? null;
    const last = groups[groups.length - 1];
    if (last && last.block === block) last.text += ` ${text}`;
    else groups.push({ block, text });
  }
  // One sentence per block, so the voice pauses between a heading and what follows.
  return groups.map((g) => (/[.!?:…]$/.test(g.text) ? g.text : `${g.text}.`)).join(' ');
}

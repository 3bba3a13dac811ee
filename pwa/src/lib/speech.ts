/**
 * Reading aloud with the platform's speech synthesis (Web Speech API, `speechSynthesis`) in the
 * person's language, and playing a coach's recorded voice prompt. When the phone has no voice
 * for the language, the caller says so in words instead of reading in a wrong accent.
 */
import { isLocale, type Locale } from '../i18n';

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

/** Words in one language: one utterance, with a voice for that language. */
export interface SpeechPart {
  text: string;
  lang: Locale;
}

/** What happened ('spoken' when anything is read), and a language no voice was found for, to
 * say so in words. */
export interface SpeakOutcome {
  result: SpeakResult;
  missing?: Locale;
}

/**
 * Read the parts aloud one after another, each with an utterance whose `lang` is its own
 * language and a voice for it (content keeps the language it was written in: an English step
 * is read in English on a phone set to Finnish). Parts whose language has no voice on this
 * phone are left out, and the first such language is returned to be said in words.
 * Resolves when the reading starts (or cannot).
 */
export async function speakParts(parts: SpeechPart[]): Promise<SpeakOutcome> {
  if (!('speechSynthesis' in window)) return { result: 'unsupported' };
  const found = new Map<Locale, SpeechSynthesisVoice | null>();
  for (const part of parts) {
    if (!found.has(part.lang)) found.set(part.lang, await voiceFor(part.lang));
  }
  const missing = parts.find((part) => !found.get(part.lang))?.lang;
  const readable = parts.filter((part) => found.get(part.lang) && part.text.trim());
  if (readable.length === 0) return { result: 'no-voice', missing: missing ?? parts[0]?.lang };
  stopSpeaking();
  for (const part of readable) {
    const voice = found.get(part.lang) as SpeechSynthesisVoice;
    const utterance = new SpeechSynthesisUtterance(part.text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9; // a little slower than the default: easier to follow
    speechSynthesis.speak(utterance);
  }
  return { result: 'spoken', missing };
}

/** Read `text` aloud in `locale`; resolves when it starts (or cannot). */
export async function speak(text: string, locale: Locale): Promise<SpeakResult> {
  return (await speakParts([{ text, lang: locale }])).result;
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

/** The app's language an element's words are in: its own `lang`, or the nearest one above. */
function langOf(node: Node, fallback: Locale): Locale {
  const element = node instanceof Element ? node : node.parentElement;
  const tag = element?.closest('[lang]')?.getAttribute('lang') ?? '';
  const code = languageOf(tag);
  return isLocale(code) ? code : fallback;
}

/**
 * What a screen reads aloud: what is in <main>, minus controls and anything marked
 * `data-no-read` (the read-aloud button itself, navigation inside the screen), in parts by
 * language: words a person wrote in another language than the screen's carry `lang`.
 */
export function mainParts(
  fallback: Locale,
  root: Element | null = document.querySelector('main'),
): SpeechPart[] {
  if (!root) return [];
  const BLOCK = 'p, h1, h2, h3, h4, li, dt, dd, th, td, figcaption, legend, label, div';
  const groups: { block: Element | null; text: string; lang: Locale }[] = [];
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
    const lang = langOf(node, fallback);
    const last = groups[groups.length - 1];
    if (last && last.block === block && last.lang === lang) last.text += ` ${text}`;
    else groups.push({ block, text, lang });
  }
  // One sentence per block, so the voice pauses between a heading and what follows; blocks
  // in the same language one after another are one utterance.
  const parts: SpeechPart[] = [];
  for (const group of groups) {
    const sentence = /[.!?:…]$/.test(group.text) ? group.text : `${group.text}.`;
    const last = parts[parts.length - 1];
    if (last && last.lang === group.lang) last.text += ` ${sentence}`;
    else parts.push({ text: sentence, lang: group.lang });
  }
  return parts;
}

/**
 * Step photos and voice prompts on the device: which photo file the player's <img srcset>
 * will ask for on this screen, and putting it (and the voice prompt) into Cache Storage ahead
 * of time, so a task opens with its pictures in a stock room without signal.
 */
import type { Schemas } from '../api/client';
import { MEDIA_CACHE } from './caches';

type Photo = Schemas['Photo'];
type Voice = Schemas['Voice'];

/** The `sizes` of the player's photo: the full width of the column (46rem at most). */
export const PHOTO_SIZES = '(min-width: 48rem) 46rem, 100vw';

/**
 * The WebP file the browser most likely picks from the srcset (HTML's "select an image
 * source": the smallest candidate at least as wide as the slot times the pixel ratio). The
 * service worker also answers with another cached size of the same photo if it guessed wrong.
 */
export function likelyPhotoUrl(photo: Photo): string {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const slot = Math.min(window.innerWidth, 46 * rem);
  const need = slot * (window.devicePixelRatio || 1);
  const files = [...photo.files].sort((a, b) => a.width - b.width);
  const file = files.find((f) => f.width >= need) ?? files[files.length - 1];
  return file ? file.webp : photo.src;
}

/** Put these URLs into the media cache unless they are there already. */
export async function warmMedia(urls: string[]): Promise<void> {
  if (!('caches' in window)) return;
  const cache = await caches.open(MEDIA_CACHE);
  for (const url of urls) {
    try {
      if (!(await cache.match(url))) await cache.add(url);
    } catch {
      // Offline or refused: the player asks again when the step is shown.
    }
  }
}

export function mediaOf(steps: { photo: Photo | null; voice: Voice | null }[]): string[] {
  const urls: string[] = [];
  for (const step of steps) {
    if (step.photo) urls.push(likelyPhotoUrl(step.photo));
    if (step.voice) urls.push(step.voice.url);
  }
  return urls;
}

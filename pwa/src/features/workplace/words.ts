import type { Schemas } from '../../api/client';
import { t, type Key } from '../../i18n';

type Mismatch = Schemas['Mismatch'];

/** A level or a number of the job or of the client, in the screen's words. */
function valueInWords(kind: Mismatch['kind'], value: string): string {
  if (kind === 'noise' || kind === 'people') return t(`workplace.${kind}.${value}` as Key);
  return value;
}

/** "Loud here — Noa prefers quiet": a demand of the job beyond what the profile says. */
export function mismatchInWords(mismatch: Mismatch, name: string): string {
  return t(`workplace.mismatch.${mismatch.kind}` as Key, {
    job: valueInWords(mismatch.kind, mismatch.job),
    wants: valueInWords(mismatch.kind, mismatch.wants),
    name,
  });
}

import { t } from '../../i18n';
import type { Written } from './data';

/** Where a change of the analysis is: on the server ("Saved."), or on this phone, waiting. */
export function Saved({ state }: { state: Written['state'] | null }) {
  if (!state) return null;
  return (
    <p class="workplace-saved" role="status">
      {state === 'sent' ? t('workplace.saved') : t('workplace.savedOnPhone')}
    </p>
  );
}

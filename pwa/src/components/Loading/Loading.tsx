import type { Trouble } from '../../lib/errors';
import { t } from '../../i18n';
import { Notice } from '../Notice/Notice';

/** What a screen shows while its data loads, or when it could not be loaded. */
export function LoadState({ loading, trouble }: { loading: boolean; trouble: Trouble | null }) {
  if (trouble) return <Notice kind="error" title={trouble.title} />;
  if (loading) {
    return (
      <p role="status" class="loading">
        {t('app.loading')}
      </p>
    );
  }
  return null;
}

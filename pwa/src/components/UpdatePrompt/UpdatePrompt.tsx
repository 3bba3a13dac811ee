import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { applyUpdate, onUpdateReady } from '../../sw/register';
import { Button } from '../Button/Button';
import './UpdatePrompt.css';

/**
 * "A new version is ready" with an "Update now" button. The app never reloads by itself: a
 * person in the middle of a task keeps their screen until they choose (WCAG 2.2 SC 3.2.5).
 */
export function UpdatePrompt() {
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => onUpdateReady(() => setReady(true)), []);
  if (!ready) return null;
  return (
    <div class="update-prompt" role="region" aria-labelledby="update-title">
      <div class="update-prompt__inner">
        <p id="update-title" class="update-prompt__text">
          {t('update.ready')}
        </p>
        <Button
          variant="primary"
          busy={busy}
          onClick={() => {
            setBusy(true);
            applyUpdate();
          }}
        >
          {t('update.now')}
        </Button>
      </div>
    </div>
  );
}

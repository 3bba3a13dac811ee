import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { currentLocale, t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { dayInWords, type Episode, type Journey } from './words';

/**
 * The client's informed decision to take part: the words in plain language, in the screen's
 * language, and the button that records "yes" with the version of the words shown. The client
 * presses it on their own phone, or staff record it with them.
 */
export function Decision({
  clientId,
  episode,
  forClient,
  onChange,
}: {
  clientId: string;
  episode: Episode;
  forClient: boolean;
  onChange: (journey: Journey) => void;
}) {
  const locale = currentLocale();
  const words = useResource(
    () => api.get('/api/journey/decision-text', { query: { locale } }),
    [locale],
  );
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const decision = episode.decision;
  if (decision) {
    const day = dayInWords(decision.at.slice(0, 10));
    return (
      <p>
        {forClient
          ? t('journey.mine.decided', { day })
          : decision.byClient
            ? t('journey.decidedByClient', { day })
            : t('journey.decidedWith', { day, name: decision.byName ?? '' })}
      </p>
    );
  }
  const text = words.data;
  if (!text) return <LoadState loading={words.loading} trouble={words.trouble} />;

  async function agree() {
    if (!text) return;
    setBusy(true);
    setTrouble(null);
    try {
      onChange(
        await api.post('/api/clients/{client_id}/journey/decision', {
          path: { client_id: clientId },
          body: { textVersion: text.version, locale: text.locale },
        }),
      );
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="journey__words" lang={text.locale} dir={text.direction}>
      {!forClient && <p class="hint">{t('journey.decisionHint')}</p>}
      <h3>{text.title}</h3>
      {text.paragraphs.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      {trouble && <Notice kind="error" title={trouble.title} />}
      <Button variant="primary" busy={busy} onClick={() => void agree()}>
        {forClient ? text.confirm : t('journey.recordDecision')}
      </Button>
    </div>
  );
}

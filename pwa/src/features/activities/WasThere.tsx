import { useState } from 'preact/hooks';
import { Button } from '../../components/Button/Button';
import { enqueue, sentSoon } from '../../data/outbox';
import { t } from '../../i18n';

/**
 * "I was there 8:00–9:30": one tap logs a visit at the workplace from a shift (training on the
 * job, at the shift's times). Kept on the phone and sent once, like every write.
 */
export function WasThere({
  shiftId,
  date,
  hours,
  name,
  onLogged,
}: {
  shiftId: string;
  date: string;
  hours: string;
  name: string;
  onLogged?: (state: 'sent' | 'waiting') => void;
}) {
  const [state, setState] = useState<'idle' | 'busy' | 'sent' | 'waiting'>('idle');
  async function log() {
    setState('busy');
    const localId = crypto.randomUUID();
    await enqueue({ kind: 'visit', path: '/api/activities/visits', body: { localId, shiftId, date } });
    const done = (await sentSoon(localId)) ? 'sent' : 'waiting';
    setState(done);
    onLogged?.(done);
  }
  if (state === 'sent' || state === 'waiting') {
    return (
      <p role="status">
        {state === 'sent' ? t('activity.visitLogged', { hours }) : t('activity.visitWaiting', { hours })}
      </p>
    );
  }
  return (
    <Button onClick={() => void log()} busy={state === 'busy'}>
      {t('activity.wasThere', { hours })}
      <span class="visually-hidden"> {t('activity.wasThereFor', { name })}</span>
    </Button>
  );
}

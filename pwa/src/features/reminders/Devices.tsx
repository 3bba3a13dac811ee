import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { ItemList } from '../../components/List/List';
import { Notice } from '../../components/Notice/Notice';
import { formatDateTime, t, type Key } from '../../i18n';
import { describe } from '../../lib/errors';
import { deviceState, PushProblem, turnOff, turnOn, type DeviceState } from './push';

type Device = Schemas['PushDevice'];

const STATE_WORDS: Record<DeviceState, Key> = {
  on: 'push.state.on',
  off: 'push.state.off',
  blocked: 'push.state.blocked',
  unsupported: 'push.state.unsupported',
};

const PROBLEM_WORDS: Record<PushProblem['reason'], Key> = {
  blocked: 'push.problem.blocked',
  dismissed: 'push.problem.dismissed',
  service: 'push.problem.service',
  unsupported: 'push.state.unsupported',
};

/** The person's devices with notifications on, as the server knows them. */
export function DeviceList({ devices }: { devices: Device[] }) {
  if (devices.length === 0) return <p>{t('push.noDevices')}</p>;
  return (
    <ItemList label={t('push.devices')}>
      {devices.map((device) => (
        <li key={device.id}>
          <strong>{device.deviceLabel || t('push.unnamedDevice')}</strong>
          <br />
          <span class="muted">{t('push.deviceSeen', { date: formatDateTime(device.seenAt) })}</span>
        </li>
      ))}
    </ItemList>
  );
}

/**
 * Notifications on this device: why, then the browser's question only when the person presses
 * "Turn on notifications"; a test; "Turn off on this device". The state is said in words.
 */
export function ThisDevice({ onChange }: { onChange: () => void }) {
  const [state, setState] = useState<DeviceState | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = async () => setState(await deviceState());
  useEffect(() => {
    void refresh();
  }, []);

  async function act(what: () => Promise<string>) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ kind: 'success', text: await what() });
    } catch (error) {
      const text =
        error instanceof PushProblem ? t(PROBLEM_WORDS[error.reason]) : describe(error).title;
      setMessage({ kind: 'error', text });
    } finally {
      setBusy(false);
      await refresh();
      onChange();
    }
  }

  const on = () =>
    act(async () => {
      await turnOn();
      return t('push.turnedOn');
    });
  const off = () =>
    act(async () => {
      await turnOff();
      return t('push.turnedOff');
    });
  const test = () =>
    act(async () => {
      const result = await api.post('/api/me/push-test');
      if (result.emailed) return t('push.testEmailed');
      if (result.devices === 0) return t('push.testNoDevice');
      return t('push.testSent', { count: result.devices });
    });

  return (
    <>
      <p>{t('push.why')}</p>
      <p class="device-state" id="device-state">
        {state ? t(STATE_WORDS[state]) : t('app.loading')}
      </p>
      {state === 'blocked' && <p>{t('push.howToUnblock')}</p>}
      <div role="status">
        {message && <Notice kind={message.kind} title={message.text} live={false} />}
      </div>
      <div class="actions">
        {(state === 'off' || state === 'blocked') && (
          <Button variant="primary" busy={busy} onClick={() => void on()}>
            {t('push.turnOn')}
          </Button>
        )}
        {state === 'on' && (
          <>
            <Button variant="primary" busy={busy} onClick={() => void test()}>
              {t('push.test')}
            </Button>
            <Button busy={busy} onClick={() => void off()}>
              {t('push.turnOff')}
            </Button>
          </>
        )}
      </div>
    </>
  );
}

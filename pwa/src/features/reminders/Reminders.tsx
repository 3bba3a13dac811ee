import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, TextField } from '../../components/Field/Field';
import { backFromMore } from '../../components/Layout/nav';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { fetchMyUpcoming, nextOf } from '../../data/shifts';
import { useMe } from '../../session';
import { inOwnWords } from '../shifts/words';
import { DeviceList, ThisDevice } from './Devices';
import { CLIENT_KINDS, QuietHoursForm, RulesEditor, STAFF_KINDS } from './RulesEditor';

function EmailForm({ email, onSaved }: { email: string; onSaved: () => void }) {
  const [value, setValue] = useState(email);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function save() {
    setTrouble(null);
    setMessage(null);
    const address = value.trim();
    if (address && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
      setTrouble({ title: t('form.fixErrors'), fields: { email: t('reminders.error.email') } });
      return;
    }
    setBusy(true);
    try {
      await api.patch('/api/me/notifications', { body: { email: address } });
      setMessage(address ? t('reminders.emailSaved') : t('reminders.emailRemoved'));
      onSaved();
    } catch (error) {
      setTrouble(inOwnWords(describe(error), { email: 'reminders.error.email' }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form onSubmit={() => void save()} label={t('reminders.emailTitle')}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      <TextField
        id="email"
        type="email"
        label={t('reminders.email')}
        hint={t('reminders.emailHint')}
        value={value}
        onValue={setValue}
        autoComplete="email"
        maxLength={254}
        error={trouble?.fields.email}
      />
      <div role="status">{message && <Notice kind="success" title={message} live={false} />}</div>
      <Button type="submit" busy={busy}>
        {t('reminders.emailSave')}
      </Button>
    </Form>
  );
}

/**
 * `/reminders`: the person's own reminders — which and when, quiet hours, notifications on this
 * device, and an e-mail address for when no device has them on. A client chooses shift, goal
 * and conversation reminders; staff choose the caseload reminder (conversations due, goals
 * ending).
 */
export default function Reminders() {
  const me = useMe();
  // A client comes here from "More"; staff from Settings.
  const back = me.role === 'client' ? backFromMore(me.role) : { href: '/settings', label: t('nav.settings') };
  const mine = useResource(() => api.get('/api/me/notifications'));
  const upcoming = useResource(() => (me.role === 'client' ? fetchMyUpcoming(me) : Promise.resolve([])));
  const data = mine.data;
  // Administrators keep no development record of their own.
  const kinds = me.role === 'client' ? CLIENT_KINDS : STAFF_KINDS.filter((k) => k !== 'development' || me.role !== 'admin');
  return (
    <Page title={t('reminders.myTitle')} back={back}>
      <p class="lead">{t(me.role === 'client' ? 'reminders.introClient' : 'reminders.introStaff')}</p>
      <Card id="this-device" title={t('push.title')}>
        <ThisDevice onChange={() => void mine.reload()} />
        {data && <DeviceList devices={data.devices} />}
      </Card>
      {data === undefined ? (
        <LoadState loading={mine.loading} trouble={mine.trouble} />
      ) : (
        <>
          <Card id="which-reminders" title={t('reminders.which')}>
            <RulesEditor
              kinds={kinds}
              rules={data.rules}
              create={(body) => api.post('/api/me/reminders', { body })}
              nextShift={upcoming.data && nextOf(upcoming.data)}
              onSaved={() => void mine.reload()}
            />
          </Card>
          <Card id="quiet-hours" title={t('reminders.quietTitle')}>
            <QuietHoursForm
              quiet={data.quietHours}
              save={async (quietHours) => {
                mine.set(await api.patch('/api/me/notifications', { body: { quietHours } }));
              }}
            />
          </Card>
          <Card id="email" title={t('reminders.emailTitle')}>
            <EmailForm email={data.email ?? ''} onSaved={() => void mine.reload()} />
          </Card>
        </>
      )}
    </Page>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { api, pages } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { SelectField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { useOutbox, waitingWrites } from '../../data/outbox';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { clockTime } from '../shifts/words';
import { ActivityItems, PAGE } from './ActivityItems';
import { WasThere } from './WasThere';
import { PURPOSES, purposeName, WHOM, whomName, type Purpose, type WithWhom } from './words';

/** Today's shifts of the client, each with "I was there" (staff who see the shifts). */
function TodaysShifts({ clientId, onLogged }: { clientId: string; onLogged: () => void }) {
  const today = useResource(() =>
    api.get('/api/clients/{client_id}/shifts/today', { path: { client_id: clientId } }),
  );
  const shifts = (today.data ?? []).filter((o) => !o.cancelled);
  if (shifts.length === 0) return null;
  return (
    <Card id="todays-shifts" title={t('activity.todaysShifts')}>
      {shifts.map((o) => {
        const hours = `${clockTime(o.startsAt)}–${clockTime(o.endsAt)}`;
        return (
          <div key={o.shiftId} class="actions">
            <p dir="auto">{`${o.workplace}, ${hours}`}</p>
            <WasThere shiftId={o.shiftId} date={o.date} hours={hours} name={o.workplace} onLogged={onLogged} />
          </div>
        );
      })}
    </Card>
  );
}

/**
 * `/clients/:id/activities`: the client's activity log for their coach, the team's coordinator,
 * administrators and a mentor (who do not see restricted ones), newest first, a page at a time,
 * narrowed by with whom and what about; "Log an activity", and "I was there" on today's shifts.
 */
export default function ClientActivities({ params }: { params: Record<string, string> }) {
  const me = useMe();
  const clientId = params.id ?? '';
  const [whom, setWhom] = useState<WithWhom | ''>('');
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  const log = usePages(
    () =>
      pages.first('/api/clients/{client_id}/activities', {
        path: { client_id: clientId },
        query: { whom: whom || undefined, purpose: purpose || undefined, limit: PAGE },
      }),
    [clientId, whom, purpose],
  );
  // What this phone logged for the client and has not sent yet: shown as waiting.
  const outbox = useOutbox();
  const [waiting, setWaiting] = useState(0);
  useEffect(() => {
    void waitingWrites('activity').then((items) =>
      setWaiting(items.filter((item) => item.kind === 'activity' && item.body.clientIds.includes(clientId)).length),
    );
    if (outbox.waiting === 0) void log.reload();
  }, [outbox.waiting, clientId]);
  const back = me.role === 'mentor' ? { href: '/', label: t('nav.home') } : { href: `/clients/${clientId}`, label: t('activity.backToClient') };
  return (
    <Page title={t('activity.logTitle')} back={back}>
      <div class="actions">
        <LinkButton href={`/clients/${clientId}/activities/new`} variant="primary" block>
          {t('activity.new')}
        </LinkButton>
      </div>
      {me.role !== 'mentor' && <TodaysShifts clientId={clientId} onLogged={() => void log.reload()} />}
      {waiting > 0 && <Notice title={t('activity.waitingCount', { count: waiting })} />}
      <SelectField id="log-whom" label={t('activity.filterWhom')} value={whom} onValue={(v) => setWhom(v as WithWhom | '')}>
        <option value="">{t('activity.everyone')}</option>
        {WHOM.map((w) => (
          <option key={w} value={w}>
            {whomName(w)}
          </option>
        ))}
      </SelectField>
      <SelectField id="log-purpose" label={t('activity.filterPurpose')} value={purpose} onValue={(v) => setPurpose(v as Purpose | '')}>
        <option value="">{t('activity.everything')}</option>
        {PURPOSES.map((p) => (
          <option key={p} value={p}>
            {purposeName(p)}
          </option>
        ))}
      </SelectField>
      {log.items === undefined ? (
        <LoadState loading={log.loading} trouble={log.trouble} />
      ) : log.items.length === 0 ? (
        <p>{t('activity.none')}</p>
      ) : (
        <ShowMore list={log}>
          <ActivityItems items={log.items} label={t('activity.logTitle')} />
        </ShowMore>
      )}
    </Page>
  );
}

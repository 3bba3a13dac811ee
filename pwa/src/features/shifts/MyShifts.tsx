import { useEffect, useState } from 'preact/hooks';
import { backFromMore } from '../../components/Layout/nav';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { fetchMyUpcoming, UPCOMING_KEY, type Occurrence } from '../../data/shifts';
import { useStored } from '../../data/store';
import { t } from '../../i18n';
import { useMe } from '../../session';
import { addDays, browserZone, dayWithDate, hoursInWords, isolate, todayIn } from './words';
import './Shifts.css';

/** How far the client's own list reaches: two weeks is what a person plans with. */
export const MY_DAYS = 14;

function ShiftLine({ occurrence }: { occurrence: Occurrence }) {
  const hours = hoursInWords(occurrence.startsAt, occurrence.endsAt, occurrence.endsAt <= occurrence.startsAt);
  const workplace = isolate(occurrence.workplace);
  if (occurrence.cancelled) {
    return (
      <p class="my-day__off">
        {t('shifts.noWorkBecause', { reason: t(`shifts.reason.${occurrence.cancelled}`) })}{' '}
        <span class="muted">({t('shifts.at', { hours, workplace })})</span>
      </p>
    );
  }
  return <p class="my-day__shift">{t('shifts.at', { hours, workplace })}</p>;
}

/**
 * `/shifts`: the client's next two weeks, day by day — each day's shifts, or "No work" —
 * read-only. Changes go through the coach (a client saw "Remove" buttons and a list
 * of 400 time zones here). From the list saved on the device, so it shows with no signal.
 */
export default function MyShifts() {
  const me = useMe();
  const back = backFromMore(me.role);
  const upcoming = useStored(UPCOMING_KEY, () => fetchMyUpcoming(me), [me.id]);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const zone = browserZone();
  const first = todayIn(zone, now);
  const days = Array.from({ length: MY_DAYS }, (_, i) => addDays(first, i));
  return (
    <Page title={t('shifts.myTitle')} back={back}>
      <p class="lead">{t('shifts.myIntro')}</p>
      <Notice kind="info" live={false}>
        <p>{t('shifts.askCoach')}</p>
      </Notice>
      {upcoming.data === undefined ? (
        <LoadState loading={upcoming.loading} trouble={upcoming.trouble} />
      ) : (
        <ul class="my-days" aria-label={t('shifts.twoWeeks')}>
          {days.map((day) => {
            const shifts = (upcoming.data ?? [])
              .filter((o) => o.date === day && Date.parse(o.end) > now)
              .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
            const working = shifts.some((o) => !o.cancelled);
            return (
              <li key={day} class={`my-day${working ? ' my-day--work' : ''}`}>
                <p class="my-day__date">{dayWithDate(day, zone, now)}</p>
                {shifts.length === 0 ? (
                  <p class="my-day__off">{t('shifts.noWork')}</p>
                ) : (
                  shifts.map((o) => <ShiftLine key={`${o.shiftId}-${o.date}`} occurrence={o} />)
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}

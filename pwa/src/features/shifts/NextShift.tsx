import { useEffect, useState } from 'preact/hooks';
import { LinkButton } from '../../components/Button/Button';
import { LoadState } from '../../components/Loading/Loading';
import { useDay } from '../../data/day';
import { nextOf, UPCOMING_KEY, type Occurrence } from '../../data/shifts';
import { t } from '../../i18n';
import { dateInWords, isolate, nextShiftInWords, timeAt } from './words';
import './Shifts.css';

/** Days off in the next week that the client should know about ("No work on Friday"). */
function cancelledSoon(occurrences: Occurrence[], now: number): Occurrence[] {
  const week = now + 7 * 86_400_000;
  return occurrences.filter((o) => o.cancelled && Date.parse(o.start) < week && Date.parse(o.end) > now);
}

/**
 * The client's home: "Next shift: tomorrow 8:00 at Hotel Aurora", from the day's list (saved on
 * the device, so it shows with no signal); worked out again every minute.
 */
export function NextShift() {
  const upcoming = useDay(UPCOMING_KEY, (day) => day.shifts);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  if (upcoming.data === undefined) {
    return <LoadState loading={upcoming.loading} trouble={upcoming.trouble} />;
  }
  const next = nextOf(upcoming.data, now);
  const off = cancelledSoon(upcoming.data, now);
  return (
    <>
      {next ? (
        <>
          <p class="next-shift" dir="auto">
            {nextShiftInWords(next, now)}
          </p>
          <p>
            {t('shifts.hours', {
              start: isolate(timeAt(next.start, next.zone)),
              end: isolate(timeAt(next.end, next.zone)),
            })}
          </p>
        </>
      ) : (
        <p>{t('shifts.noneSoon')}</p>
      )}
      {off.length > 0 && (
        <ul>
          {off.map((o) => (
            <li key={`${o.shiftId}-${o.date}`}>
              {t('shifts.dayOff', {
                date: dateInWords(o.date),
                reason: t(`shifts.reason.${o.cancelled ?? 'other'}`),
              })}
            </li>
          ))}
        </ul>
      )}
      <LinkButton href="/shifts">{t('shifts.seeAll')}</LinkButton>
    </>
  );
}

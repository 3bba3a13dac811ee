import type { Schemas } from '../../api/client';
import { Card } from '../../components/Card/Card';
import { t } from '../../i18n';
import { addDays, browserZone, dayWithDate, hoursInWords, isolate, todayIn } from '../shifts/words';

type FamilyShift = Schemas['FamilyShift'];

/**
 * "Next shifts": the work times the clients share with this family member ("My work times"),
 * the day and the hours at the workplace, dates in the family member's language; the
 * workplace's name only where the client shares it too (the server leaves it out otherwise).
 * Part of the feed, so it is read against live consent and saved and replaced with it.
 */
export function FamilyShifts({ shifts }: { shifts: FamilyShift[] }) {
  const zone = browserZone();
  const today = todayIn(zone);
  // A saved copy shown offline may be days old: what is over is not "next".
  const coming = shifts.filter((s) => s.date >= today || (s.endsNextDay && s.date >= addDays(today, -1)));
  if (coming.length === 0) return null;
  const clients = [...new Map(coming.map((s) => [s.clientId, s.clientName])).entries()];
  return (
    <Card id="family-shifts" title={t('feed.shiftsTitle')}>
      {/* Whose they are, also with one client: "Next shifts" alone reads as the member's own. */}
      {clients.map(([clientId, name]) => [
        <p class="feed__shifts-name" key={`${clientId}-name`}>
          {t('feed.shiftsOf', { name })}
        </p>,
        <ul class="feed__shifts" key={clientId} aria-label={t('feed.shiftsOf', { name })}>
          {coming
            .filter((s) => s.clientId === clientId)
            .map((s) => {
              const hours = hoursInWords(s.startsAt, s.endsAt, s.endsNextDay);
              return (
                <li key={`${s.date}-${s.startsAt}-${s.workplace ?? ''}`}>
                  <span class="feed__shift-day">{dayWithDate(s.date, zone)}</span>{' '}
                  <span>
                    {s.workplace
                      ? t('shifts.at', { hours, workplace: isolate(s.workplace) })
                      : hours}
                  </span>
                </li>
              );
            })}
        </ul>,
      ])}
    </Card>
  );
}


import { pages, type Schemas } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Notice } from '../../components/Notice/Notice';
import { describe } from '../../lib/errors';
import { useState } from 'preact/hooks';
import { Card } from '../../components/Card/Card';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { navigate, useLocation } from '../../lib/router';
import { SelectField } from '../../components/Field/Field';
import { useMe } from '../../session';
import { browserZone, clockTime, dateInWords, hoursAt, isolate, sameClock, zoneName } from './words';
import { WasThere } from '../activities/WasThere';
import { todayIso } from '../journey/words';
import './Shifts.css';

type WeekShift = Schemas['WeekShift'];
type CoachWeekData = Schemas['CoachWeek'];

const DAY_MS = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** "9:00–13:00", and where the workplace's clocks differ from this device's, their zone by
 * name: "9:00–13:00 (Eastern European Time)" — times are always the workplace's own. */
function hoursThere(o: WeekShift['occurrence'], viewer: string): string {
  const hours = hoursAt(o.start, o.end, o.zone);
  return sameClock(o.start, o.zone, viewer) ? hours : `${hours} (${isolate(zoneName(o.zone, o.start))})`;
}

function ShiftRow({ item }: { item: WeekShift }) {
  const o = item.occurrence;
  const hours = hoursThere(o, browserZone());
  const workplace = isolate(o.workplace);
  const detail = o.cancelled
    ? t('week.cancelled', { hours, workplace, reason: t(`shifts.reason.${o.cancelled}`) })
    : t('week.shift', { hours, workplace });
  return <LinkListItem href={`/clients/${o.ownerId}`} title={item.displayName} detail={detail} />;
}

/** The coaches whose clients the person sees, by name: the choice of whose week to show. */
function CoachChoice({ coach, onCoach }: { coach: string; onCoach: (coach: string) => void }) {
  const caseload = useResource(() => pages.all('/api/clients', { query: { limit: 200 } }));
  const coaches = new Map<string, string>();
  for (const client of caseload.data ?? []) {
    if (client.coachId) coaches.set(client.coachId, client.coachName ?? '');
  }
  if (coaches.size < 2 && !coach) return null;
  return (
    <SelectField id="week-coach" label={t('week.coach')} value={coach} onValue={onCoach}>
      <option value="">{t('week.allCoaches')}</option>
      {[...coaches]
        .sort(([, a], [, b]) => a.localeCompare(b))
        .map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
    </SelectField>
  );
}

/**
 * `/week`: the caseload's week in one view — each day with its heading and its shifts as a
 * list, then the conversations due, the goals ending and the natural supports to review (each
 * opening its job's analysis, where the coach marks it reviewed) (headings and lists, no grid: a
 * screen reader moves day by day with the heading keys).
 */
export default function CoachWeek() {
  const me = useMe();
  const { query } = useLocation();
  const start = query.get('start') ?? undefined;
  const coach = query.get('coach') ?? '';
  // The week of the first clients of the caseload; the rest, a page of clients at a time, when
  // the person asks (an organisation's week is long).
  const week = useResource(
    // This week is this phone's (the server's day is UTC's: late on a Sunday in Helsinki it
    // would still show the week that ends tonight).
    () => pages.firstOf('/api/week', { query: { start: start ?? todayIso(), coach: coach || undefined } }),
    [start, coach],
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreTrouble, setMoreTrouble] = useState<string | null>(null);
  async function moreClients() {
    const current = week.data;
    if (!current?.next || loadingMore) return;
    setLoadingMore(true);
    try {
      const part = await pages.nextOf<CoachWeekData>(current.next);
      week.set({
        body: {
          ...current.body,
          shifts: [...current.body.shifts, ...part.body.shifts],
          conversationsDue: [...current.body.conversationsDue, ...part.body.conversationsDue],
          goalsEnding: [...current.body.goalsEnding, ...part.body.goalsEnding],
          // Each part's supports are its own clients': the earliest review day first again (a
          // stable sort keeps each day's by name).
          supportsToReview: [...(current.body.supportsToReview ?? []), ...(part.body.supportsToReview ?? [])].sort(
            (a, b) => a.reviewOn.localeCompare(b.reviewOn),
          ),
          followUpsDue: [...(current.body.followUpsDue ?? []), ...(part.body.followUpsDue ?? [])].sort((a, b) =>
            a.dueOn.localeCompare(b.dueOn),
          ),
          clients: (current.body.clients ?? 0) + (part.body.clients ?? 0),
        },
        next: part.next,
      });
      setMoreTrouble(null);
      // The new clients' shifts join their days: reading goes on from the week's start.
      // The button is gone with the last part: focus goes to the shifts' heading, not lost.
      if (!part.next) {
        requestAnimationFrame(() => {
          const heading = document.getElementById('week-shifts-title');
          heading?.setAttribute('tabindex', '-1');
          heading?.focus();
        });
      }
    } catch (error) {
      setMoreTrouble(describe(error).title);
    } finally {
      setLoadingMore(false);
    }
  }
  /** This screen with another week or coach, keeping the rest. */
  const at = (changes: { start?: string; coach?: string }) => {
    const next = new URLSearchParams();
    const day = 'start' in changes ? changes.start : start;
    const who = 'coach' in changes ? changes.coach : coach;
    if (day) next.set('start', day);
    if (who) next.set('coach', who);
    const search = next.toString();
    return search ? `/week?${search}` : '/week';
  };
  const data = week.data?.body;
  const title = t('week.title');
  if (!data) {
    return (
      <Page title={title}>
        <LoadState loading={week.loading} trouble={week.trouble} />
      </Page>
    );
  }
  const days = Array.from({ length: 7 }, (_, i) => addDays(data.start, i));
  return (
    <Page title={title}>
      <p class="lead">
        {t('week.range', { start: dateInWords(data.start), end: dateInWords(data.end) })}
      </p>
      <nav class="actions" aria-label={t('week.otherWeeks')}>
        <LinkButton href={at({ start: addDays(data.start, -7) })}>{t('week.previous')}</LinkButton>
        <LinkButton href={at({ start: undefined })}>{t('week.this')}</LinkButton>
        <LinkButton href={at({ start: addDays(data.start, 7) })}>{t('week.next')}</LinkButton>
      </nav>
      <p>
        <LinkButton href="/fading">{t('fading.weekLink')}</LinkButton>
      </p>
      {me.role !== 'coach' && (
        <CoachChoice coach={coach} onCoach={(who) => navigate(at({ coach: who }), { replace: true })} />
      )}
      <Card id="week-shifts" title={t('week.shifts')}>
        {days.map((day) => {
          const shifts = data.shifts
            .filter((s) => s.occurrence.date === day)
            .sort((a, b) => Date.parse(a.occurrence.start) - Date.parse(b.occurrence.start));
          return (
            <section class="week-day" key={day} aria-labelledby={`day-${day}`}>
              <h3 id={`day-${day}`}>{dateInWords(day)}</h3>
              {shifts.length === 0 ? (
                <p class="muted">{t('week.noShifts')}</p>
              ) : (
                <>
                  <LinkList label={dateInWords(day)}>
                    {shifts.map((item) => (
                      <ShiftRow key={`${item.occurrence.shiftId}-${day}`} item={item} />
                    ))}
                  </LinkList>
                  {/* The coach's shifts of today that have started: the visit in one tap (earlier
                      days' are completed from the day recap). */}
                  {shifts
                    .filter(
                      (item) =>
                        me.role === 'coach' &&
                        item.occurrence.day === 'today' &&
                        !item.occurrence.cancelled &&
                        Date.parse(item.occurrence.start) <= Date.now(),
                    )
                    .map((item) => (
                      <div class="actions" key={`visit-${item.occurrence.shiftId}-${day}`}>
                        <WasThere
                          shiftId={item.occurrence.shiftId}
                          date={item.occurrence.date}
                          hours={`${clockTime(item.occurrence.startsAt)}–${clockTime(item.occurrence.endsAt)}`}
                          name={item.displayName}
                        />
                      </div>
                    ))}
                </>
              )}
            </section>
          );
        })}
      </Card>
      <Card id="week-conversations" title={t('week.conversationsDue')}>
        {data.conversationsDue.length === 0 ? (
          <p>{t('week.noConversations')}</p>
        ) : (
          <LinkList>
            {data.conversationsDue.map((due) => (
              <LinkListItem
                key={due.ownerId}
                href={`/clients/${due.ownerId}`}
                title={due.displayName}
                detail={
                  due.lastHeldOn
                    ? t('week.lastConversation', { date: dateInWords(due.lastHeldOn, false) })
                    : t('week.neverConversation')
                }
              />
            ))}
          </LinkList>
        )}
      </Card>
      <Card id="week-goals" title={t('week.goalsEnding')}>
        {data.goalsEnding.length === 0 ? (
          <p>{t('week.noGoals')}</p>
        ) : (
          <LinkList>
            {data.goalsEnding.map((goal) => (
              <LinkListItem
                key={goal.goalId}
                href={`/clients/${goal.ownerId}`}
                title={`${goal.displayName}: ${goal.title}`}
                detail={t('week.goalEnds', { date: dateInWords(goal.endsOn) })}
              />
            ))}
          </LinkList>
        )}
      </Card>
      <Card id="week-supports" title={t('week.supportsToReview')}>
        {(data.supportsToReview ?? []).length === 0 ? (
          <p>{t('week.noSupports')}</p>
        ) : (
          <LinkList>
            {(data.supportsToReview ?? []).map((support) => (
              <LinkListItem
                key={support.supportId}
                href={`/jobs/${support.jobId}/analysis`}
                title={`${support.displayName}: ${support.role ? t('workplace.whoWithRole', { name: support.name, role: support.role }) : support.name}`}
                detail={`${t('week.supportHelps', { what: support.helpsWith, job: support.jobTitle })} · ${
                  support.reviewOn < data.start
                    ? t('week.supportOverdue', { date: dateInWords(support.reviewOn, false) })
                    : t('week.supportReviewOn', { date: dateInWords(support.reviewOn) })
                }`}
              />
            ))}
          </LinkList>
        )}
      </Card>
      {(data.followUpsDue ?? []).length > 0 && (
        <Card id="week-follow-ups" title={t('week.followUps')}>
          <p>{t('week.followUpsHint')}</p>
          <LinkList>
            {(data.followUpsDue ?? []).map((due) => (
              <LinkListItem
                key={due.episodeId}
                href={`/clients/${due.ownerId}/journey#follow-up-${due.episodeId}`}
                title={due.displayName}
                detail={t('week.followUpDue', {
                  left: dateInWords(due.closedOn, false),
                  date: dateInWords(due.dueOn, false),
                })}
              />
            ))}
          </LinkList>
        </Card>
      )}
      {moreTrouble && <Notice kind="error" title={moreTrouble} />}
      {/* Said after each part, so "Show more clients" is heard to have worked even when the new
          clients have nothing due this week. */}
      {week.data?.next || (data.clients ?? 0) > 0 ? (
        <p role="status" class="week-shown">
          {t('week.clientsShown', { count: data.clients ?? 0 })}
        </p>
      ) : null}
      {week.data?.next && (
        <div class="actions">
          <Button onClick={() => void moreClients()} busy={loadingMore} block>
            {t('week.moreClients')}
          </Button>
        </div>
      )}
    </Page>
  );
}

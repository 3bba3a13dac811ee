import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { useDay } from '../../data/day';
import { INTERVIEWS_KEY } from '../../data/interviews';
import { t } from '../../i18n';
import { isolate } from '../shifts/words';
import { interviewSentence } from './words';

type DayInterview = Schemas['DayInterview'];

/** On the client's home: their next job interview of the coming week, in plain words, from the
 * client's day (no request of its own; kept on the phone). Nothing when there is none. */
export function NextInterview() {
  const interviews = useDay(INTERVIEWS_KEY, (day) => day.interviews ?? []);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const next = (interviews.data ?? []).find((i: DayInterview) => Date.parse(i.interview.startsAt) > now);
  if (!next) return null;
  return (
    <Card id="next-interview" title={t('opportunities.client.nextInterview')}>
      <p dir="auto">{interviewSentence(next.employerName || next.jobTitle, next.interview, now)}</p>
      {next.interview.place && <p dir="auto">{t('opportunities.where', { place: isolate(next.interview.place) })}</p>}
      <LinkButton href="/opportunities">{t('opportunities.client.seeAll')}</LinkButton>
    </Card>
  );
}

import { useState } from 'preact/hooks';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { formatDate, t } from '../../i18n';
import { isolate } from '../shifts/words';
import { moveStep } from './moves';
import { interviewWhen, nextStep, stepName, themeName, titleOf, type Opportunity } from './words';

/** The job form of the client, filled in from the opportunity (employer, job, the day it started). */
function jobFormOf(o: Opportunity): string {
  const query = new URLSearchParams({ start: o.stepOn });
  if (o.employerId) query.set('employer', o.employerId);
  if (o.jobTitle) query.set('title', o.jobTitle);
  return `/clients/${o.clientId}/jobs/new?${query.toString()}`;
}

/**
 * One opportunity for staff: what and where, the step it is at since when, the next follow-up,
 * the interview; the next step in one tap (today's date), or "Open" for another step, another
 * day, the interview's time and place. A mentor reads it only.
 */
export function OpportunityCard({ o, onMoved }: { o: Opportunity; onMoved: (sent: boolean) => void }) {
  const [busy, setBusy] = useState(false);
  const next = nextStep(o.step);
  const when = interviewWhen(o);
  const id = `opportunity-${o.id}`;
  async function oneTap(step: NonNullable<ReturnType<typeof nextStep>>) {
    setBusy(true);
    try {
      onMoved(await moveStep(o.id, { step }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card id={id} title={titleOf(o)} level={3}>
      <p>{t('opportunities.stepSince', { step: stepName(o.step), on: isolate(formatDate(o.stepOn)) })}</p>
      {o.personName && <p dir="auto">{t('opportunities.person', { name: isolate(o.personName) })}</p>}
      {o.themes.length > 0 && <p>{t('opportunities.themesAre', { themes: o.themes.map(themeName).join(', ') })}</p>}
      {(o.matches ?? []).length > 0 && (
        <p>{t('opportunities.matchesProfile', { themes: (o.matches ?? []).map(themeName).join(', ') })}</p>
      )}
      {o.followUpOn && <p>{t('opportunities.followUp', { on: isolate(formatDate(o.followUpOn)) })}</p>}
      {o.step === 'interview' && when && o.interview && (
        <p>
          {t('opportunities.interviewAt', { day: isolate(when.day), time: isolate(when.time) })}
          {o.interview.place && ` ${t('opportunities.where', { place: isolate(o.interview.place) })}`}
        </p>
      )}
      {o.byClient && <p>{t('opportunities.clientsIdea')}</p>}
      {o.canMove && o.step === 'started' && (
        // "Started" does not make the job by itself: the coach is asked, and records it with
        // its hours and pay in the job form, started from this opportunity.
        <div class="actions">
          <p>{t('opportunities.recordJobQuestion')}</p>
          <LinkButton href={jobFormOf(o)}>{t('opportunities.recordJob')}</LinkButton>
        </div>
      )}
      <div class="actions">
        {o.canMove && next && next !== 'interview' && (
          <Button variant="primary" busy={busy} onClick={() => void oneTap(next)}>
            {t('opportunities.moveTo', { step: stepName(next) })}
          </Button>
        )}
        {o.canMove && next === 'interview' && (
          <LinkButton href={`/opportunities/${o.id}?step=interview`} variant="primary">
            {t('opportunities.moveTo', { step: stepName(next) })}
          </LinkButton>
        )}
        <LinkButton href={`/opportunities/${o.id}`}>{t('opportunities.openOne')}</LinkButton>
      </div>
    </Card>
  );
}

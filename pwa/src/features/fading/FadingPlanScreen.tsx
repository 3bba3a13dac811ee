import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useOutbox } from '../../data/outbox';
import { dateInWords } from '../shifts/words';
import { FadingChart } from './FadingChart';
import { PlanForm } from './PlanForm';
import { usePlan, waitingPlan } from './data';
import { ALERT_WORDS, stepInWords, type FadingPlan } from './words';
import './Fading.css';

/**
 * `/clients/:id/jobs/:job/fading`: a client's fading plan for one job — the steps, planned
 * against actual a week at a time (chart and table), the share of steps done on their own, and
 * the alerts. The client's coach and the team's coordinator change the plan.
 */
export default function FadingPlanScreen({ params }: { params: Record<string, string> }) {
  const clientId = params.id ?? '';
  const jobId = params.job ?? '';
  const plan = usePlan(clientId, jobId);
  const outbox = useOutbox();
  const [shown, setShown] = useState<FadingPlan | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const wasWaiting = useRef(false);
  useEffect(() => {
    let live = true;
    void waitingPlan(jobId).then((item) => {
      if (!live) return;
      // The plan waiting on the phone was sent: read it as the server made it (its version, weeks).
      if (wasWaiting.current && !item) void plan.reload().then(() => setShown(null));
      wasWaiting.current = Boolean(item);
      setWaiting(Boolean(item));
    });
    return () => {
      live = false;
    };
  }, [jobId, outbox]);
  const data = shown ?? plan.data;
  if (!data) {
    return (
      <Page title={t('fading.title')}>
        <LoadState loading={plan.loading} trouble={plan.trouble} />
      </Page>
    );
  }
  const back = { href: `/jobs/${jobId}`, label: data.jobTitle };
  const noPlan = (data.version === null || data.version === undefined) && data.steps.length === 0;
  return (
    <Page title={t('fading.titleFor', { name: data.clientName })} back={back}>
      <p class="lead" dir="auto">
        {data.jobTitle}
      </p>
      {waiting ? (
        <Notice kind="info" title={t('fading.waiting')} />
      ) : (
        saved && <Notice kind="success" title={t('fading.saved')} />
      )}
      {data.alerts.length > 0 && (
        <Card id="fading-alerts" title={t('fading.alerts')}>
          <ul>
            {data.alerts.map((a) => (
              <li key={a.id}>
                {t(ALERT_WORDS[a.kind])} · {t('fading.since', { date: dateInWords(a.since, false) })}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card id="fading-plan" title={t('fading.plan')}>
        {noPlan || editing ? (
          <>
            {noPlan && <p>{t('fading.noPlan')}</p>}
            <PlanForm
              plan={data}
              onSaved={(next) => {
                setShown(next.plan);
                setWaiting(next.state === 'waiting');
                wasWaiting.current ||= next.state === 'waiting';
                setEditing(false);
                setSaved(true);
              }}
              onCancel={noPlan ? undefined : () => setEditing(false)}
            />
          </>
        ) : (
          <>
            <ol class="fading-steps">
              {data.steps.map((s) => (
                <li key={s.fromDate}>
                  {t('fading.fromDate', { date: dateInWords(s.inForceFrom ?? s.fromDate, false) })}: {stepInWords(s)}
                </li>
              ))}
            </ol>
            {!waiting && (
              <p class="muted">
                {t('fading.version', { n: data.version ?? 0 })}
                {data.madeByName && ` · ${data.madeByName}`}
              </p>
            )}
            {(data.stable || data.quarterReached) && (
              <p>
                <strong>{data.stable ? t('fading.isStable') : t('fading.isQuarter')}</strong>
              </p>
            )}
            <Button
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('fading.change')}
            </Button>
          </>
        )}
      </Card>
      {!noPlan && (
        <Card id="fading-weeks" title={t('fading.weeks')}>
          <FadingChart weeks={data.weeks} id="fading-weeks-table" />
        </Card>
      )}
    </Page>
  );
}

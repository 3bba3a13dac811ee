import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { ClientScreen } from '../clients/ClientScreen';
import { Decision } from './Decision';
import { CloseForm, EndStage, FollowUpForm, IntakeForm, StartStageForm } from './forms';
import { Timeline } from './Timeline';
import {
  benefitName,
  closureName,
  dayInWords,
  type Episode,
  type Journey,
} from './words';
import './Journey.css';

/** The situation at entry and, once closed, the end: a few facts. */
function EpisodeFacts({ episode }: { episode: Episode }) {
  const benefits = [
    ...episode.benefits.map(benefitName),
    ...(episode.benefitsNote ? [episode.benefitsNote] : []),
  ];
  return (
    <dl class="journey__facts">
      <div>
        <dt>{t('journey.intakeOn')}</dt>
        <dd>{dayInWords(episode.intakeOn)}</dd>
      </div>
      <div>
        <dt>{t('journey.inWork')}</dt>
        <dd>
          {episode.inPaidWork ? t('journey.inWorkYes') : t('journey.inWorkNo')}
          {episode.workSince && ` — ${t('journey.since', { day: dayInWords(episode.workSince) })}`}
        </dd>
      </div>
      <div>
        <dt>{t('journey.benefits')}</dt>
        <dd dir="auto">{benefits.length ? benefits.join(', ') : t('journey.noBenefits')}</dd>
      </div>
      {episode.closedOn && (
        <div>
          <dt>{t('journey.closedOn')}</dt>
          <dd dir="auto">
            {dayInWords(episode.closedOn)}
            {episode.closureReason && ` — ${closureName(episode.closureReason)}`}
            {episode.closureNote && ` (${episode.closureNote})`}
          </dd>
        </div>
      )}
    </dl>
  );
}

function JourneyEditor({ clientId, canChange }: { clientId: string; canChange: boolean }) {
  const journey = useResource(
    () => api.get('/api/clients/{client_id}/journey', { path: { client_id: clientId } }),
    [clientId],
  );
  const [saved, setSaved] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const data = journey.data;
  if (!data) return <LoadState loading={journey.loading} trouble={journey.trouble} />;
  const changed = (message: string) => (next: Journey) => {
    journey.set(next);
    setSaved(message);
    setClosing(false);
  };
  // Made without signal: kept on this phone and sent by the outbox once the signal is back.
  const queued = () => setSaved(t('journey.queued'));
  const current = data.current;
  return (
    <>
      {saved && <Notice kind="success" title={saved} />}
      {!current ? (
        <Card id="intake" title={t('journey.intakeTitle')}>
          <p>{data.past.length ? t('journey.noneOpenAgain') : t('journey.noneYet')}</p>
          {canChange && <IntakeForm clientId={clientId} onDone={changed(t('journey.intakeSaved'))} onQueued={queued} />}
        </Card>
      ) : (
        <>
          <Card id="episode" title={t('journey.episodeTitle')}>
            <EpisodeFacts episode={current} />
          </Card>
          <Card id="decision" title={t('journey.decisionTitle')}>
            <Decision
              clientId={clientId}
              episode={current}
              forClient={false}
              onChange={changed(t('journey.decisionSaved'))}
            />
          </Card>
          <Card id="stages" title={t('journey.stagesTitle')}>
            <Timeline
              label={t('journey.stagesTitle')}
              stages={current.stages}
              actions={
                canChange
                  ? (period) => (
                      <EndStage clientId={clientId} period={period} onDone={changed(t('journey.stageEnded'))} />
                    )
                  : undefined
              }
            />
          </Card>
          {canChange && (
            <Card id="start-stage-card" title={t('journey.startTitle')}>
              <StartStageForm clientId={clientId} onDone={changed(t('journey.stageStarted'))} onQueued={queued} />
            </Card>
          )}
          {canChange && (
            <Card id="close" title={t('journey.closeTitle')}>
              {closing ? (
                <CloseForm clientId={clientId} onDone={changed(t('journey.closed'))} />
              ) : (
                <Button onClick={() => setClosing(true)}>{t('journey.closeOpen')}</Button>
              )}
            </Card>
          )}
        </>
      )}
      {data.past.length > 0 && (
        <Card id="past" title={t('journey.pastTitle')}>
          {data.past.map((episode) => (
            <section key={episode.id} aria-label={t('journey.pastOne', { day: dayInWords(episode.intakeOn) })}>
              <h3>{t('journey.pastOne', { day: dayInWords(episode.intakeOn) })}</h3>
              <EpisodeFacts episode={episode} />
              {episode.followUpAgreed && (
                <div id={`follow-up-${episode.id}`} class="journey__follow-up">
                  <h4>{t('journey.followUpTitle')}</h4>
                  {episode.followUp ? (
                    <p>
                      {t('journey.followUpRecorded', {
                        situation: t(`journey.situation.${episode.followUp.situation}`),
                        day: dayInWords(episode.followUp.situationOn),
                      })}
                    </p>
                  ) : (
                    <>
                      <p>{t('journey.followUpDue', { day: dayInWords(episode.followUpDueOn ?? '') })}</p>
                      {canChange && (
                        <FollowUpForm
                          clientId={clientId}
                          episodeId={episode.id}
                          onDone={changed(t('journey.followUpSaved'))}
                        />
                      )}
                    </>
                  )}
                </div>
              )}
              <Timeline label={t('journey.stagesTitle')} stages={episode.stages} />
            </section>
          ))}
        </Card>
      )}
    </>
  );
}

/**
 * `/clients/:id/journey`: the client's support as a dated history — intake with the situation
 * at entry, the informed decision, the stages with their dates and what each produced, and the
 * end. Coaches, the team's coordinator and administrators change it.
 */
export default function ClientJourneyScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const me = useMe();
  return (
    <ClientScreen clientId={id} title="journey.staffTitle">
      {(client) => <JourneyEditor clientId={client.id} canChange={me.role !== 'client'} />}
    </ClientScreen>
  );
}

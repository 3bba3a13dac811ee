import { api } from '../../api/client';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { Decision } from './Decision';
import { Timeline } from './Timeline';
import { dayInWords } from './words';
import './Journey.css';

/**
 * `/journey`: the client's own journey in plain words — "Getting to know you — from 3 March" —
 * and, while it is not given, their decision to take part, which they confirm here.
 */
export default function MyJourney() {
  const me = useMe();
  const journey = useResource(
    () => api.get('/api/clients/{client_id}/journey', { path: { client_id: me.id } }),
    [me.id],
  );
  const data = journey.data;
  return (
    <Page title={t('journey.mine.title')} back={{ href: '/more', label: t('nav.more') }}>
      {!data ? (
        <LoadState loading={journey.loading} trouble={journey.trouble} />
      ) : (
        <>
          {!data.current && data.past.length === 0 && <p>{t('journey.mine.none')}</p>}
          {data.current && (
            <>
              <p class="lead">{t('journey.mine.since', { day: dayInWords(data.current.intakeOn) })}</p>
              <Card id="my-decision" title={t('journey.mine.decisionTitle')}>
                <Decision
                  clientId={me.id}
                  episode={data.current}
                  forClient
                  onChange={(next) => journey.set(next)}
                />
              </Card>
              <Card id="my-stages" title={t('journey.mine.stagesTitle')}>
                <Timeline label={t('journey.mine.stagesTitle')} stages={data.current.stages} forClient />
              </Card>
            </>
          )}
          {data.past.map((episode) => (
            <Card
              key={episode.id}
              id={`past-${episode.id}`}
              title={t('journey.mine.past', {
                from: dayInWords(episode.intakeOn),
                to: dayInWords(episode.closedOn),
              })}
            >
              <Timeline label={t('journey.mine.stagesTitle')} stages={episode.stages} forClient />
            </Card>
          ))}
        </>
      )}
    </Page>
  );
}

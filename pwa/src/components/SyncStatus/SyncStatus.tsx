import { useState } from 'preact/hooks';
import { useOnline } from '../../data/connection';
import { dismiss, flush, useOutbox } from '../../data/outbox';
import type { OutboxItem } from '../../data/db';
import { t, type Key } from '../../i18n';
import { codeInWords, photoRefusalInWords } from '../../lib/errors';
import { Button } from '../Button/Button';
import './SyncStatus.css';

const WHAT: Record<OutboxItem['kind'], Key> = {
  completion: 'sync.what.completion',
  selfPrompt: 'sync.what.selfPrompt',
  help: 'sync.what.help',
  session: 'training.syncWhat',
  checkIn: 'goals.sync.checkIn',
  rating: 'goals.sync.rating',
  activity: 'activity.syncWhat',
  visit: 'activity.syncVisit',
  employer: 'employers.syncWhat',
  contact: 'contacts.syncWhat',
  job: 'jobs.syncWhat',
  intake: 'journey.sync.intake',
  stageStart: 'journey.sync.stageStart',
  profileSection: 'profile.sync.section',
  profileChoices: 'profile.sync.choices',
  opportunity: 'opportunities.sync.add',
  opportunityStep: 'opportunities.sync.step',
  opportunityContact: 'opportunities.sync.contact',
  analysis: 'workplace.sync.analysis',
  analysisTask: 'workplace.sync.task',
  naturalSupport: 'workplace.sync.support',
  analysisPhoto: 'workplace.sync.photo',
  fadingPlan: 'fading.sync.plan',
};

function Refused({ item }: { item: OutboxItem }) {
  const reason =
    item.kind === 'analysisPhoto'
      ? photoRefusalInWords(item.refusal)
      : (codeInWords(item.refusal?.code) ?? t('sync.refusedReason'));
  return (
    <li class="sync-status__refused">
      <p>
        {t('sync.refused', { what: t(WHAT[item.kind]) })} {reason}
      </p>
      <Button variant="quiet" onClick={() => void dismiss(item.id)}>
        {t('sync.dismiss')}
      </Button>
    </li>
  );
}

/**
 * Whether everything the person did is saved, always in words: "All saved" or
 * "3 changes waiting to send", and "Offline" when there is no connection. A polite live
 * region, so a screen reader hears it change without being interrupted.
 */
export function SyncStatus() {
  const online = useOnline();
  const { waiting, failed, sending } = useOutbox();
  const [asked, setAsked] = useState(false);
  const text = waiting === 0 ? t('sync.allSaved') : t('sync.waiting', { count: waiting });
  return (
    <div class={`sync-status${online ? '' : ' sync-status--offline'}`}>
      <div class="sync-status__inner">
        <p class="sync-status__text" role="status" aria-live="polite">
          {!online && <strong class="sync-status__offline">{t('sync.offline')} </strong>}
          {text}
          {waiting > 0 && sending && asked && ` ${t('sync.sending')}`}
        </p>
        {waiting > 0 && (
          <Button
            variant="quiet"
            onClick={() => {
              setAsked(true);
              void flush();
            }}
          >
            {t('sync.sendNow')}
          </Button>
        )}
      </div>
      {failed.length > 0 && (
        <ul class="sync-status__list" aria-label={t('sync.refusedTitle')}>
          {failed.map((item) => (
            <Refused key={item.id} item={item} />
          ))}
        </ul>
      )}
    </div>
  );
}

import { ItemList } from '../../components/List/List';
import { formatDate, t } from '../../i18n';
import { howInWords, purposeName, whenInWords, whomInWords, type Activity } from './words';
import './Activities.css';

/** A log's page: what a phone shows before "Show more". */
export const PAGE = 20;

/**
 * Activities as a list, each in a few plain lines: when, with whom, how (or that it was only
 * tried), what it was about, the note and what was agreed. `forClient`: in the client's own
 * words ("With you"); staff also see who logged it and whether it is kept from the client.
 */
export function ActivityItems({
  items,
  label,
  forClient = false,
}: {
  items: Activity[];
  label: string;
  forClient?: boolean;
}) {
  return (
    <ItemList label={label}>
      {items.map((a) => (
        <li key={a.id} class="activity">
          <p class="activity__when">
            <strong>{whenInWords(a)}</strong>
          </p>
          <p dir="auto">{whomInWords(a, forClient)}</p>
          <p>{howInWords(a)}</p>
          <p>{t('activity.about', { purposes: a.purposes.map(purposeName).join(', ') })}</p>
          {a.note && <p dir="auto">{a.note}</p>}
          {a.agreed.length > 0 && (
            <div>
              <p>{t('activity.agreedTitle')}</p>
              <ul>
                {a.agreed.map((action) => (
                  <li key={`${action.who}-${action.text}`} dir="auto">
                    {action.text}
                    {' — '}
                    {t(action.who === 'coach' ? 'activity.agreedCoach' : 'activity.agreedClient')}
                    {action.dueOn ? ` · ${t('activity.by', { date: formatDate(action.dueOn) })}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {!forClient && (
            <p class="muted">
              {t('activity.loggedBy', { name: a.authorName || t('activity.someone') })}
              {a.clients.length > 1 ? ` · ${a.clients.map((c) => c.displayName).join(', ')}` : ''}
            </p>
          )}
          {!forClient && a.restricted && (
            <p class="activity__restricted">{t('activity.restrictedNote', { reason: a.restrictedReason })}</p>
          )}
        </li>
      ))}
    </ItemList>
  );
}

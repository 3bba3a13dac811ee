import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, OFFLINE } from '../../api/client';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { isOnline, onConnectionChange } from '../../data/connection';
import { load } from '../../data/db';
import { FEED_KEY, syncFeed, type Feed, type FeedItem } from '../../data/feed';
import { formatDate, formatDateTime, t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { onLinkClick } from '../../lib/router';
import { useMe } from '../../session';
import { FamilyShifts } from './FamilyShifts';
import { NewsPhoto } from './NewsPhoto';
import './Family.css';

const EVERY_MS = 60_000;

/**
 * The feed, from the server whenever it answers — never the saved copy first, so nothing a
 * withdrawal removed flashes up — and from the device's copy of the last answer only when the
 * server cannot be reached. Synced again when the connection returns, the app comes back to the
 * front, and once a minute while open.
 */
function useFeed(): { feed: Feed | undefined; savedAt: number | null; trouble: Trouble | null; loading: boolean } {
  const [feed, setFeed] = useState<Feed | undefined>(undefined);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [loading, setLoading] = useState(true);
  const have = useRef(false);

  const sync = useCallback(async () => {
    try {
      const fresh = await syncFeed();
      have.current = true;
      setFeed(fresh);
      setSavedAt(null);
      setTrouble(null);
    } catch (error) {
      const unreachable = error instanceof ApiError && (error.status === OFFLINE || error.status >= 500);
      if (!unreachable) {
        setTrouble(describe(error));
      } else if (!have.current) {
        const saved = await load<Feed>(FEED_KEY);
        if (saved) {
          have.current = true;
          setFeed(saved.value);
          setSavedAt(saved.savedAt);
        } else {
          setTrouble({ title: t('offline.notSaved'), fields: {} });
        }
      }
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void sync();
    const off = onConnectionChange(() => {
      if (isOnline()) void sync();
    });
    const visible = () => {
      if (document.visibilityState === 'visible') void sync();
    };
    document.addEventListener('visibilitychange', visible);
    const timer = setInterval(() => void sync(), EVERY_MS);
    return () => {
      off();
      document.removeEventListener('visibilitychange', visible);
      clearInterval(timer);
    };
  }, [sync]);

  return { feed, savedAt, trouble, loading: loading && feed === undefined };
}

function FeedCard({ item }: { item: FeedItem }) {
  return (
    <li class="news news--feed">
      <h2 class="news__title">{t('feed.itemTitle', { name: item.clientName, kind: t(`updates.kind.${item.kind}`) })}</h2>
      {item.photo && <NewsPhoto photo={item.photo} alt={t('feed.photoAlt', { name: item.clientName })} />}
      <p class="news__text news__text--large" dir="auto">
        {item.text}
      </p>
      <p class="news__meta">
        {item.authorName
          ? t('feed.byOn', { name: item.authorName, date: formatDate(item.sharedAt) })
          : formatDate(item.sharedAt)}
      </p>
    </li>
  );
}

/** A family member's home (also at `/family`, where notifications open): what each client
 * shares with them now. */
export default function FamilyFeed() {
  const me = useMe();
  const { feed, savedAt, trouble, loading } = useFeed();
  return (
    <Page title={t('home.hello', { name: me.displayName })}>
      {savedAt !== null && <p class="feed__saved">{t('feed.savedCopy', { time: formatDateTime(new Date(savedAt).toISOString()) })}</p>}
      {!feed ? (
        <LoadState loading={loading} trouble={trouble} />
      ) : (
        <>
          <FamilyShifts shifts={feed.shifts ?? []} />
          {feed.items.length === 0 ? (
            <>
              <p class="lead">{t('home.family.empty')}</p>
              {(me.clients ?? []).map((client) => (
                <p key={client.id}>{t('home.family.from', { name: client.displayName })}</p>
              ))}
            </>
          ) : (
            <ul class="feed" aria-label={t('home.family.updatesTitle')}>
              {feed.items.map((item) => (
                <FeedCard key={item.id} item={item} />
              ))}
            </ul>
          )}
          <Card id="what-shared" title={t('feed.sharesTitle')}>
            <p>{t('home.family.consent')}</p>
            <ul class="feed__sharing">
              {feed.sharing.map((client) => (
                <li key={client.clientId}>
                  {client.kinds.length === 0
                    ? t('feed.sharesNothing', { name: client.clientName })
                    : t('feed.shares', {
                        name: client.clientName,
                        kinds: client.kinds.map((kind) => t(`feed.kind.${kind}`)).join(', '),
                      })}
                  {client.kinds.includes('profile') && (
                    <>
                      {' '}
                      <a href={`/family/profile/${client.clientId}`} onClick={onLinkClick}>
                        {t('feed.readProfile', { name: client.clientName })}
                      </a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
    </Page>
  );
}

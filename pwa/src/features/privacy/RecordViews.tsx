import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { ItemList } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe } from '../../lib/errors';
import { useResource } from '../../lib/useResource';

type Page = Schemas['RecordViews'];

function zone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function load(before?: string): Promise<Page> {
  return api.get('/api/me/views', { query: { zone: zone(), before } });
}

/**
 * "Who looked at your record": one sentence per person and day, written by the server in the
 * person's language ("Jonas, your job coach, looked at your tasks and your goals — 5 December
 * 2026"), a week of days at a time, newest first, with "Show earlier days".
 */
export function RecordViews({ forFamily }: { forFamily: boolean }) {
  const first = useResource(() => load());
  const [more, setMore] = useState<Page[]>([]);
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<string | null>(null);
  const title = forFamily ? t('famdata.viewsTitle') : t('mydata.viewsTitle');
  const pages = first.data ? [first.data, ...more] : [];
  const last = pages[pages.length - 1];
  const groups = pages.flatMap((page) => page.groups);

  async function earlier() {
    if (!last?.earlier) return;
    setBusy(true);
    setTrouble(null);
    try {
      const page = await load(last.earlier);
      setMore((pages) => [...pages, page]);
    } catch (error) {
      setTrouble(describe(error).title);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card id="views" title={title}>
      {!first.data ? (
        <LoadState loading={first.loading} trouble={first.trouble} />
      ) : groups.length === 0 ? (
        <p>{forFamily ? t('famdata.viewsNone') : t('mydata.viewsNone')}</p>
      ) : (
        <>
          <p>{forFamily ? t('famdata.viewsText') : t('mydata.viewsText')}</p>
          {/* The sentences are in the language the server wrote them in (lang, dir). */}
          <div lang={first.data.locale} dir={first.data.direction}>
            <ItemList label={title}>
              {groups.map((group, index) => (
                <li key={`${group.day}-${index}`} class="record-view">
                  <p>{group.sentence}</p>
                </li>
              ))}
            </ItemList>
          </div>
          {trouble && <Notice kind="error" title={trouble} />}
          {last?.earlier ? (
            <Button onClick={() => void earlier()} busy={busy}>
              {t('mydata.showEarlier')}
            </Button>
          ) : (
            <p>{t('mydata.noEarlier')}</p>
          )}
        </>
      )}
    </Card>
  );
}

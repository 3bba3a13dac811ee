import { useState } from 'preact/hooks';
import { pages, type Schemas } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { TextField } from '../../components/Field/Field';
import { ItemList } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { browserZone, clockTime, dateInWords, todayIn } from '../shifts/words';
import { ActivityItems } from './ActivityItems';
import { WasThere } from './WasThere';

type Recap = Schemas['DayRecap'];

/**
 * `/recap`, the coach's day at its end: what they logged that day, and the shifts of their
 * clients that day with no visit logged — each completed with one tap ("I was there").
 */
export default function DayRecap() {
  const zone = browserZone();
  const [day, setDay] = useState(todayIn(zone));
  const recap = useResource(() => pages.firstOf('/api/activities/recap', { query: { day, zone } }), [day]);
  const [moreTrouble, setMoreTrouble] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  async function more() {
    const current = recap.data;
    if (!current?.next) return;
    setLoadingMore(true);
    try {
      const part = await pages.nextOf<Recap>(current.next);
      recap.set({
        body: { ...current.body, withoutVisit: [...current.body.withoutVisit, ...part.body.withoutVisit] },
        next: part.next,
      });
      setMoreTrouble(null);
    } catch (error) {
      setMoreTrouble(describe(error).title);
    } finally {
      setLoadingMore(false);
    }
  }
  const data = recap.data?.body;
  return (
    <Page title={t('recap.title')} back={{ href: '/', label: t('nav.home') }}>
      <TextField id="recap-day" type="date" label={t('recap.day')} value={day} onValue={(v) => v && setDay(v)} />
      {!data ? (
        <LoadState loading={recap.loading} trouble={recap.trouble} />
      ) : (
        <>
          <p class="lead">{t('recap.minutes', { count: data.minutes, date: dateInWords(data.date) })}</p>
          <Card id="recap-missing" title={t('recap.missing')}>
            {data.withoutVisit.length === 0 ? (
              <p>{t('recap.noneMissing')}</p>
            ) : (
              <ItemList label={t('recap.missing')}>
                {data.withoutVisit.map((s) => {
                  const hours = `${clockTime(s.startsAt)}–${clockTime(s.endsAt)}`;
                  return (
                    <li key={`${s.shiftId}-${s.date}`} class="activity">
                      <p dir="auto">
                        <strong>{s.displayName}</strong>
                        {` · ${s.workplace} · ${hours}`}
                      </p>
                      <div class="actions">
                        <WasThere shiftId={s.shiftId} date={s.date} hours={hours} name={s.displayName} />
                        <LinkButton href={`/clients/${s.clientId}/activities/new`}>{t('activity.new')}</LinkButton>
                      </div>
                    </li>
                  );
                })}
              </ItemList>
            )}
            {recap.data?.next && (
              <Button onClick={() => void more()} busy={loadingMore} block>
                {t('recap.moreClients')}
              </Button>
            )}
            {moreTrouble && <Notice kind="error" title={moreTrouble} />}
          </Card>
          <Card id="recap-logged" title={t('recap.logged')}>
            {data.logged.length === 0 ? (
              <p>{t('recap.noneLogged')}</p>
            ) : (
              <ActivityItems items={data.logged} label={t('recap.logged')} />
            )}
          </Card>
        </>
      )}
    </Page>
  );
}

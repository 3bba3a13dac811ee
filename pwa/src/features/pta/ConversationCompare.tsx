import { api, type Schemas } from '../../api/client';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { formatDay } from '../goals/words';
import { inLocale } from './texts';
import './Pta.css';

type Row = Schemas['ComparedAnswer'];

/** `/conversations/:id/compare`: each question with last time's answer beside this time's. */
export default function ConversationCompare({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const compared = useResource(
    () => api.get('/api/conversations/{conversation_id}/compare', { path: { conversation_id: id } }),
    [id],
  );
  const battery = useResource(
    () => api.get('/api/conversations/{conversation_id}', { path: { conversation_id: id } }),
    [id],
  );
  const back = { href: `/conversations/${id}`, label: t('pta.backToConversation') };
  const data = compared.data;
  if (!data) {
    return (
      <Page title={t('pta.compareTitle')} back={back}>
        <LoadState loading={compared.loading} trouble={compared.trouble} />
      </Page>
    );
  }
  const titles = new Map((battery.data?.sections ?? []).map((s) => [s.key, inLocale(s.titles)]));
  const bySection = new Map<string, Row[]>();
  for (const row of data.rows) bySection.set(row.sectionKey, [...(bySection.get(row.sectionKey) ?? []), row]);
  const now = formatDay(data.current.heldOn);
  const before = data.previous ? formatDay(data.previous.heldOn) : '';
  return (
    <Page title={t('pta.compareTitle')} back={back}>
      <p class="lead">
        {data.previous ? t('pta.compareIntro', { now, before }) : t('pta.noPrevious')}
      </p>
      {data.previous &&
        [...bySection].map(([key, rows]) => (
          <Card key={key} id={`compare-${key}`} title={titles.get(key) ?? key}>
            {rows.map((row) => (
              <div class="compare-row" key={row.questionKey}>
                <h3>{inLocale(row.texts)}</h3>
                <dl class="compare-row__answers">
                  <div>
                    <dt>{t('pta.before', { date: before })}</dt>
                    <dd dir="auto">{row.previous || (row.askedBefore === false ? t('ptaEdit.notAskedBefore') : t('pta.noAnswer'))}</dd>
                  </div>
                  <div>
                    <dt>{t('pta.now', { date: now })}</dt>
                    <dd dir="auto">{row.current || (row.askedNow === false ? t('ptaEdit.notAskedNow') : t('pta.noAnswer'))}</dd>
                  </div>
                </dl>
              </div>
            ))}
          </Card>
        ))}
    </Page>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { api, pages } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, TextAreaField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { useOutbox } from '../../data/outbox';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { isolate, timeAt } from '../shifts/words';
import { addOpportunity } from './moves';
import { forClient, interviewSoon, themeName, type Opportunity } from './words';
import './Opportunities.css';

const PAGE = 20;

/** "We remind you at 8:00, before the interview": the client's interview reminder, if it is on. */
export function InterviewReminder({ o }: { o: Opportunity }) {
  const mine = useResource(() => api.get('/api/me/notifications'), []);
  const rule = mine.data?.rules.find((r) => r.kind === 'interview' && r.enabled);
  if (!o.interview || !rule || rule.minutesBefore === null) return null;
  const at = new Date(Date.parse(o.interview.startsAt) - rule.minutesBefore * 60_000).toISOString();
  return (
    <p>
      {t('opportunities.client.reminder', { time: isolate(timeAt(at, o.interview.zone)) })}
    </p>
  );
}

/** One opportunity as the client reads it: a sentence, where to go, the reminder. */
export function ClientOpportunity({ o }: { o: Opportunity }) {
  const soon = interviewSoon(o, 60);
  return (
    <div class={soon ? 'interview-soon' : undefined}>
      <p dir="auto">{forClient(o)}</p>
      {soon && o.interview?.place && <p dir="auto">{t('opportunities.where', { place: isolate(o.interview.place) })}</p>}
      {soon && o.personName && <p dir="auto">{t('opportunities.client.meet', { name: isolate(o.personName) })}</p>}
      {soon && <InterviewReminder o={o} />}
      {o.themes.length > 0 && <p>{t('opportunities.themesAre', { themes: o.themes.map(themeName).join(', ') })}</p>}
      {(o.matches ?? []).length > 0 && (
        <p>{t('opportunities.client.matches', { themes: (o.matches ?? []).map(themeName).join(', ') })}</p>
      )}
    </div>
  );
}

function OwnIdea({ onAdded }: { onAdded: (sent: boolean) => void }) {
  const me = useMe();
  const [idea, setIdea] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function save() {
    if (!idea.trim()) {
      setError(t('opportunities.error.ownIdea'));
      document.getElementById('own-idea')?.focus();
      return;
    }
    setBusy(true);
    try {
      const sent = await addOpportunity(me.id, { idea: idea.trim() });
      setIdea('');
      setError('');
      onAdded(sent);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card id="own-idea-card" title={t('opportunities.client.ideaTitle')}>
      <Form onSubmit={() => void save()} label={t('opportunities.client.ideaTitle')}>
        <TextAreaField id="own-idea" label={t('opportunities.client.ideaLabel')} hint={t('opportunities.client.ideaHint')} value={idea} onValue={setIdea} maxLength={1000} dir="auto" error={error} />
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('opportunities.client.ideaSave')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

/**
 * `/opportunities` for a client: my job search in plain words, in my language and the
 * interview's time zone — "You have an interview at Hotel Aurora on Thursday at 10:00", where,
 * whom to meet, and when the reminder comes; and an idea of my own to tell my coach.
 */
export default function MyOpportunities() {
  const me = useMe();
  const [said, setSaid] = useState('');
  const list = usePages(
    () => pages.first('/api/clients/{client_id}/opportunities', { path: { client_id: me.id }, query: { limit: PAGE } }),
    [me.id],
  );
  const outbox = useOutbox();
  useEffect(() => {
    if (outbox.waiting === 0) void list.reload();
  }, [outbox.waiting]);
  return (
    <Page title={t('opportunities.client.title')} back={{ href: '/more', label: t('nav.more') }}>
      {said && <Notice kind="success" title={said} />}
      {list.items === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : list.items.length === 0 ? (
        <p>{t('opportunities.client.none')}</p>
      ) : (
        <ShowMore list={list}>
          <ul class="opportunities" aria-label={t('opportunities.client.title')}>
            {list.items.map((o) => (
              <li key={o.id}>
                <Card id={`mine-${o.id}`} level={3}>
                  <ClientOpportunity o={o} />
                </Card>
              </li>
            ))}
          </ul>
        </ShowMore>
      )}
      <OwnIdea onAdded={(sent) => setSaid(sent ? t('opportunities.client.ideaSent') : t('opportunities.waiting'))} />
      <LinkButton href="/reminders">{t('reminders.myTitle')}</LinkButton>
    </Page>
  );
}

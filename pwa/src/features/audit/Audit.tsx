import { useState } from 'preact/hooks';
import { api, pages, type AuditEntry } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, SelectField, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { formatDateTime, t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { actionKinds, actionName } from './actions';
import './Audit.css';

/** A page of the log; fewer than this means it was the last. */
const PAGE = 50;

interface Filters {
  person: string;
  client: string;
  kind: string;
  since: string;
  until: string;
}

const NONE: Filters = { person: '', client: '', kind: '', since: '', until: '' };

function zone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function load(filters: Filters, cursor?: string): Promise<AuditEntry[]> {
  const query: Record<string, string | number | undefined> = { zone: zone(), limit: PAGE, cursor };
  for (const name of Object.keys(filters) as (keyof Filters)[]) if (filters[name]) query[name] = filters[name];
  return api.get('/api/audit', { query });
}

/** Someone who is no longer there (erased) or nobody (signed out). */
function who(name: string | null | undefined, id: string): string {
  if (name) return name;
  return id ? t('audit.removedPerson') : '—';
}

/** One entry: what happened as its title, then when, who, about whom and the result, stacked
 * (a card on a phone, a row of four where the screen is wide enough). */
function Entry({ entry }: { entry: AuditEntry }) {
  return (
    <li class="audit-entry">
      <p class="audit-entry__what">{actionName(entry.action)}</p>
      <dl class="audit-entry__facts">
        <div>
          <dt>{t('audit.when')}</dt>
          <dd>
            {/* An isolate: a Hebrew date ("5 בדצמ׳ 2026, 18:10") keeps its own order among
                the labels around it (Unicode bidi, UAX #9). */}
            <time dateTime={entry.at}>
              <bdi>{formatDateTime(entry.at)}</bdi>
            </time>
          </dd>
        </div>
        <div>
          <dt>{t('audit.who')}</dt>
          <dd>
            <bdi>{who(entry.actorName, entry.actor)}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('audit.about')}</dt>
          <dd>
            <bdi>{who(entry.subjectName, entry.subject)}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('audit.outcome')}</dt>
          <dd>{entry.outcome === 'ok' ? t('audit.ok') : t('audit.refused')}</dd>
        </div>
      </dl>
    </li>
  );
}

/**
 * `/audit`: the tamper-evident audit log, newest first, narrowed by who did it, which client it
 * was about, what happened and the days. Older entries come when the person asks ("Show older
 * entries"), never while they scroll, so the end of the screen stays within reach however long
 * the log; focus then moves to the first older entry. Every entry is reachable, however old.
 */
export default function Audit() {
  const options = useResource(async () => {
    const [people, clients] = await Promise.all([
      pages.all('/api/people', { query: { limit: 200 } }),
      // Coordinators see their team's staff in /api/people; the clients come from the caseload.
      pages.all('/api/clients', { query: { limit: 200 } }).catch(() => []),
    ]);
    return {
      people: people.filter((p) => p.role !== 'client' && p.role !== 'family'),
      clients,
    };
  });
  const [draft, setDraft] = useState<Filters>(NONE);
  const [shown, setShown] = useState<Filters>(NONE);
  const [entries, setEntries] = useState<AuditEntry[] | undefined>(undefined);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const first = useResource(async () => {
    const page = await load(NONE);
    setEntries(page);
    setMore(page.length === PAGE);
    return page;
  });

  async function show(filters: Filters, cursor?: string) {
    setBusy(true);
    setTrouble(null);
    try {
      const page = await load(filters, cursor);
      const before = cursor === undefined ? 0 : (entries?.length ?? 0);
      setEntries((old) => (cursor === undefined ? page : [...(old ?? []), ...page]));
      // Asked for older entries: go on reading where they start (the button may be gone).
      if (cursor !== undefined && page.length > 0) {
        requestAnimationFrame(() => {
          const item = document.querySelectorAll<HTMLElement>('.audit-entry')[before];
          if (!item) return;
          item.tabIndex = -1;
          item.focus();
        });
      }
      setMore(page.length === PAGE);
      setShown(filters);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const last = entries?.[entries.length - 1];
  const older = () => {
    if (!busy && more && last) void show(shown, last.cursor);
  };

  const set = (name: keyof Filters) => (value: string) => setDraft({ ...draft, [name]: value });
  const error = (name: string) => trouble?.fields[name];

  return (
    <Page title={t('audit.title')} back={{ href: '/', label: t('nav.home') }}>
      <p class="lead">{t('audit.intro')}</p>
      <Card id="filters" title={t('audit.filters')}>
        <Form onSubmit={() => void show(draft)} label={t('audit.filters')}>
          <SelectField id="person" label={t('audit.person')} value={draft.person} onValue={set('person')} error={error('person')}>
            <option value="">{t('audit.anyone')}</option>
            {options.data?.people.map((person) => (
              <option key={person.id} value={person.id}>
                {`${person.displayName} (${t(`role.${person.role}`)})`}
              </option>
            ))}
          </SelectField>
          <SelectField id="client" label={t('audit.client')} value={draft.client} onValue={set('client')} error={error('client')}>
            <option value="">{t('audit.anyClient')}</option>
            {options.data?.clients.map((client) => (
              <option key={client.id} value={client.id}>
                {client.displayName}
              </option>
            ))}
          </SelectField>
          <SelectField id="kind" label={t('audit.kind')} value={draft.kind} onValue={set('kind')} error={error('kind')}>
            <option value="">{t('audit.anyKind')}</option>
            {actionKinds().map((kind) => (
              <option key={kind} value={kind}>
                {actionName(kind)}
              </option>
            ))}
          </SelectField>
          <div class="audit-days">
            <TextField id="since" type="date" label={t('audit.since')} value={draft.since} onValue={set('since')} error={error('since')} />
            <TextField id="until" type="date" label={t('audit.until')} value={draft.until} onValue={set('until')} error={error('until')} />
          </div>
          <div class="actions">
            <Button type="submit" variant="primary" busy={busy}>
              {t('audit.show')}
            </Button>
            <Button
              onClick={() => {
                setDraft(NONE);
                void show(NONE);
              }}
            >
              {t('audit.clear')}
            </Button>
          </div>
        </Form>
      </Card>
      {trouble && <Notice kind="error" title={trouble.title} />}
      {entries === undefined ? (
        <LoadState loading={first.loading} trouble={first.trouble} />
      ) : entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <>
          <p id="audit-shown" class="audit-shown" role="status">
            {t('audit.shown', { count: entries.length })}
          </p>
          <ol class="audit-entries" aria-labelledby="audit-shown">
            {entries.map((entry) => (
              <Entry key={entry.id} entry={entry} />
            ))}
          </ol>
          {more ? (
            <div>
              <Button busy={busy} onClick={older}>
                {busy ? t('audit.loadingOlder') : t('audit.older')}
              </Button>
            </div>
          ) : (
            <p>{t('audit.noOlder')}</p>
          )}
        </>
      )}
    </Page>
  );
}

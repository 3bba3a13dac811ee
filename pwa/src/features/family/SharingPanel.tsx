import { useMemo, useState } from 'preact/hooks';
import { ApiError, OFFLINE } from '../../api/client';
import { Card } from '../../components/Card/Card';
import { ItemList } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { ReadAloud } from '../../components/ReadAloud/ReadAloud';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { Switch } from '../../components/Switch/Switch';
import { SelectField } from '../../components/Field/Field';
import { currentLocale, formatDate, LOCALE_NAMES, LOCALES, isLocale, t, type Locale } from '../../i18n';
import { describe } from '../../lib/errors';
import { usePages } from '../../lib/usePages';
import { useResource } from '../../lib/useResource';
import {
  KINDS,
  UPDATE_KINDS,
  consentTimeline,
  kindTitle,
  loadSharing,
  recordAutoShare,
  recordConsent,
  type HistoryEvent,
  type SharingData,
} from './api';
import { Outcome, type Message } from './Outcome';
import './Family.css';

type Mode = 'client' | 'staff';


function trouble(error: unknown): string {
  if (error instanceof ApiError && error.status === OFFLINE) return t('sharing.offline');
  return describe(error).title;
}

/**
 * Who sees what: for each family member, each kind as an on/off switch with the wording of the
 * current version in the person's language; auto-share per kind; every choice so far. The
 * client decides; staff (`mode="staff"`) record the choice with them, and the server records
 * that they helped.
 */
export function SharingPanel({
  clientId,
  clientName,
  mode,
}: {
  clientId: string;
  clientName: string;
  mode: Mode;
}) {
  // Staff helping show the words in the client's language, which may not be their own.
  const [wordsIn, setWordsIn] = useState<Locale>(currentLocale());
  const data = useResource(() => loadSharing(clientId, wordsIn), [clientId, wordsIn]);
  const [busy, setBusy] = useState<string | null>(null);
  /** The switch being saved shows the new state at once; it goes back if saving fails. */
  const [pending, setPending] = useState<{ key: string; value: boolean } | null>(null);
  const [messages, setMessages] = useState<Record<string, Message>>({});
  const level = mode === 'client' ? 2 : 3;

  if (!data.data) return <LoadState loading={data.loading} trouble={data.trouble} />;
  const { texts, sharing } = data.data;

  const shown = (key: string, saved: boolean) => (pending?.key === key ? pending.value : saved);

  async function change(key: string, value: boolean, where: string, act: () => Promise<unknown>, done: string) {
    setBusy(key);
    setPending({ key, value });
    try {
      await act();
      await data.reload();
      setMessages((all) => ({ ...all, [where]: { kind: 'success', text: done } }));
    } catch (error) {
      setMessages((all) => ({ ...all, [where]: { kind: 'error', text: trouble(error) } }));
    } finally {
      setBusy(null);
      setPending(null);
    }
  }

  /** A switch's state and its change: shown at once, recorded, then said in words. */
  const control = (
    key: string,
    saved: boolean,
    where: string,
    act: (next: boolean) => Promise<unknown>,
    done: (next: boolean) => string,
  ) => ({
    checked: shown(key, saved),
    busy: busy === key,
    onChecked: (next: boolean) => void change(key, next, where, () => act(next), done(next)),
  });

  const wording = () =>
    [texts.title, texts.intro, ...texts.kinds.map((k) => `${k.title}. ${k.text}`), texts.withdraw].join(' ');

  return (
    <div class="sharing">
      <div lang={texts.locale} dir={texts.direction}>
        <p class="lead">{texts.intro}</p>
        <p>{texts.withdraw}</p>
      </div>
      {mode === 'staff' && (
        <>
          <Notice kind="info" live={false}>
            <p>{t('sharing.staffHelp', { name: clientName })}</p>
          </Notice>
          <SelectField
            id="words-language"
            label={t('sharing.wordsLanguage')}
            hint={t('sharing.wordsLanguageHint', { name: clientName })}
            value={wordsIn}
            onValue={(value) => {
              if (isLocale(value)) setWordsIn(value);
            }}
          >
            {LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LOCALE_NAMES[code]}
              </option>
            ))}
          </SelectField>
          <ReadAloud text={wording} lang={isLocale(texts.locale) ? texts.locale : undefined} />
        </>
      )}
      {sharing.people.length === 0 && <p>{t('sharing.noFamily')}</p>}
      {sharing.people.map((person) => {
        const where = `person-${person.familyId}`;
        const message = messages[where];
        const name = person.relation ? `${person.displayName} (${person.relation})` : person.displayName;
        return (
          <Card key={person.familyId} id={where} level={level} title={t('sharing.whatSees', { name })}>
            {KINDS.map((kind) => {
              const choice = person.kinds.find((k) => k.kind === kind);
              const on = choice?.granted ?? false;
              const key = `${person.familyId}-${kind}`;
              const title = kindTitle(texts, kind);
              return (
                <Switch
                  key={key}
                  id={`consent-${key}`}
                  label={title}
                  text={texts.kinds.find((k) => k.kind === kind)?.text}
                  lang={texts.locale}
                  {...control(key, on, where, (next) => recordConsent(clientId, person.familyId, kind, next, texts), (next) =>
                    t(next ? 'sharing.savedOn' : 'sharing.savedOff', { name: person.displayName, kind: title }),
                  )}
                />
              );
            })}
            <Outcome message={message} />
          </Card>
        );
      })}
      <Card id="auto-share" level={level} title={t('sharing.autoTitle')}>
        <p lang={texts.locale}>{texts.autoShare}</p>
        {UPDATE_KINDS.map((kind) => {
          const on = sharing.autoShare.find((a) => a.kind === kind)?.enabled ?? false;
          const key = `auto-${kind}`;
          const title = kindTitle(texts, kind);
          return (
            <Switch
              key={key}
              id={key}
              label={t('sharing.autoLabel', { kind: title })}
              {...control(key, on, 'auto', (next) => recordAutoShare(clientId, kind, next, texts), (next) =>
                t(next ? 'sharing.autoSavedOn' : 'sharing.autoSavedOff', { kind: title }),
              )}
            />
          );
        })}
        <Outcome message={messages.auto} />
      </Card>
      <History clientId={clientId} data={data.data} clientName={clientName} mode={mode} level={level} />
    </div>
  );
}

function languageName(code: string): string {
  return isLocale(code) ? LOCALE_NAMES[code] : code;
}

/** "You turned on “Goals” for Finn on 3 Dec 2026. Jonas Virtanen helped." — newest first, a
 * page at a time; read again from its start whenever the choices are read again (a change). */
function History({
  clientId,
  data,
  clientName,
  mode,
  level,
}: {
  clientId: string;
  data: SharingData;
  clientName: string;
  mode: Mode;
  level: 2 | 3;
}) {
  const { texts } = data;
  const timeline = useMemo(() => consentTimeline(clientId), [clientId, data]);
  const history = usePages(timeline.first, [timeline], timeline.follow);
  const who = mode === 'client' ? t('sharing.you') : clientName;
  const text = ({ kind, event: e }: HistoryEvent) =>
    kind === 'consent'
      ? t(e.granted ? 'sharing.historyOn' : 'sharing.historyOff', {
          who,
          kind: kindTitle(texts, e.kind),
          name: e.familyName,
          date: formatDate(e.at),
        })
      : t(e.enabled ? 'sharing.historyAutoOn' : 'sharing.historyAutoOff', {
          who,
          kind: kindTitle(texts, e.kind),
          date: formatDate(e.at),
        });
  return (
    <Card id="sharing-history" level={level} title={t('sharing.historyTitle')}>
      {history.items === undefined ? (
        <LoadState loading={history.loading} trouble={history.trouble} />
      ) : history.items.length === 0 ? (
        <p>{t('sharing.historyNone')}</p>
      ) : (
        <ShowMore list={history}>
          <ItemList label={t('sharing.historyTitle')}>
            {history.items.map((line) => (
              <li key={line.event.id} class="history-line">
                <p>
                  {text(line)}
                  {line.event.helped && line.event.actorName && ` ${t('sharing.helped', { name: line.event.actorName })}`}
                </p>
                <p class="history-line__detail">
                  {t('sharing.version', {
                    version: line.event.textVersion,
                    language: languageName(line.event.locale),
                  })}
                </p>
              </li>
            ))}
          </ItemList>
        </ShowMore>
      )}
    </Card>
  );
}

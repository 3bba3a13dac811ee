import { useState } from 'preact/hooks';
import { api, pages } from '../../api/client';
import type { components } from '../../api/schema';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, SelectField, TextAreaField, TextField } from '../../components/Field/Field';
import { ItemList } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { QrCode } from '../../components/QrCode/QrCode';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { Switch } from '../../components/Switch/Switch';
import { formatDateTime, LOCALE_NAMES, LOCALES, t, type Locale } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { usePages } from '../../lib/usePages';
import { useResource } from '../../lib/useResource';
import { useMe, useSession } from '../../session';
import { feedbackWords } from './said';
import './Handover.css';

type Pack = components['schemas']['HandoverPack'];
type Section = components['schemas']['PackSection'];
type Link = components['schemas']['PackLink'];
type Made = components['schemas']['LinkMade'];
const LADDER = 5; // "how I learn": the least-help-first ladder is the section's last five lines

/** One section as the reader's page shows it: the same words, in the same order. */
function SectionView({ section, lang }: { section: Section; lang: string }) {
  const ladder = section.key === 'how_i_learn';
  const own = ladder ? section.lines.slice(0, -LADDER) : section.lines;
  return (
    <div class="handover__section" lang={lang} dir="auto">
      <h3>{section.heading}</h3>
      {own.map((line, index) => (
        <p key={index}>{line}</p>
      ))}
      {ladder && (
        <ol>
          {section.lines.slice(-LADDER).map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ol>
      )}
      {section.words && <p class="handover__words">{section.words}</p>}
      {section.cards.map((card) => (
        <div key={card.id}>
          <h4>{card.title}</h4>
          <ol>
            {card.steps.map((step) => (
              <li key={step.position}>
                {step.photo && <img class="handover__photo" src={step.photo} alt="" loading="lazy" width={160} height={120} />}
                {step.text}
                {step.levelWords && ` (${step.levelWords})`}
              </li>
            ))}
          </ol>
        </div>
      ))}
      {!own.length && !ladder && !section.words && !section.cards.length && <p class="handover__empty">{t('handover.emptySection')}</p>}
    </div>
  );
}

function WordsEditor({ base, section, onSaved }: { base: Paths; section: Section; onSaved: (pack: Pack) => void }) {
  const [open, setOpen] = useState(false);
  const [words, setWords] = useState(section.words);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <Button onClick={() => setOpen(true)} aria-label={`${t('handover.changeWords')}: ${section.heading}`}>
        {t('handover.changeWords')}
      </Button>
    );
  }
  async function save() {
    setBusy(true);
    setTrouble(null);
    try {
      onSaved(
        await api.put('/api/clients/{client_id}/jobs/{job_id}/handover/sections/{key}/words', {
          path: { ...base, key: section.key },
          body: { words },
        }),
      );
      setOpen(false);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form onSubmit={() => void save()} label={t('handover.wordsFor', { heading: section.heading })}>
      <TextAreaField
        id={`words-${section.key}`}
        label={t('handover.wordsFor', { heading: section.heading })}
        hint={t('handover.wordsHint')}
        value={words}
        onValue={setWords}
        maxLength={2000}
        dir="auto"
        error={trouble?.fields['body.words'] ?? trouble?.title}
      />
      <Button type="submit" variant="primary" busy={busy}>
        {t('handover.saveWords')}
      </Button>
    </Form>
  );
}

interface Paths {
  client_id: string;
  job_id: string;
}

function SectionCard({
  base,
  pack,
  section,
  isClient,
  onPack,
}: {
  base: Paths;
  pack: Pack;
  section: Section;
  isClient: boolean;
  onPack: (pack: Pack) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<string | null>(null);
  async function choose(granted: boolean) {
    setBusy(true);
    setTrouble(null);
    try {
      onPack(
        await api.put('/api/clients/{client_id}/jobs/{job_id}/handover/sections/{key}/consent', {
          path: { ...base, key: section.key },
          body: { localId: crypto.randomUUID(), granted, locale: pack.language },
        }),
      );
    } catch (error) {
      setTrouble(describe(error).title);
    } finally {
      setBusy(false);
    }
  }
  return (
    <li class={`handover__item${section.shared ? ' handover__item--shared' : ''}`}>
      <SectionView section={section} lang={pack.language} />
      {isClient ? (
        <Switch
          id={`share-${section.key}`}
          label={t('handover.share', { heading: section.heading })}
          text={pack.consentText}
          lang={pack.language}
          checked={section.shared}
          busy={busy}
          onChecked={(on) => void choose(on)}
        />
      ) : (
        <p class="handover__state">
          {section.shared ? t('handover.sharedSince', { when: formatDateTime(section.sharedAt) }) : t('handover.notShared')}
        </p>
      )}
      {trouble && <Notice kind="error" title={trouble} />}
      <WordsEditor base={base} section={section} onSaved={onPack} />
    </li>
  );
}

function LinkForm({ base, people, onMade }: { base: Paths; people: Pack['people']; onMade: (made: Made) => void }) {
  const [person, setPerson] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [language, setLanguage] = useState<Locale | ''>('');
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  async function make() {
    if (!person && !name.trim()) {
      setTrouble({ title: t('form.fixErrors'), fields: { 'body.readerName': t('handover.error.readerName') } });
      return;
    }
    setBusy(true);
    setTrouble(null);
    try {
      onMade(
        await api.post('/api/clients/{client_id}/jobs/{job_id}/handover/links', {
          path: base,
          body: person
            ? { localId: crypto.randomUUID(), readerName: '-', employerPersonId: person, language: language || null }
            : { localId: crypto.randomUUID(), readerName: name.trim(), readerRole: role.trim(), language: language || null },
        }),
      );
      setName('');
      setRole('');
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form onSubmit={() => void make()} label={t('handover.makeLink')}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      {people && people.length > 0 && (
        <SelectField id="reader-person" label={t('handover.readerFromRegister')} value={person} onValue={setPerson}>
          <option value="">{t('handover.readerSomeoneElse')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.role ? `${p.name} (${p.role})` : p.name}
            </option>
          ))}
        </SelectField>
      )}
      {!person && (
        <>
      <TextField
        id="reader-name"
        label={t('handover.readerName')}
        hint={t('handover.readerNameHint')}
        value={name}
        onValue={setName}
        maxLength={120}
        error={trouble?.fields['body.readerName']}
        dir="auto"
      />
      <TextField
        id="reader-role"
        label={t('handover.readerRole')}
        value={role}
        onValue={setRole}
        maxLength={120}
        error={trouble?.fields['body.readerRole']}
        dir="auto"
      />
        </>
      )}
      <SelectField id="reader-language" label={t('handover.readerLanguage')} value={language} onValue={(v) => setLanguage(v as Locale | '')}>
        <option value="">{t('handover.readerLanguageBrowser')}</option>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="primary" busy={busy}>
        {t('handover.makeLink')}
      </Button>
    </Form>
  );
}

function MadeLink({ made }: { made: Made }) {
  const [copied, setCopied] = useState(false);
  if (!made.url) return <Notice title={t('handover.madeAgain')} />;
  return (
    <div class="handover__made">
      <Notice kind="success" title={t('handover.made', { name: made.link.readerName })}>
        <p>{t('handover.madeOnce')}</p>
      </Notice>
      <QrCode svg={made.qrSvg} alt={t('handover.qrAlt', { name: made.link.readerName })} />
      <TextField id="made-url" label={t('handover.linkAddress')} value={made.url} onValue={() => undefined} dir="auto" />
      <Button
        onClick={() => {
          void navigator.clipboard?.writeText(made.url).then(() => setCopied(true));
        }}
      >
        {copied ? t('handover.copied') : t('handover.copy')}
      </Button>
    </div>
  );
}

function LinkRow({ base, link, onEnded }: { base: Paths; link: Link; onEnded: (link: Link) => void }) {
  const [busy, setBusy] = useState(false);
  const who = link.readerRole ? `${link.readerName} (${link.readerRole})` : link.readerName;
  async function end() {
    setBusy(true);
    try {
      onEnded(await api.post('/api/clients/{client_id}/jobs/{job_id}/handover/links/{link_id}/end', { path: { ...base, link_id: link.id } }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <li>
      <p dir="auto">
        <strong>{who}</strong>
      </p>
      <p>
        {t('handover.linkMade', { when: formatDateTime(link.createdAt) })}{' '}
        {link.views ? t('handover.opened', { count: link.views, when: formatDateTime(link.lastViewAt) }) : t('handover.notOpened')}
      </p>
      {link.endedAt ? (
        <p>{t('handover.ended', { when: formatDateTime(link.endedAt) })}</p>
      ) : (
        <Button variant="danger" busy={busy} onClick={() => void end()} aria-label={`${t('handover.end')}: ${link.readerName}`}>
          {t('handover.end')}
        </Button>
      )}
    </li>
  );
}

/**
 * `/clients/:id/jobs/:job/handover`: the handover pack of one job. The client sees exactly what
 * a reader will see (in the language chosen here), shares it section by section, makes links for
 * named readers (QR code, copyable address), sees who looked and ends a link at once; their
 * coach makes and ends links and reads the readers' feedback.
 */
export default function HandoverScreen({ params }: { params: Record<string, string> }) {
  const base: Paths = { client_id: params.id ?? '', job_id: params.job ?? '' };
  const me = useMe();
  const { locale } = useSession();
  const isClient = me.role === 'client';
  const [lang, setLang] = useState<Locale>(locale);
  const [made, setMade] = useState<Made | null>(null);
  const pack = useResource(
    () => api.get('/api/clients/{client_id}/jobs/{job_id}/handover', { path: base, query: { lang } }),
    [base.client_id, base.job_id, lang],
  );
  const views = usePages(
    () => pages.first('/api/clients/{client_id}/jobs/{job_id}/handover/views', { path: base, query: { limit: 10 } }),
    [base.client_id, base.job_id],
  );
  const feedback = usePages(
    () => pages.first('/api/clients/{client_id}/jobs/{job_id}/handover/feedback', { path: base, query: { limit: 10 } }),
    [base.client_id, base.job_id],
  );
  const back = isClient ? { href: '/handover', label: t('handover.mine.title') } : { href: `/jobs/${base.job_id}`, label: t('handover.backToJob') };
  const data = pack.data;
  if (!data) {
    return (
      <Page title={t('handover.title')} back={back}>
        <LoadState loading={pack.loading} trouble={pack.trouble} />
      </Page>
    );
  }
  const shared = data.sections.filter((s) => s.shared).length;
  return (
    <Page title={t('handover.title')} back={back}>
      <p dir="auto">{t('handover.intro', { job: data.jobTitle })}</p>
      <Card id="handover-sections" title={t(isClient ? 'handover.whatToShare' : 'handover.whatIsShared')}>
        <p>{t('handover.sharedCount', { count: shared })}</p>
        <SelectField id="preview-language" label={t('handover.previewLanguage')} value={lang} onValue={(v) => setLang(v as Locale)}>
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LOCALE_NAMES[code]}
            </option>
          ))}
        </SelectField>
        <ul class="handover__list">
          {data.sections.map((section) => (
            <SectionCard key={section.key} base={base} pack={data} section={section} isClient={isClient} onPack={pack.set} />
          ))}
        </ul>
      </Card>
      <Card id="handover-links" title={t('handover.links')}>
        <p>{t('handover.linksIntro')}</p>
        {made && <MadeLink made={made} />}
        <LinkForm
          base={base}
          people={data.people}
          onMade={(link) => {
            setMade(link);
            void pack.reload();
          }}
        />
        {data.links.length > 0 && (
          <ul class="handover__links" aria-label={t('handover.links')}>
            {data.links.map((link) => (
              <LinkRow key={link.id} base={base} link={link} onEnded={() => void pack.reload()} />
            ))}
          </ul>
        )}
      </Card>
      <Card id="handover-feedback" title={t('handover.feedback')}>
        {!feedback.items ? (
          <LoadState loading={feedback.loading} trouble={feedback.trouble} />
        ) : feedback.items.length === 0 ? (
          <p>{t('handover.noFeedback')}</p>
        ) : (
          <ShowMore list={feedback}>
            <ItemList label={t('handover.feedback')}>
              {feedback.items.map((row) => (
                <li key={row.id}>
                  <span dir="auto">{row.readerName}</span>: <span dir="auto">{feedbackWords(row)}</span> · {formatDateTime(row.at)}
                </li>
              ))}
            </ItemList>
          </ShowMore>
        )}
      </Card>
      <Card id="handover-views" title={t('handover.whoLooked')}>
        {!views.items ? (
          <LoadState loading={views.loading} trouble={views.trouble} />
        ) : views.items.length === 0 ? (
          <p>{t('handover.nobodyLooked')}</p>
        ) : (
          <ShowMore list={views}>
            <ItemList label={t('handover.whoLooked')}>
              {views.items.map((row, index) => (
                <li key={`${row.at}-${index}`}>
                  <span dir="auto">{row.readerName}</span> · {formatDateTime(row.at)} · {LOCALE_NAMES[row.language as Locale] ?? row.language}
                </li>
              ))}
            </ItemList>
          </ShowMore>
        )}
      </Card>
    </Page>
  );
}


import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Schemas } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { SelectField, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { currentLocale, formatDate, LOCALE_NAMES, LOCALES, t, type Locale } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { inLocale, trackName, type Framework } from './words';
import './Competence.css';

type Competence = Omit<Schemas['Competence'], 'key'> & {
  /** The server's key; null for a competence added in this editor and not saved yet. */
  key: string | null;
  /** Which competence this is while editing (its key, or a made-up one until saved). */
  local: string;
};
type Area = Omit<Schemas['Area'], 'key' | 'competences'> & {
  key: string | null;
  local: string;
  competences: Competence[];
};

const NEW_TARGETS = { newCoach: 1, certifiedCoach: 3, coordinator: 3, mentor: 4 };
const MIN_INDICATORS = 3;
const MAX_INDICATORS = 6;
let made = 0;
const localId = () => `new-${++made}`;

function editable(areas: Schemas['Area'][]): Area[] {
  return areas.map((a) => ({
    ...a,
    local: a.key,
    competences: a.competences.map((c) => ({ ...c, local: c.key })),
  }));
}

/** The PUT body of a draft as edited (blank translations left out: saving needs English; a
 * competence or area without a key is new and gets one from its English name). */
function editBody(framework: Framework, areas: Area[]) {
  const filled = (texts: Record<string, string>) =>
    Object.fromEntries(Object.entries(texts).filter(([, v]) => v.trim())) as Record<Locale, string>;
  return {
    levels: framework.levels.map((l) => ({ level: l.level, titles: filled(l.titles), texts: filled(l.texts) })),
    areas: areas.map((a) => ({
      key: a.key,
      titles: filled(a.titles),
      competences: a.competences.map((c) => ({
        key: c.key,
        titles: filled(c.titles),
        indicators: c.indicators.map(filled),
        targets: c.targets as Record<'newCoach' | 'certifiedCoach' | 'coordinator' | 'mentor', number>,
      })),
    })),
  };
}

interface Missing {
  field: string;
  reason: string;
}

/** "Negotiating a job – suomi": which text a 422 names (``areas.3.competences.1.titles.fi``);
 * an empty area or a competence without 3 to 6 indicators: its name and the server's reason. */
function missingWords({ field, reason }: Missing, areas: Area[]): string {
  const found = /^(?:areas\.(\d+)(?:\.competences(?:\.(\d+))?)?|levels\.(\d+))(?:\..*\.(en|pl|fi|he))?/.exec(field);
  if (!found) return reason || field;
  const [, area, competence, level, locale] = found;
  const a = area !== undefined ? areas[Number(area)] : undefined;
  const c = a && competence !== undefined ? a.competences[Number(competence)] : undefined;
  const what = c
    ? inLocale(c.titles)
    : a
      ? inLocale(a.titles)
      : t('competence.framework.levelN', { n: Number(level) });
  if (!locale) return `${what} – ${reason}`;
  return t('competence.framework.missing', { what, language: LOCALE_NAMES[locale as Locale] });
}

/** Where the keyboard goes once the screen has changed (an added field, the confirm step). */
function focusSoon(id: string) {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

function move<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}

/**
 * `/team-development/framework`: the framework's versions. Administrators and coordinators copy
 * the current version into a draft; in it they edit the areas' and competences' words (in each
 * language) and targets, add, move and remove competences, add areas and remove empty ones, and
 * publish it as the new version; older versions stay as they were.
 */
export default function FrameworkEditor() {
  const me = useMe();
  const mayEdit = me.role === 'admin' || me.role === 'coordinator';
  const versions = useResource(() => api.get('/api/competence/frameworks'));
  const newest = versions.data?.[0];
  const version = useResource(
    () =>
      newest
        ? api.get('/api/competence/frameworks/{framework_id}', { path: { framework_id: newest.id } })
        : Promise.resolve(undefined),
    [newest?.id, newest?.status],
  );
  const framework = version.data;
  const [areas, setAreas] = useState<Area[]>([]);
  const [areaAt, setAreaAt] = useState(0);
  const [chosen, setChosen] = useState('');
  const [removing, setRemoving] = useState(false);
  const [language, setLanguage] = useState<Locale>(currentLocale());
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [missing, setMissing] = useState<Missing[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (framework) setAreas(editable(framework.areas));
  }, [framework]);

  const i = Math.min(areaAt, Math.max(areas.length - 1, 0));
  const area = areas[i];
  const j = Math.max(area?.competences.findIndex((c) => c.local === chosen) ?? -1, 0);
  const here = area?.competences[j];
  const areaPath = `areas.${i}`;
  const path = `${areaPath}.competences.${j}`;
  const count = area?.competences.length ?? 0;

  function changeAreas(next: Area[]) {
    setNote(null);
    setRemoving(false);
    setAreas(next);
  }

  function changeArea(edit: (a: Area) => Area) {
    changeAreas(areas.map((a, m) => (m === i ? edit(a) : a)));
  }

  function change(edit: (c: Competence) => Competence) {
    if (!here) return;
    changeArea((a) => ({ ...a, competences: a.competences.map((c, m) => (m === j ? edit(c) : c)) }));
  }

  function addCompetence() {
    const local = localId();
    const blank = (): Record<string, string> => ({});
    changeArea((a) => ({
      ...a,
      competences: [
        ...a.competences,
        {
          key: null,
          local,
          titles: blank(),
          indicators: Array.from({ length: MIN_INDICATORS }, blank),
          targets: { ...NEW_TARGETS },
        },
      ],
    }));
    setChosen(local);
    setNote(t('competence.framework.competenceAdded'));
    focusSoon('edit-name');
  }

  function removeCompetence() {
    const gone = here ? inLocale(here.titles) : '';
    changeArea((a) => ({ ...a, competences: a.competences.filter((_, m) => m !== j) }));
    setChosen(area?.competences[j === 0 ? 1 : j - 1]?.local ?? '');
    setNote(t('competence.framework.competenceRemoved', { name: gone }));
    focusSoon('edit-competence');
  }

  function moveCompetence(by: -1 | 1) {
    changeArea((a) => ({ ...a, competences: move(a.competences, j, j + by) }));
    setNote(t('competence.framework.moved', { n: j + by + 1, of: count }));
  }

  function addArea() {
    changeAreas([...areas, { key: null, local: localId(), titles: {}, competences: [] }]);
    setAreaAt(areas.length);
    setChosen('');
    setNote(t('competence.framework.areaAdded'));
    focusSoon('edit-area-name');
  }

  function removeArea() {
    changeAreas(areas.filter((_, m) => m !== i));
    setAreaAt(Math.max(i - 1, 0));
    setNote(t('competence.framework.areaRemoved'));
    focusSoon('edit-area');
  }

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setTrouble(null);
    setMissing([]);
    setNote(null);
    setRemoving(false);
    try {
      await action();
      setNote(done);
      await versions.reload();
    } catch (error) {
      setTrouble(describe(error));
      if (error instanceof ApiError && error.code === 'untranslated') {
        setMissing((error.problem.errors ?? []).map((e) => ({ field: e.field, reason: e.reason })));
      }
    } finally {
      setBusy(false);
    }
  }

  /** Saves the draft; what comes back (with the keys of new items) is edited from then on, at
   * the same place. */
  async function put(framework: Framework) {
    const saved = await api.put('/api/competence/frameworks/{framework_id}', {
      path: { framework_id: framework.id },
      body: editBody(framework, areas),
    });
    const next = editable(saved.areas);
    setAreas(next);
    setChosen(next[i]?.competences[j]?.local ?? '');
  }

  const save = () => framework && run(() => put(framework), t('competence.framework.saved'));
  const publish = () =>
    framework &&
    run(async () => {
      await put(framework);
      await api.post('/api/competence/frameworks/{framework_id}/publish', { path: { framework_id: framework.id } });
    }, t('competence.framework.published'));
  const draft = () =>
    run(() => api.post('/api/competence/frameworks', { body: {} }), t('competence.framework.drafted'));

  const fieldError = (name: string) => trouble?.fields[name];
  const areaProblem = missing.find((m) => m.field === `${areaPath}.competences`)?.reason;
  const indicatorsProblem =
    fieldError(`${path}.indicators`) ?? missing.find((m) => m.field === `${path}.indicators`)?.reason;
  return (
    <Page title={t('competence.framework.title')} back={{ href: '/team-development', label: t('competence.team.title') }}>
      <p class="lead">{t('competence.framework.intro')}</p>
      <div aria-live="polite">{note && <Notice kind="success" title={note} />}</div>
      {trouble && <Notice kind="error" title={trouble.title} />}
      {missing.length > 0 && (
        <ul>
          {missing.slice(0, 10).map((m) => (
            <li key={m.field}>{missingWords(m, areas)}</li>
          ))}
        </ul>
      )}
      {versions.data === undefined ? (
        <LoadState loading={versions.loading} trouble={versions.trouble} />
      ) : (
        <Card id="framework-versions" title={t('competence.framework.versions')}>
          <ul>
            {versions.data.map((v) => (
              <li key={v.id}>
                {t('competence.framework.version', { n: v.version })} ·{' '}
                {v.status === 'draft'
                  ? t('competence.framework.draft')
                  : t('competence.framework.publishedOn', { date: formatDate(v.publishedAt) })}
              </li>
            ))}
          </ul>
          {mayEdit && newest?.status === 'published' && (
            <Button variant="primary" busy={busy} onClick={() => void draft()}>
              {t('competence.framework.newVersion')}
            </Button>
          )}
        </Card>
      )}
      {framework && area && framework.status === 'draft' && mayEdit && (
        <Card id="framework-edit" title={t('competence.framework.editTitle', { n: framework.version })}>
          <SelectField
            id="edit-language"
            label={t('competence.framework.language')}
            value={language}
            onValue={(v) => setLanguage(v as Locale)}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="edit-area"
            label={t('competence.framework.area')}
            value={String(i)}
            onValue={(v) => {
              setAreaAt(Number(v));
              setChosen('');
              setRemoving(false);
              setNote(null);
            }}
          >
            {areas.map((a, m) => (
              <option key={a.local} value={String(m)}>
                {inLocale(a.titles) || t('competence.framework.unnamedArea')}
              </option>
            ))}
          </SelectField>
          <TextField
            id="edit-area-name"
            label={t('competence.framework.areaName', { language: LOCALE_NAMES[language] })}
            value={area.titles[language] ?? ''}
            onValue={(v) => changeArea((a) => ({ ...a, titles: { ...a.titles, [language]: v } }))}
            lang={language}
            dir="auto"
            maxLength={400}
            error={fieldError(`${areaPath}.titles.${language}`) ?? fieldError(`${areaPath}.key`) ?? areaProblem}
          />
          <div class="actions">
            {count < 20 && <Button onClick={addCompetence}>{t('competence.framework.addCompetence')}</Button>}
            {count === 0 && areas.length > 1 && (
              <Button variant="danger" onClick={removeArea}>
                {t('competence.framework.removeArea')}
              </Button>
            )}
          </div>
          {here ? (
            <div class="framework-competence">
              <h3>{inLocale(here.titles) || t('competence.framework.unnamedCompetence')}</h3>
              <SelectField
                id="edit-competence"
                label={t('competence.framework.competence')}
                value={here.local}
                onValue={(v) => {
                  setChosen(v);
                  setRemoving(false);
                  setNote(null);
                }}
              >
                {area.competences.map((c, m) => (
                  <option key={c.local} value={c.local}>
                    {m + 1}. {inLocale(c.titles) || t('competence.framework.unnamedCompetence')}
                  </option>
                ))}
              </SelectField>
              <TextField
                id="edit-name"
                label={t('competence.framework.name', { language: LOCALE_NAMES[language] })}
                value={here.titles[language] ?? ''}
                onValue={(v) => change((c) => ({ ...c, titles: { ...c.titles, [language]: v } }))}
                lang={language}
                dir="auto"
                maxLength={400}
                error={fieldError(`${path}.titles.${language}`) ?? fieldError(`${path}.key`)}
              />
              {here.indicators.map((indicator, k) => (
                <TextField
                  key={k}
                  id={`edit-indicator-${k}`}
                  label={t('competence.framework.indicator', { n: k + 1, language: LOCALE_NAMES[language] })}
                  value={indicator[language] ?? ''}
                  onValue={(v) =>
                    change((c) => ({
                      ...c,
                      indicators: c.indicators.map((x, m) => (m === k ? { ...x, [language]: v } : x)),
                    }))
                  }
                  lang={language}
                  dir="auto"
                  maxLength={400}
                  error={
                    fieldError(`${path}.indicators.${k}.${language}`) ??
                    (k === here.indicators.length - 1 ? indicatorsProblem : undefined)
                  }
                />
              ))}
              <div class="actions">
                {here.indicators.length < MAX_INDICATORS && (
                  <Button onClick={() => change((c) => ({ ...c, indicators: [...c.indicators, {}] }))}>
                    {t('competence.framework.addIndicator')}
                  </Button>
                )}
                {here.indicators.length > MIN_INDICATORS && (
                  <Button onClick={() => change((c) => ({ ...c, indicators: c.indicators.slice(0, -1) }))}>
                    {t('competence.framework.removeIndicator')}
                  </Button>
                )}
              </div>
              {framework.tracks.map((track) => (
                <SelectField
                  key={track.key}
                  id={`edit-target-${track.key}`}
                  label={t('competence.framework.target', { track: trackName(framework, track.key) })}
                  value={String(here.targets[track.key] ?? 0)}
                  onValue={(v) => change((c) => ({ ...c, targets: { ...c.targets, [track.key]: Number(v) } }))}
                >
                  {framework.levels.map((l) => (
                    <option key={l.level} value={String(l.level)}>
                      {l.level} – {inLocale(l.titles)}
                    </option>
                  ))}
                </SelectField>
              ))}
              <div class="actions">
                <Button inactive={j === 0} onClick={() => moveCompetence(-1)}>
                  {t('competence.framework.moveUp')}
                </Button>
                <Button inactive={j >= count - 1} onClick={() => moveCompetence(1)}>
                  {t('competence.framework.moveDown')}
                </Button>
                {!removing && (
                  <Button
                    id="framework-remove"
                    variant="danger"
                    onClick={() => {
                      setRemoving(true);
                      focusSoon('framework-confirm-no');
                    }}
                  >
                    {t('competence.framework.removeCompetence')}
                  </Button>
                )}
              </div>
              {removing && (
                <div class="framework-confirm" role="group" aria-labelledby="framework-confirm-text">
                  <p id="framework-confirm-text">
                    {t('competence.framework.removeConfirm', {
                      name: inLocale(here.titles) || t('competence.framework.unnamedCompetence'),
                    })}
                  </p>
                  <div class="actions">
                    <Button variant="danger" onClick={removeCompetence}>
                      {t('competence.framework.removeYes')}
                    </Button>
                    <Button
                      id="framework-confirm-no"
                      onClick={() => {
                        setRemoving(false);
                        focusSoon('framework-remove');
                      }}
                    >
                      {t('competence.framework.removeNo')}
                    </Button>
                  </div>
                </div>
              )}
            </div>
          ) : (
            <p>{t('competence.framework.emptyArea')}</p>
          )}
          <div class="actions">
            {areas.length < 20 && <Button onClick={addArea}>{t('competence.framework.addArea')}</Button>}
          </div>
          <div class="actions">
            <Button busy={busy} onClick={() => void save()}>
              {t('competence.framework.save')}
            </Button>
            <Button variant="primary" busy={busy} onClick={() => void publish()}>
              {t('competence.framework.publish')}
            </Button>
          </div>
        </Card>
      )}
    </Page>
  );
}

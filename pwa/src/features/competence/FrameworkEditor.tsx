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

type Area = Schemas['Area'];

/** The PUT body of a draft as edited (blank translations left out: saving needs English). */
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

/** "Negotiating a job – suomi": which text a 422 names (``areas.3.competences.1.titles.fi``). */
function missingWords(field: string, areas: Area[]): string {
  const found = /^(?:areas\.(\d+)(?:\.competences\.(\d+))?|levels\.(\d+))\..*\.(en|pl|fi|he)$/.exec(field);
  if (!found) return field;
  const [, area, competence, level, locale] = found;
  const a = area !== undefined ? areas[Number(area)] : undefined;
  const c = a && competence !== undefined ? a.competences[Number(competence)] : undefined;
  const what = c ? inLocale(c.titles) : a ? inLocale(a.titles) : t('competence.framework.version', { n: Number(level) });
  return t('competence.framework.missing', { what, language: LOCALE_NAMES[locale as Locale] });
}

/**
 * `/team-development/framework`: the framework's versions. Administrators and coordinators copy
 * the current version into a draft, edit a competence's words (in each language) and targets,
 * and publish it as the new version; older versions stay as they were.
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
  const [chosen, setChosen] = useState('');
  const [language, setLanguage] = useState<Locale>(currentLocale());
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (framework) setAreas(framework.areas);
  }, [framework]);

  const all = areas.flatMap((a, i) => a.competences.map((c, j) => ({ i, j, c })));
  const here = all.find((x) => x.c.key === chosen) ?? all[0];
  const path = here ? `areas.${here.i}.competences.${here.j}` : '';

  function change(edit: (c: Schemas['Competence']) => Schemas['Competence']) {
    if (!here) return;
    setNote(null);
    setAreas(
      areas.map((a, i) =>
        i !== here.i ? a : { ...a, competences: a.competences.map((c, j) => (j === here.j ? edit(c) : c)) },
      ),
    );
  }

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setTrouble(null);
    setMissing([]);
    setNote(null);
    try {
      await action();
      setNote(done);
      await versions.reload();
    } catch (error) {
      setTrouble(describe(error));
      if (error instanceof ApiError && error.code === 'untranslated') {
        setMissing((error.problem.errors ?? []).map((e) => e.field));
      }
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    framework &&
    run(
      () =>
        api.put('/api/competence/frameworks/{framework_id}', {
          path: { framework_id: framework.id },
          body: editBody(framework, areas),
        }),
      t('competence.framework.saved'),
    );
  const publish = () =>
    framework &&
    run(async () => {
      await api.put('/api/competence/frameworks/{framework_id}', {
        path: { framework_id: framework.id },
        body: editBody(framework, areas),
      });
      await api.post('/api/competence/frameworks/{framework_id}/publish', { path: { framework_id: framework.id } });
    }, t('competence.framework.published'));
  const draft = () =>
    run(() => api.post('/api/competence/frameworks', { body: {} }), t('competence.framework.drafted'));

  const fieldError = (name: string) => trouble?.fields[name];
  return (
    <Page title={t('competence.framework.title')} back={{ href: '/team-development', label: t('competence.team.title') }}>
      <p class="lead">{t('competence.framework.intro')}</p>
      {note && <Notice kind="success" title={note} />}
      {trouble && <Notice kind="error" title={trouble.title} />}
      {missing.length > 0 && (
        <ul>
          {missing.slice(0, 10).map((m) => (
            <li key={m}>{missingWords(m, areas)}</li>
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
      {framework && here && framework.status === 'draft' && mayEdit && (
        <Card id="framework-edit" title={t('competence.framework.editTitle', { n: framework.version })}>
          <SelectField
            id="edit-competence"
            label={t('competence.framework.competence')}
            value={here.c.key}
            onValue={setChosen}
          >
            {all.map(({ i, c }) => (
              <option key={c.key} value={c.key}>
                {inLocale(c.titles)} ({inLocale(areas[i]?.titles ?? {})})
              </option>
            ))}
          </SelectField>
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
          <TextField
            id="edit-name"
            label={t('competence.framework.name', { language: LOCALE_NAMES[language] })}
            value={here.c.titles[language] ?? ''}
            onValue={(v) => change((c) => ({ ...c, titles: { ...c.titles, [language]: v } }))}
            lang={language}
            dir="auto"
            maxLength={400}
            error={fieldError(`${path}.titles.${language}`)}
          />
          {here.c.indicators.map((indicator, k) => (
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
              error={fieldError(`${path}.indicators.${k}.${language}`)}
            />
          ))}
          {framework.tracks.map((track) => (
            <SelectField
              key={track.key}
              id={`edit-target-${track.key}`}
              label={t('competence.framework.target', { track: trackName(framework, track.key) })}
              value={String(here.c.targets[track.key] ?? 0)}
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

import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Choices, Form, SelectField, TextAreaField, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { formatDate, t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { withStepUp } from '../auth/stepup';
import { DECISIONS, decisionName, type Assessment as AssessmentData, type Decision } from './evidenceWords';
import { competencesOf, inLocale, levelName, type Framework } from './words';
import './Competence.css';
import { browserZone } from '../shifts/words';

interface Draft {
  assessedOn: string;
  observed: string;
  scenario: string;
  knowledgeScore: string;
  levels: Record<string, string>;
  decision: Decision | '';
  conditions: string;
  reassessOn: string;
}

function draftOf(a: AssessmentData): Draft {
  return {
    assessedOn: a.assessedOn ?? '',
    observed: a.observed,
    scenario: a.scenario,
    knowledgeScore: a.knowledgeScore === null || a.knowledgeScore === undefined ? '' : String(a.knowledgeScore),
    levels: Object.fromEntries(Object.entries(a.levels).map(([k, v]) => [k, String(v)])),
    decision: a.decision ?? '',
    conditions: a.conditions,
    reassessOn: a.reassessOn ?? '',
  };
}

/**
 * `/development/assessment?id=`: a summative assessment. Its two assessors fill it in — the day,
 * the observed practice, a scenario, the knowledge test's score, a level per competence, the
 * decision and the re-assessment day — and each signs it with their passkey. Once both signed it
 * is shown as it was kept; nobody changes it. The coach and their coordinator read it.
 */
export default function Assessment() {
  const me = useMe();
  const { query } = useLocation();
  const id = query.get('id') ?? '';
  const loaded = useResource(async () => {
    const assessment = await api.get('/api/competence/assessments/{assessment_id}', { path: { assessment_id: id } });
    const framework = await api.get('/api/competence/frameworks/{framework_id}', {
      path: { framework_id: assessment.frameworkId },
    });
    return { assessment, framework };
  }, [id]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [saved, setSaved] = useState(false);
  const data = loaded.data;
  useEffect(() => {
    if (data && !dirty) setDraft(draftOf(data.assessment));
  }, [data]);

  function change(next: Partial<Draft>) {
    if (!draft) return;
    setDraft({ ...draft, ...next });
    setDirty(true);
    setSaved(false);
  }

  async function save(): Promise<AssessmentData | null> {
    if (!data || !draft) return null;
    const d = draft;
    const levels: Record<string, number> = {};
    for (const [k, v] of Object.entries(d.levels)) if (v !== '') levels[k] = Number(v);
    const next = await api.put('/api/competence/assessments/{assessment_id}', {
      path: { assessment_id: id },
      body: {
        revision: data.assessment.revision,
        assessedOn: d.assessedOn || null,
        observed: d.observed,
        scenario: d.scenario,
        knowledgeScore: d.knowledgeScore === '' ? null : Number(d.knowledgeScore),
        levels,
        decision: d.decision || null,
        conditions: d.decision === 'certified_with_conditions' ? d.conditions : '',
        reassessOn: d.reassessOn || null,
      },
    });
    loaded.set({ assessment: next, framework: data.framework });
    setDirty(false);
    return next;
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setTrouble(null);
    try {
      await action();
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
      setAsking(false);
    }
  }

  function onSave() {
    void run(async () => {
      await save();
      setSaved(true);
    });
  }

  function onSign() {
    void run(async () => {
      if (!data) return;
      const revision = dirty ? ((await save())?.revision ?? data.assessment.revision) : data.assessment.revision;
      const signed = await withStepUp(
        () =>
          api.post('/api/competence/assessments/{assessment_id}/sign', {
            path: { assessment_id: id },
            body: { revision, zone: browserZone() },
          }),
        () => setAsking(true),
      );
      loaded.set({ assessment: signed, framework: data.framework });
      setDraft(draftOf(signed));
    });
  }

  if (!data || !draft) {
    return (
      <Page title={t('competence.assessment.title')}>
        <LoadState loading={loaded.loading} trouble={loaded.trouble} />
      </Page>
    );
  }
  const a = data.assessment;
  const mine = a.assessors.find((x) => x.personId === me.id);
  const editable = a.status === 'open' && mine !== undefined;
  const f = trouble?.fields ?? {};
  return (
    <Page
      title={t('competence.assessment.titleOf', { name: a.personName })}
      back={{ href: me.role === 'coach' && a.personId === me.id ? '/development' : '/team-development', label: t('competence.assessment.back') }}
    >
      <p class="lead">
        {t('competence.assessment.frameworkVersion', { version: a.frameworkVersion })}
      </p>
      {a.status === 'signed' && <Notice kind="success" title={t('competence.assessment.signedKept')} />}
      <Card id="assessment-signatures" title={t('competence.assessment.signatures')}>
        <ul class="competence-list">
          {a.assessors.map((x, i) => (
            <li key={i} class="competence-row">
              {x.displayName}:{' '}
              {x.signedAt ? t('competence.assessment.signedOn', { date: formatDate(x.signedAt) }) : t('competence.assessment.notSigned')}
            </li>
          ))}
        </ul>
      </Card>
      {editable ? (
        <Form onSubmit={onSave}>
          {trouble && <Notice kind="error" title={trouble.title} />}
          {asking && <Notice kind="info" title={t('competence.assessment.confirmPasskey')} />}
          {saved && <Notice kind="success" title={t('competence.assessment.saved')} />}
          <TextField id="assessment-day" type="date" label={t('competence.assessment.assessedOn')} value={draft.assessedOn} onValue={(v) => change({ assessedOn: v })} error={f['assessedOn']} />
          <TextAreaField id="assessment-observed" label={t('competence.assessment.observed')} hint={t('competence.assessment.observedHint')} value={draft.observed} onValue={(v) => change({ observed: v })} maxLength={4000} rows={3} dir="auto" error={f['observed']} />
          <TextAreaField id="assessment-scenario" label={t('competence.assessment.scenario')} hint={t('competence.assessment.scenarioHint')} value={draft.scenario} onValue={(v) => change({ scenario: v })} maxLength={4000} rows={3} dir="auto" error={f['scenario']} />
          <TextField id="assessment-score" maxLength={3} label={t('competence.assessment.knowledgeScore')} hint={t('competence.assessment.knowledgeScoreHint')} value={draft.knowledgeScore} onValue={(v) => change({ knowledgeScore: v })} error={f['knowledgeScore']} />
          <fieldset class="field">
            <legend class="field__label">{t('competence.assessment.levels')}</legend>
            {f['levels'] && <p class="field__error">{f['levels']}</p>}
            <LevelSelects framework={data.framework} levels={draft.levels} onLevel={(key, v) => change({ levels: { ...draft.levels, [key]: v } })} />
          </fieldset>
          <Choices
            id="assessment-decision"
            legend={t('competence.assessment.decisionLabel')}
            value={draft.decision as Decision}
            choices={DECISIONS.map((d) => ({ value: d, label: decisionName(d) }))}
            onValue={(v) => change({ decision: v })}
            error={f['decision']}
          />
          {draft.decision === 'certified_with_conditions' && (
            <TextAreaField id="assessment-conditions" label={t('competence.assessment.conditions')} value={draft.conditions} onValue={(v) => change({ conditions: v })} maxLength={4000} rows={3} dir="auto" error={f['conditions']} />
          )}
          <TextField id="assessment-reassess" type="date" label={t('competence.assessment.reassessOn')} value={draft.reassessOn} onValue={(v) => change({ reassessOn: v })} error={f['reassessOn']} />
          <div class="actions">
            <Button type="submit" busy={busy}>
              {t('competence.assessment.save')}
            </Button>
            <Button variant="primary" busy={busy} onClick={onSign} disabled={Boolean(mine?.signedAt) && !dirty}>
              {mine?.signedAt && !dirty ? t('competence.assessment.youSigned') : t('competence.assessment.sign')}
            </Button>
          </div>
          <p>{t('competence.assessment.signHint')}</p>
        </Form>
      ) : (
        <ReadOnly assessment={a} framework={data.framework} />
      )}
      {a.personId === me.id && a.status === 'signed' && (
        <LinkButton href="/development">{t('competence.my.title')}</LinkButton>
      )}
    </Page>
  );
}

function LevelSelects({ framework, levels, onLevel }: { framework: Framework; levels: Record<string, string>; onLevel: (key: string, value: string) => void }) {
  return (
    <>
      {competencesOf(framework).map(({ area, competence }) => (
        <SelectField
          key={competence.key}
          id={`assessment-level-${competence.key.replace('.', '-')}`}
          label={`${inLocale(competence.titles)} (${area})`}
          value={levels[competence.key] ?? ''}
          onValue={(v) => onLevel(competence.key, v)}
        >
          <option value="">{t('competence.assessment.notAssessed')}</option>
          {framework.levels.map((l) => (
            <option key={l.level} value={String(l.level)}>
              {l.level} – {inLocale(l.titles)}
            </option>
          ))}
        </SelectField>
      ))}
    </>
  );
}

function ReadOnly({ assessment: a, framework }: { assessment: AssessmentData; framework: Framework }) {
  return (
    <Card id="assessment-content" title={t('competence.assessment.content')}>
      <dl class="competence-facts">
        <dt>{t('competence.assessment.assessedOn')}</dt>
        <dd>{a.assessedOn ? formatDate(a.assessedOn) : '—'}</dd>
        <dt>{t('competence.assessment.observed')}</dt>
        <dd dir="auto">{a.observed || '—'}</dd>
        <dt>{t('competence.assessment.scenario')}</dt>
        <dd dir="auto">{a.scenario || '—'}</dd>
        <dt>{t('competence.assessment.knowledgeScore')}</dt>
        <dd>{a.knowledgeScore ?? '—'}</dd>
        <dt>{t('competence.assessment.decisionLabel')}</dt>
        <dd>{a.decision ? decisionName(a.decision) : '—'}</dd>
        {a.conditions && (
          <>
            <dt>{t('competence.assessment.conditions')}</dt>
            <dd dir="auto">{a.conditions}</dd>
          </>
        )}
        <dt>{t('competence.assessment.reassessOn')}</dt>
        <dd>{a.reassessOn ? formatDate(a.reassessOn) : '—'}</dd>
      </dl>
      <h3>{t('competence.assessment.levels')}</h3>
      <ul class="competence-list">
        {competencesOf(framework)
          .filter(({ competence }) => a.levels[competence.key] !== undefined)
          .map(({ competence }) => (
            <li key={competence.key} class="competence-row">
              {inLocale(competence.titles)}: {levelName(framework, a.levels[competence.key])}
            </li>
          ))}
      </ul>
    </Card>
  );
}

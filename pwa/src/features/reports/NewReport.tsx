import { useState } from 'preact/hooks';
import { api, pages } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { ConfirmDialog } from '../../components/Dialog/Dialog';
import { Form, SelectField, TextAreaField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { currentLocale, t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { navigate, useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { ReportTableView } from './ReportTableView';
import { endedPeriods, periodWords, type ReportTable } from './words';
import './Reports.css';

interface ScopeChoice {
  key: string;
  label: string;
  kind: 'organisation' | 'team';
  id?: string;
}

/**
 * `/reports/new` (and `?corrects=<id>`): choose the funder's report, the period (and, for an
 * administrator, the organisation or a team), look at the figures as the funder will see them
 * — counts of 1 to 5 already hidden — and submit after a confirm. A correction says why.
 */
export default function NewReport() {
  const me = useMe();
  const { query } = useLocation();
  const corrects = query.get('corrects') ?? '';
  const old = useResource(
    () =>
      corrects
        ? api.get('/api/reports/{report_id}', { path: { report_id: corrects }, query: { language: currentLocale() } })
        : Promise.resolve(null),
    [corrects],
  );
  const definitions = useResource(() => api.get('/api/reports/definitions'), [currentLocale()]);
  const teams = useResource(
    () => (me.role === 'admin' ? pages.all('/api/teams') : Promise.resolve([])),
    [me.role],
  );
  const [definition, setDefinition] = useState('');
  const [period, setPeriod] = useState('');
  const [scope, setScope] = useState('');
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<ReportTable | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [state, setState] = useState<'editing' | 'previewing' | 'confirming' | 'sending'>('editing');
  const [localId] = useState(() => crypto.randomUUID());

  const oldTable = old.data?.table;
  const defs = definitions.data ?? [];
  const chosenDef = oldTable?.definitionId ?? (definition || defs[0]?.id || '');
  const kinds = defs.find((d) => d.id === chosenDef)?.periods ?? [];
  const periods = endedPeriods(kinds);
  const chosenPeriod = oldTable?.period ?? (period || periods[0] || '');
  const scopes: ScopeChoice[] =
    me.role === 'admin'
      ? [
          { key: 'organisation', label: t('reports.scope.organisation'), kind: 'organisation' },
          ...(teams.data ?? []).map((team) => ({
            key: `team:${team.id}`,
            label: t('reports.scope.team', { name: team.name }),
            kind: 'team' as const,
            id: team.id,
          })),
        ]
      : [];
  const chosenScope: ScopeChoice | undefined = oldTable
    ? {
        key: oldTable.scope.kind === 'team' ? `team:${oldTable.scope.id ?? ''}` : 'organisation',
        label: '',
        kind: oldTable.scope.kind,
        ...(oldTable.scope.id ? { id: oldTable.scope.id } : {}),
      }
    : scopes.find((s) => s.key === scope) ?? scopes[0];

  function show(error: unknown) {
    const found = describe(error);
    setTrouble(found);
    setErrors(found.fields);
    const first = Object.keys(found.fields)[0];
    if (first) document.getElementById(`report-${first}`)?.focus();
  }

  async function look() {
    setErrors({});
    setTrouble(null);
    setState('previewing');
    try {
      setPreview(
        await api.get('/api/reports/preview', {
          query: {
            definition: chosenDef,
            period: chosenPeriod,
            scope: chosenScope?.kind,
            id: chosenScope?.id,
            language: currentLocale(),
          },
        }),
      );
    } catch (error) {
      setPreview(null);
      show(error);
    }
    setState('editing');
  }

  function askToSubmit() {
    if (corrects && !note.trim()) {
      setErrors({ note: t('reports.error.note') });
      document.getElementById('report-note')?.focus();
      return;
    }
    setState('confirming');
  }

  async function submit() {
    setState('sending');
    try {
      const made = await api.post('/api/reports', {
        body: {
          localId,
          definition: chosenDef,
          period: chosenPeriod,
          scope: chosenScope?.kind ?? null,
          scopeId: chosenScope?.id ?? null,
          corrects: corrects || null,
          note: note.trim(),
        },
      });
      navigate(`/reports/${made.id}`, { replace: true });
    } catch (error) {
      setState('editing');
      show(error);
    }
  }

  const title = corrects ? t('reports.correctTitle') : t('reports.new');
  const back = corrects
    ? { href: `/reports/${corrects}`, label: t('reports.title') }
    : { href: '/reports', label: t('reports.title') };
  if (definitions.data === undefined || (corrects && old.data === undefined)) {
    return (
      <Page title={title} back={back}>
        <LoadState
          loading={definitions.loading || old.loading}
          trouble={definitions.trouble ?? old.trouble}
        />
      </Page>
    );
  }
  const fresh = preview && preview.definitionId === chosenDef && preview.period === chosenPeriod;
  return (
    <Page title={title} back={back}>
      {trouble && Object.keys(trouble.fields).length === 0 && <Notice kind="error" title={trouble.title} />}
      <Form onSubmit={() => void look()} label={title}>
        {oldTable ? (
          <p>
            {t('reports.correcting', { name: oldTable.name, period: periodWords(oldTable.period) })}
          </p>
        ) : (
          <>
            <SelectField
              id="report-definition"
              label={t('reports.definitionLabel')}
              value={chosenDef}
              onValue={(v) => {
                setDefinition(v);
                setPreview(null);
              }}
              error={errors.definition}
            >
              {defs.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="report-period"
              label={t('reports.periodLabel')}
              hint={t('reports.periodHint')}
              value={chosenPeriod}
              onValue={(v) => {
                setPeriod(v);
                setPreview(null);
              }}
              error={errors.period}
            >
              {periods.map((p) => (
                <option key={p} value={p}>
                  {periodWords(p)}
                </option>
              ))}
            </SelectField>
            {scopes.length > 0 && (
              <SelectField
                id="report-scope"
                label={t('reports.scopeLabel')}
                value={chosenScope?.key ?? ''}
                onValue={(v) => {
                  setScope(v);
                  setPreview(null);
                }}
                error={errors.scope ?? errors.scopeId}
              >
                {scopes.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.label}
                  </option>
                ))}
              </SelectField>
            )}
          </>
        )}
        <div class="actions">
          <Button type="submit" variant={fresh ? 'secondary' : 'primary'} busy={state === 'previewing'}>
            {t('reports.preview')}
          </Button>
        </div>
      </Form>
      {fresh && preview && (
        <section aria-labelledby="report-preview-title">
          <h2 id="report-preview-title">{t('reports.previewTitle')}</h2>
          <ReportTableView table={preview} />
          {corrects && (
            <TextAreaField
              id="report-note"
              label={t('reports.noteLabel')}
              hint={t('reports.noteHint')}
              value={note}
              onValue={setNote}
              maxLength={500}
              error={errors.note}
            />
          )}
          {errors.corrects && <Notice kind="error" title={errors.corrects} />}
          <div class="actions">
            <Button variant="primary" onClick={askToSubmit} busy={state === 'sending'}>
              {t('reports.submit')}
            </Button>
          </div>
        </section>
      )}
      <ConfirmDialog
        id="report-confirm"
        title={t('reports.confirmTitle')}
        open={state === 'confirming' || state === 'sending'}
        confirmLabel={t('reports.confirmSubmit')}
        busy={state === 'sending'}
        onConfirm={() => void submit()}
        onCancel={() => setState('editing')}
      >
        <p>{t('reports.confirmText')}</p>
      </ConfirmDialog>
    </Page>
  );
}

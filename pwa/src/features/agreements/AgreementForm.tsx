import { useEffect, useState } from 'preact/hooks';
import { api, pages, type Schemas } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Checkbox, Choices, Form, SelectField, TextAreaField, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { currentLocale, LOCALE_NAMES, LOCALES, t, type Locale } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { navigate } from '../../lib/router';
import { RHYTHMS, rhythmName, WAYS, wayName, type Rhythm, type Version, type Way } from './words';

type Template = Schemas['AgreementTemplate'];
type Partner = Schemas['AgreementPartner'];
type Goal = Schemas['Goal'];

interface Draft {
  partnerId: string;
  locale: Locale;
  rules: string;
  goalIds: string[];
  goalText: string;
  startsOn: string;
  endsOn: string;
  rhythm: Rhythm;
  times: string;
  ways: Way[];
  remindAt: string;
}

interface Loaded {
  clientId: string;
  template: Template | null;
  partners: Partner[];
  goals: Goal[];
  draft: Draft;
}

function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function templateRules(template: Template | null, locale: Locale): string {
  return template?.texts[locale]?.rules.join('\n') ?? '';
}

function fresh(template: Template | null, partners: Partner[]): Draft {
  const start = new Date();
  const end = new Date(start);
  end.setMonth(end.getMonth() + 3);
  const locale = currentLocale();
  return {
    partnerId: partners[0]?.id ?? '',
    locale,
    rules: templateRules(template, locale),
    goalIds: [],
    goalText: '',
    startsOn: isoDay(start),
    endsOn: isoDay(end),
    rhythm: 'weekly',
    times: '2',
    ways: ['face_to_face'],
    remindAt: '',
  };
}

function fromVersion(version: Version, partnerId: string): Draft {
  return {
    partnerId,
    locale: version.locale,
    rules: version.rules.join('\n'),
    goalIds: version.goals.map((goal) => goal.id),
    goalText: version.goalText,
    startsOn: version.startsOn,
    endsOn: version.endsOn,
    rhythm: version.rhythm,
    times: String(version.times ?? 2),
    ways: version.ways,
    remindAt: version.remindAt ?? '',
  };
}

function terms(draft: Draft, template: Template | null): Schemas['AgreementTerms'] {
  const perPeriod = draft.rhythm === 'times_per_week' || draft.rhythm === 'times_per_month';
  return {
    rules: draft.rules.split('\n').map((rule) => rule.trim()).filter(Boolean),
    locale: draft.locale,
    startsOn: draft.startsOn,
    endsOn: draft.endsOn,
    rhythm: draft.rhythm,
    ways: draft.ways,
    goalIds: draft.goalIds,
    goalText: draft.goalText.trim(),
    times: perPeriod ? Number(draft.times) : null,
    remindAt: draft.remindAt || null,
    zone: draft.remindAt ? Intl.DateTimeFormat().resolvedOptions().timeZone : null,
    templateVersion: template?.version ?? null,
  };
}

/**
 * `/clients/:id/agreements/new` and `/agreements/:id/change`: the coach writes the agreement
 * with the client — with whom, the rules (the organisation's template in the chosen language,
 * adjusted), the goal, the dates, how often and how they meet. A change is a new version that
 * the client and the coach or mentor agree to again.
 */
export default function AgreementForm({ params }: { params: Record<string, string> }) {
  const changing = Boolean(params.agreement);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadTrouble, setLoadTrouble] = useState<Trouble | null>(null);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const load = async (): Promise<Loaded> => {
      const templates = await pages.first('/api/agreement-templates', { query: { limit: 1 } });
      const template = templates.items[0] ?? null;
      if (params.agreement) {
        const agreement = await api.get('/api/agreements/{agreement_id}', { path: { agreement_id: params.agreement } });
        const goals = await pages.all('/api/clients/{client_id}/goals', { path: { client_id: agreement.clientId } });
        const newest = agreement.versions[0];
        const base = newest ? fromVersion(newest, agreement.partnerId ?? '') : fresh(template, []);
        return { clientId: agreement.clientId, template, partners: [], goals, draft: base };
      }
      const clientId = params.id ?? '';
      const [partners, goals] = await Promise.all([
        api.get('/api/clients/{client_id}/agreements/partners', { path: { client_id: clientId } }),
        pages.all('/api/clients/{client_id}/goals', { path: { client_id: clientId } }),
      ]);
      return { clientId, template, partners, goals, draft: fresh(template, partners) };
    };
    load().then(
      (found) => {
        if (!live) return;
        setLoaded(found);
        setDraft(found.draft);
      },
      (error: unknown) => live && setLoadTrouble(describe(error)),
    );
    return () => {
      live = false;
    };
  }, [params.id, params.agreement]);

  const back = changing
    ? { href: `/agreements/${params.agreement ?? ''}`, label: t('agreements.title') }
    : { href: `/clients/${params.id ?? ''}/agreements`, label: t('agreements.title') };
  const title = changing ? t('agreements.changeTitle') : t('agreements.new');
  if (!loaded || !draft) {
    return (
      <Page title={title} back={back}>
        <LoadState loading={!loadTrouble} trouble={loadTrouble} />
      </Page>
    );
  }
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const fields = trouble?.fields ?? {};
  const goals = loaded.goals.filter((goal) => goal.status !== 'cancelled');

  function chooseLocale(locale: Locale) {
    if (!draft) return;
    // The rules follow the language chosen while they are still the template's own words.
    const untouched = draft.rules === templateRules(loaded?.template ?? null, draft.locale);
    set({ locale, rules: untouched ? templateRules(loaded?.template ?? null, locale) : draft.rules });
  }

  async function save() {
    if (!loaded || !draft) return;
    setBusy(true);
    setTrouble(null);
    try {
      const body = terms(draft, loaded.template);
      const agreement = params.agreement
        ? await api.post('/api/agreements/{agreement_id}/versions', { path: { agreement_id: params.agreement }, body })
        : await api.post('/api/clients/{client_id}/agreements', {
            path: { client_id: loaded.clientId },
            body: { ...body, localId: crypto.randomUUID(), partnerId: draft.partnerId },
          });
      navigate(`/agreements/${agreement.id}`);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const perPeriod = draft.rhythm === 'times_per_week' || draft.rhythm === 'times_per_month';
  return (
    <Page title={title} back={back}>
      <p class="lead">{t(changing ? 'agreements.changeIntro' : 'agreements.newIntro')}</p>
      {trouble && <Notice kind="error" title={trouble.title} />}
      <Form onSubmit={() => void save()} label={title}>
        {!changing && (
          <Choices
            id="partnerId"
            legend={t('agreements.form.partner')}
            value={draft.partnerId}
            choices={loaded.partners.map((partner) => ({
              value: partner.id,
              label: partner.displayName,
              hint: t(partner.role === 'mentor' ? 'role.mentor' : 'role.coach'),
            }))}
            onValue={(partnerId) => set({ partnerId })}
            error={fields.partnerId}
          />
        )}
        <SelectField
          id="locale"
          label={t('agreements.form.language')}
          hint={t('agreements.form.languageHint')}
          value={draft.locale}
          onValue={(value) => chooseLocale(value as Locale)}
        >
          {LOCALES.map((locale) => (
            <option key={locale} value={locale}>
              {LOCALE_NAMES[locale]}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id="rules"
          label={t('agreements.form.rules')}
          hint={t('agreements.form.rulesHint')}
          value={draft.rules}
          onValue={(rules) => set({ rules })}
          rows={10}
          dir="auto"
          error={fields.rules}
        />
        {goals.length > 0 && (
          <fieldset class="field">
            <legend class="field__label">{t('agreements.form.goals')}</legend>
            {goals.map((goal) => (
              <Checkbox
                key={goal.id}
                id={`goal-${goal.id}`}
                label={goal.title}
                checked={draft.goalIds.includes(goal.id)}
                onChecked={(on) =>
                  set({ goalIds: on ? [...draft.goalIds, goal.id] : draft.goalIds.filter((g) => g !== goal.id) })
                }
              />
            ))}
            {fields.goalIds && <p class="field__error">{fields.goalIds}</p>}
          </fieldset>
        )}
        <TextAreaField
          id="goalText"
          label={t('agreements.form.goalText')}
          hint={t('agreements.form.goalTextHint')}
          value={draft.goalText}
          onValue={(goalText) => set({ goalText })}
          rows={2}
          maxLength={400}
          dir="auto"
          error={fields.goalText}
        />
        <TextField
          id="startsOn"
          type="date"
          label={t('agreements.form.startsOn')}
          value={draft.startsOn}
          onValue={(startsOn) => set({ startsOn })}
          error={fields.startsOn}
        />
        <TextField
          id="endsOn"
          type="date"
          label={t('agreements.form.endsOn')}
          value={draft.endsOn}
          onValue={(endsOn) => set({ endsOn })}
          error={fields.endsOn}
        />
        <Choices
          id="rhythm"
          legend={t('agreements.form.rhythm')}
          value={draft.rhythm}
          choices={RHYTHMS.map((value) => ({ value, label: rhythmName(value) }))}
          onValue={(rhythm) => set({ rhythm })}
          error={fields.rhythm}
        />
        {perPeriod && (
          <SelectField
            id="times"
            label={t('agreements.form.times')}
            value={draft.times}
            onValue={(times) => set({ times })}
            error={fields.times}
          >
            {Array.from({ length: 10 }, (_, i) => String(i + 1)).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </SelectField>
        )}
        <fieldset class="field">
          <legend class="field__label">{t('agreements.form.ways')}</legend>
          {fields.ways && <p class="field__error">{fields.ways}</p>}
          {WAYS.map((way) => (
            <Checkbox
              key={way}
              id={`way-${way}`}
              label={wayName(way)}
              checked={draft.ways.includes(way)}
              onChecked={(on) => set({ ways: on ? [...draft.ways, way] : draft.ways.filter((w) => w !== way) })}
            />
          ))}
        </fieldset>
        <TextField
          id="remindAt"
          type="time"
          label={t('agreements.form.remindAt')}
          hint={t('agreements.form.remindAtHint')}
          value={draft.remindAt}
          onValue={(remindAt) => set({ remindAt })}
          error={fields.remindAt ?? fields.zone}
        />
        <Button type="submit" variant="primary" busy={busy}>
          {t(changing ? 'agreements.form.saveChange' : 'agreements.form.save')}
        </Button>
      </Form>
    </Page>
  );
}

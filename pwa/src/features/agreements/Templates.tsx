import { useEffect, useState } from 'preact/hooks';
import { api, pages, type Schemas } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form, TextAreaField, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { ItemList } from '../../components/List/List';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { formatDateTime, LOCALE_NAMES, LOCALES, t, type Locale } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { usePages } from '../../lib/usePages';
import { useMe } from '../../session';

type Template = Schemas['AgreementTemplate'];
type Texts = Record<Locale, { title: string; rules: string }>;

function textsOf(template: Template | undefined): Texts {
  const texts = {} as Texts;
  for (const locale of LOCALES) {
    const text = template?.texts[locale];
    texts[locale] = { title: text?.title ?? '', rules: text?.rules.join('\n') ?? '' };
  }
  return texts;
}

/**
 * `/agreement-templates`: the organisation's agreement template, every version kept. An
 * administrator writes the next version in English, Polish, Finnish and Hebrew (one rule a
 * line); agreements already written keep the version they came from.
 */
export default function Templates() {
  const me = useMe();
  const list = usePages(() => pages.first('/api/agreement-templates'));
  const newest = list.items?.[0];
  const [texts, setTexts] = useState<Texts | null>(null);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (newest && !texts) setTexts(textsOf(newest));
  }, [newest]);

  async function save() {
    if (!texts) return;
    setBusy(true);
    setTrouble(null);
    setDone(null);
    try {
      const body = Object.fromEntries(
        LOCALES.map((locale) => [
          locale,
          { title: texts[locale].title, rules: texts[locale].rules.split('\n').filter((rule) => rule.trim()) },
        ]),
      ) as Schemas['AgreementTemplateCreate'];
      const made = await api.post('/api/agreement-templates', { body });
      setDone(t('agreements.templates.saved', { number: made.version }));
      await list.reload();
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const fields = trouble?.fields ?? {};
  return (
    <Page title={t('agreements.templates.title')}>
      <p>{t('agreements.templates.intro')}</p>
      {list.items === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : (
        <ShowMore list={list}>
          <ItemList label={t('agreements.templates.versions')}>
            {list.items.map((template) => (
              <li key={template.id}>
                {t('agreements.templates.versionLine', {
                  number: template.version,
                  date: formatDateTime(template.createdAt),
                  name: template.createdByName ?? t('agreements.templates.stepwise'),
                })}
              </li>
            ))}
          </ItemList>
        </ShowMore>
      )}
      {me.role === 'admin' && texts && (
        <Card id="next-version" title={t('agreements.templates.next')}>
          {done && <Notice kind="success" title={done} />}
          {trouble && <Notice kind="error" title={trouble.title} />}
          <Form onSubmit={() => void save()} label={t('agreements.templates.next')}>
            {LOCALES.map((locale) => (
              <fieldset key={locale} class="field" lang={locale}>
                <legend class="field__label">{LOCALE_NAMES[locale]}</legend>
                <TextField
                  id={`${locale}-title`}
                  label={t('agreements.templates.titleIn', { language: LOCALE_NAMES[locale] })}
                  value={texts[locale].title}
                  onValue={(title) => setTexts({ ...texts, [locale]: { ...texts[locale], title } })}
                  maxLength={120}
                  lang={locale}
                  dir="auto"
                  error={fields[`${locale}.title`]}
                />
                <TextAreaField
                  id={`${locale}-rules`}
                  label={t('agreements.templates.rulesIn', { language: LOCALE_NAMES[locale] })}
                  hint={t('agreements.form.rulesHint')}
                  value={texts[locale].rules}
                  onValue={(rules) => setTexts({ ...texts, [locale]: { ...texts[locale], rules } })}
                  rows={8}
                  dir="auto"
                  error={fields[`${locale}.rules`]}
                />
              </fieldset>
            ))}
            <Button type="submit" variant="primary" busy={busy}>
              {t('agreements.templates.save')}
            </Button>
          </Form>
        </Card>
      )}
    </Page>
  );
}

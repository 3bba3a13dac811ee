import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Choices } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { navigate, useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { inLocale } from './words';
import './Competence.css';

/**
 * `/development/onboarding?step=n`: the onboarding module on values and confidentiality — one
 * screen at a time in plain words, then the check questions. Finishing it ends the provisional
 * status (docs/competence.md).
 */
export default function Onboarding() {
  const { query } = useLocation();
  const loaded = useResource(() => api.get('/api/competence/onboarding'));
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const module = loaded.data?.module;
  const screens = module?.screens ?? [];
  const step = Math.min(Math.max(Number(query.get('step') ?? 0) || 0, 0), screens.length);
  const go = (to: number) => navigate(`/development/onboarding?step=${to}`);
  useEffect(() => {
    document.querySelector<HTMLElement>('h1')?.focus();
  }, [step]);

  async function finish() {
    if (!module) return;
    const missing: Record<string, string> = {};
    module.questions.forEach((q, i) => {
      if (answers[q.key] === undefined) missing[`answers.${i}`] = t('competence.path.onboarding.answer');
    });
    if (Object.keys(missing).length) {
      setTrouble({ title: t('competence.path.onboarding.fix'), fields: missing });
      return;
    }
    setBusy(true);
    setTrouble(null);
    try {
      await api.post('/api/competence/onboarding', {
        body: { version: module.version, answers: module.questions.map((q) => Number(answers[q.key])) },
      });
      navigate('/development?onboarded=1');
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  const here = screens[step];
  return (
    <Page
      title={module ? inLocale(module.titles) : t('competence.path.onboarding.title')}
      back={{ href: '/development', label: t('competence.my.title') }}
    >
      {!module ? (
        <LoadState loading={loaded.loading} trouble={loaded.trouble} />
      ) : here ? (
        <>
          <p class="competence-step">
            {t('competence.path.onboarding.step', { n: step + 1, total: screens.length + 1 })}
          </p>
          <h2>{inLocale(here.titles)}</h2>
          {here.paragraphs.map((p, i) => (
            <p key={i}>{inLocale(p)}</p>
          ))}
          <div class="actions">
            <Button variant="primary" onClick={() => go(step + 1)}>
              {t('competence.path.onboarding.next')}
            </Button>
            {step > 0 && <Button onClick={() => go(step - 1)}>{t('competence.path.onboarding.previous')}</Button>}
          </div>
        </>
      ) : (
        <>
          <p class="competence-step">
            {t('competence.path.onboarding.step', { n: step + 1, total: screens.length + 1 })}
          </p>
          <h2>{t('competence.path.onboarding.check')}</h2>
          {trouble && <Notice kind="error" title={trouble.title} />}
          {module.questions.map((q, i) => (
            <Choices
              key={q.key}
              id={`onboarding-${q.key}`}
              legend={inLocale(q.texts)}
              value={answers[q.key] ?? ''}
              error={trouble?.fields[`answers.${i}`]}
              choices={q.options.map((o, j) => ({ value: String(j), label: inLocale(o) }))}
              onValue={(v) => setAnswers({ ...answers, [q.key]: v })}
            />
          ))}
          <div class="actions">
            <Button variant="primary" busy={busy} onClick={() => void finish()}>
              {t('competence.path.onboarding.finish')}
            </Button>
            <Button onClick={() => go(step - 1)}>{t('competence.path.onboarding.previous')}</Button>
          </div>
        </>
      )}
    </Page>
  );
}

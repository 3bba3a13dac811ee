import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { formatDateTime, t } from '../../i18n';
import { describe } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { useMe } from '../../session';
import { QuestionSetEditor } from './QuestionSetEditor';
import { inLocale } from './texts';
import './Pta.css';

/** `/pta/questions`: the PTA question set's versions; administrators edit and translate a draft. */
export default function QuestionSets() {
  const me = useMe();
  const list = useResource(() => api.get('/api/pta/question-sets'));
  const newest = list.data?.[0];
  const current = useResource(
    () => (newest ? api.get('/api/pta/question-sets/{set_id}', { path: { set_id: newest.id } }) : Promise.resolve(undefined)),
    [newest?.id],
  );
  const [trouble, setTrouble] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [published, setPublished] = useState(false);
  const set = current.data;

  async function newVersion() {
    setBusy(true);
    setTrouble(null);
    try {
      await api.post('/api/pta/question-sets', { body: {} });
      await list.reload();
    } catch (error) {
      setTrouble(describe(error).title);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('pta.admin.title')}>
      <p class="lead">{t('pta.admin.intro')}</p>
      {list.data === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : (
        <Card id="versions" title={t('pta.admin.versions')}>
          <ul>
            {list.data.map((v) => (
              <li key={v.id}>
                {t('pta.admin.version', { n: v.version })} ·{' '}
                {v.status === 'draft' ? t('pta.admin.draft') : t('pta.admin.publishedOn', { date: formatDateTime(v.publishedAt) })}{' '}
                · {t('pta.admin.used', { count: v.conversations })}
              </li>
            ))}
          </ul>
          {trouble && <Notice kind="error" title={trouble} />}
          {me.role === 'admin' && newest?.status === 'published' && (
            <Button variant="primary" busy={busy} onClick={() => void newVersion()}>
              {t('pta.admin.newVersion')}
            </Button>
          )}
        </Card>
      )}
      {set && (
        <Card id="questions" title={t('pta.admin.versionTitle', { n: set.version })}>
          {published && set.status === 'published' && <Notice kind="success" title={t('pta.admin.published')} />}
          {set.status === 'draft' && me.role === 'admin' ? (
            <QuestionSetEditor
              set={set}
              onChange={(next) => {
                current.set(next);
                // Published: the versions list says so, and the questions show as they are now used.
                if (next.status === 'published') {
                  setPublished(true);
                  void list.reload();
                }
              }}
            />
          ) : (
            set.sections.map((section) => (
              <section key={section.key} aria-labelledby={`s-${section.key}`}>
                <h3 id={`s-${section.key}`}>{inLocale(section.titles)}</h3>
                <ul>
                  {section.questions.map((q) => (
                    <li key={q.key}>{inLocale(q.texts)}</li>
                  ))}
                </ul>
              </section>
            ))
          )}
        </Card>
      )}
    </Page>
  );
}

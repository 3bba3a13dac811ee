import { useState } from 'preact/hooks';
import { pages } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Form, SelectField } from '../../components/Field/Field';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { navigate } from '../../lib/router';
import { usePages } from '../../lib/usePages';
import { bandName, reviewTitle, statusWords, totalWords, type ReviewSummary } from './words';
import './Fidelity.css';

/**
 * `/fidelity`: the team's (or the organisation's) fidelity reviews, newest first, a page at a
 * time; start a new one, or compare two made with the same template.
 */
export default function Reviews() {
  const list = usePages<ReviewSummary>(() => pages.first('/api/fidelity/reviews', { query: { limit: 20 } }), []);
  return (
    <Page title={t('fidelity.title')} back={{ href: '/results', label: t('outcomes.title') }}>
      <p>{t('fidelity.about')}</p>
      <LinkButton href="/fidelity/new" variant="primary">
        {t('fidelity.start')}
      </LinkButton>
      <h2>{t('fidelity.listTitle')}</h2>
      {list.items === undefined ? (
        <LoadState loading={list.loading} trouble={list.trouble} />
      ) : list.items.length === 0 ? (
        <p>{t('fidelity.none')}</p>
      ) : (
        <>
          <ShowMore list={list}>
            <LinkList label={t('fidelity.listTitle')}>
              {list.items.map((r) => (
                <LinkListItem
                  key={r.id}
                  href={`/fidelity/${r.id}`}
                  title={reviewTitle(r)}
                  detail={`${statusWords(r)}. ${totalWords(r)}${r.band ? `. ${bandName(r.band)}` : ''}`}
                />
              ))}
            </LinkList>
          </ShowMore>
          <CompareForm reviews={list.items} />
        </>
      )}
    </Page>
  );
}

function CompareForm({ reviews }: { reviews: ReviewSummary[] }) {
  const [first, setFirst] = useState(reviews[1]?.id ?? '');
  const [second, setSecond] = useState(reviews[0]?.id ?? '');
  const [error, setError] = useState<string | undefined>(undefined);
  if (reviews.length < 2) return null;
  const compare = () => {
    const a = reviews.find((r) => r.id === first);
    const b = reviews.find((r) => r.id === second);
    if (!a || !b || a.id === b.id) return setError(t('fidelity.compare.twoDifferent'));
    if (a.template !== b.template) return setError(t('fidelity.compare.sameTemplate'));
    setError(undefined);
    navigate(`/fidelity/compare?first=${a.id}&second=${b.id}`);
  };
  const options = reviews.map((r) => (
    <option key={r.id} value={r.id}>
      {reviewTitle(r)} ({statusWords(r)})
    </option>
  ));
  return (
    <section aria-labelledby="fidelity-compare-title">
      <h2 id="fidelity-compare-title">{t('fidelity.compare.title')}</h2>
      <Form onSubmit={compare} label={t('fidelity.compare.title')}>
        <SelectField id="compare-first" label={t('fidelity.compare.first')} value={first} onValue={setFirst}>
          {options}
        </SelectField>
        <SelectField id="compare-second" label={t('fidelity.compare.second')} value={second} onValue={setSecond} error={error}>
          {options}
        </SelectField>
        <Button type="submit">{t('fidelity.compare.action')}</Button>
      </Form>
    </section>
  );
}

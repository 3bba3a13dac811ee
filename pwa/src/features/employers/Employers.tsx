import { useState } from 'preact/hooks';
import { pages } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Form, TextField } from '../../components/Field/Field';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { t } from '../../i18n';
import { usePages } from '../../lib/usePages';
import { lastContactInWords } from './words';
import './Employers.css';

/** `/employers`: the team's employer register by name, "last contact" at a glance, searchable. */
export default function Employers() {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const register = usePages(
    () => pages.first('/api/employers', { query: search ? { q: search } : {} }),
    [search],
  );
  const employers = register.items;
  return (
    <Page title={t('employers.title')}>
      <LinkButton href="/employers/new" variant="primary" block>
        {t('employers.add')}
      </LinkButton>
      <Form onSubmit={() => setSearch(typed.trim())} label={t('employers.search')}>
        <div class="employer-search">
          <TextField
            id="employer-search"
            type="text"
            label={t('employers.searchLabel')}
            value={typed}
            onValue={setTyped}
            maxLength={160}
          />
          <Button type="submit">{t('employers.search')}</Button>
        </div>
      </Form>
      {employers === undefined ? (
        <LoadState loading={register.loading} trouble={register.trouble} />
      ) : employers.length === 0 ? (
        <p>{search ? t('employers.noneFound', { search }) : t('employers.empty')}</p>
      ) : (
        <ShowMore list={register}>
          <LinkList label={t('employers.title')}>
            {employers.map((employer) => (
              <LinkListItem
                key={employer.id}
                href={`/employers/${employer.id}`}
                title={employer.name}
                detail={[employer.address, lastContactInWords(employer.lastContactAt)].filter(Boolean).join(' · ')}
              />
            ))}
          </LinkList>
        </ShowMore>
      )}
    </Page>
  );
}

import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { LinkList, LinkListItem } from '../../components/List/List';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useResource } from '../../lib/useResource';
import { dateInWords } from '../shifts/words';
import { EmployerForm } from './EmployerForm';
import { PersonForm } from './PersonForm';
import { jobInWords, lastContactInWords, type EmployerPerson } from './words';
import './Employers.css';

/** Whether the person was told what is kept about them, in a line. */
export function noticeInWords(person: EmployerPerson): string {
  return person.noticedAt
    ? t('contacts.noticed', { date: dateInWords(person.noticedAt.slice(0, 10), false) })
    : t('contacts.notNoticed');
}

/** `/employers/:id`: an employer of the register, its people, and the jobs there of my clients. */
export default function EmployerScreen({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const employer = useResource(() => api.get('/api/employers/{employer_id}', { path: { employer_id: id } }), [id]);
  const [editing, setEditing] = useState(false);
  const back = { href: '/employers', label: t('employers.title') };
  const data = employer.data;
  if (!data) {
    return (
      <Page title={employer.trouble ? t('employers.notFound') : t('app.loading')} back={back}>
        <LoadState loading={employer.loading} trouble={employer.trouble} />
      </Page>
    );
  }
  return (
    <Page title={data.name} titleDir="auto" back={back}>
      <Card id="employer" title={t('employers.about')}>
        {editing ? (
          <EmployerForm
            employer={data}
            onSaved={(saved) => {
              employer.set({ ...saved, people: data.people, jobs: data.jobs });
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <>
            <dl class="facts">
              <dt>{t('employers.address')}</dt>
              <dd dir="auto">{data.address || t('employers.notGiven')}</dd>
              {data.sector && (
                <>
                  <dt>{t('employers.sector')}</dt>
                  <dd dir="auto">{data.sector}</dd>
                </>
              )}
              <dt>{t('employers.contactTitle')}</dt>
              <dd>{lastContactInWords(data.lastContactAt)}</dd>
              {data.notes && (
                <>
                  <dt>{t('employers.notes')}</dt>
                  <dd dir="auto">{data.notes}</dd>
                </>
              )}
            </dl>
            <Button onClick={() => setEditing(true)}>{t('employers.change')}</Button>
          </>
        )}
      </Card>
      <Card id="employer-people" title={t('contacts.title')}>
        {data.people.length === 0 ? (
          <p>{t('contacts.none')}</p>
        ) : (
          <LinkList label={t('contacts.title')}>
            {data.people.map((person) => (
              <LinkListItem
                key={person.id}
                href={`/employers/${data.id}/people/${person.id}`}
                title={person.name}
                detail={[person.role, noticeInWords(person)].filter(Boolean).join(' · ')}
              />
            ))}
          </LinkList>
        )}
        <h3>{t('contacts.add')}</h3>
        <p class="field__hint">{t('contacts.minimal')}</p>
        <PersonForm
          employerId={data.id}
          person={null}
          onSaved={(person) => employer.set({ ...data, people: [...data.people, person] })}
        />
      </Card>
      <Card id="employer-jobs" title={t('employers.jobsThere')}>
        {data.jobs.length === 0 ? (
          <p>{t('employers.noJobs')}</p>
        ) : (
          <LinkList label={t('employers.jobsThere')}>
            {data.jobs.map((job) => (
              <LinkListItem key={job.id} href={`/jobs/${job.id}`} title={job.clientName} detail={jobInWords(job)} />
            ))}
          </LinkList>
        )}
      </Card>
    </Page>
  );
}

import { useState } from 'preact/hooks';
import { Button, LinkButton } from '../../components/Button/Button';
import { Checkbox, Form, TextAreaField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { EmployerPersonChoice, type Chosen } from '../activities/EmployerPersonChoice';
import { browserZone, todayIn } from '../shifts/words';
import { addOpportunity } from './moves';
import { THEMES, themeName, type Theme } from './words';
import './Opportunities.css';

const MOST_THEMES = 6;

/**
 * `/clients/:id/opportunities/new`: an employer from the register (and the person there) with
 * the job, or an idea to approach an employer with; the themes of interest it matches; a
 * follow-up day. Saved on the phone first and sent once.
 */
export default function OpportunityNew({ params }: { params: Record<string, string> }) {
  const clientId = params.id ?? '';
  const [at, setAt] = useState<Chosen>({ employerId: '', personId: '', personName: '' });
  const [title, setTitle] = useState('');
  const [idea, setIdea] = useState('');
  const [themes, setThemes] = useState<Theme[]>([]);
  const [followUp, setFollowUp] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<'editing' | 'busy' | 'sent' | 'waiting'>('editing');
  const list = `/clients/${clientId}/opportunities`;

  async function save() {
    const found: Record<string, string> = {};
    if (!at.employerId && !idea.trim()) found.idea = t('opportunities.error.idea');
    if (followUp && followUp < todayIn(browserZone())) found.followUp = t('opportunities.error.followUp');
    if (themes.length > MOST_THEMES) found.themes = t('opportunities.error.themes');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`opportunity-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setState('busy');
    const sent = await addOpportunity(clientId, {
      employerId: at.employerId && !at.personId ? at.employerId : null,
      employerPersonId: at.personId || null,
      jobTitle: title.trim(),
      idea: idea.trim(),
      themes,
      followUpOn: followUp || null,
    });
    setState(sent ? 'sent' : 'waiting');
  }

  const back = { href: list, label: t('opportunities.title') };
  if (state === 'sent' || state === 'waiting') {
    return (
      <Page title={t('opportunities.add')} back={back}>
        <Notice kind="success" title={state === 'sent' ? t('opportunities.added') : t('opportunities.waiting')} />
        <div class="actions">
          <LinkButton href={list} variant="primary">
            {t('opportunities.backToList')}
          </LinkButton>
        </div>
      </Page>
    );
  }
  return (
    <Page title={t('opportunities.add')} back={back}>
      <Form onSubmit={() => void save()} label={t('opportunities.add')}>
        <EmployerPersonChoice clientId={clientId} value={at} onChoose={setAt} />
        <TextField id="opportunity-title" label={t('opportunities.jobLabel')} value={title} onValue={setTitle} maxLength={160} />
        <TextAreaField
          id="opportunity-idea"
          label={t('opportunities.ideaLabel')}
          hint={t('opportunities.ideaHint')}
          value={idea}
          onValue={setIdea}
          maxLength={1000}
          error={errors.idea}
        />
        <fieldset class="field" id="opportunity-themes" tabIndex={-1}>
          <legend class="field__label">{t('opportunities.themesLabel')}</legend>
          {errors.themes && <p class="field__error">{errors.themes}</p>}
          {THEMES.map((theme) => (
            <Checkbox
              key={theme}
              id={`theme-${theme}`}
              label={themeName(theme)}
              checked={themes.includes(theme)}
              onChecked={(on) => setThemes(on ? [...themes, theme] : themes.filter((x) => x !== theme))}
            />
          ))}
        </fieldset>
        <TextField
          id="opportunity-followUp"
          type="date"
          label={t('opportunities.followUpLabel')}
          hint={t('opportunities.followUpHint')}
          value={followUp}
          onValue={setFollowUp}
          error={errors.followUp}
        />
        <div class="actions">
          <Button type="submit" variant="primary" busy={state === 'busy'}>
            {t('opportunities.save')}
          </Button>
        </div>
      </Form>
    </Page>
  );
}

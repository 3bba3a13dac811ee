import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Checkbox, Form, TextAreaField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { navigate } from '../../lib/router';
import { browserZone } from '../shifts/words';
import { THEMES, themeName, type Opportunity, type Theme } from './words';

/**
 * Change an opportunity (the job, the idea, its themes, the follow-up day) or remove it, for
 * staff. Changes need a connection (moves and contacts are the writes kept on the phone).
 */
export function ChangeForm({ o, onSaved }: { o: Opportunity; onSaved: (o: Opportunity) => void }) {
  const [title, setTitle] = useState(o.jobTitle);
  const [idea, setIdea] = useState(o.idea);
  const [themes, setThemes] = useState<Theme[]>(o.themes);
  const [followUp, setFollowUp] = useState(o.followUpOn ?? '');
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState(false);

  async function save() {
    setBusy(true);
    try {
      const saved = await api.patch('/api/opportunities/{opportunity_id}', {
        path: { opportunity_id: o.id },
        body: {
          jobTitle: title.trim(),
          idea: idea.trim(),
          themes,
          zone: browserZone(),
          ...(followUp ? { followUpOn: followUp } : { clearFollowUp: o.followUpOn !== null }),
        },
      });
      setTrouble(null);
      onSaved(saved);
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await api.delete('/api/opportunities/{opportunity_id}', { path: { opportunity_id: o.id } });
      navigate(`/clients/${o.clientId}/opportunities`, { replace: true });
    } catch (error) {
      setTrouble(describe(error));
      setBusy(false);
    }
  }

  return (
    <Card id="change" title={t('opportunities.changeTitle')}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      <Form onSubmit={() => void save()} label={t('opportunities.changeTitle')}>
        <TextField id="change-job" label={t('opportunities.jobLabel')} value={title} onValue={setTitle} maxLength={160} error={trouble?.fields.jobTitle} />
        <TextAreaField id="change-idea" label={t('opportunities.ideaLabel')} value={idea} onValue={setIdea} maxLength={1000} dir="auto" error={trouble?.fields.idea} />
        <fieldset class="field">
          <legend class="field__label">{t('opportunities.themesLabel')}</legend>
          {THEMES.map((theme) => (
            <Checkbox
              key={theme}
              id={`change-theme-${theme}`}
              label={themeName(theme)}
              checked={themes.includes(theme)}
              onChecked={(on) => setThemes(on ? [...themes, theme] : themes.filter((x) => x !== theme))}
            />
          ))}
        </fieldset>
        <TextField id="change-followUp" type="date" label={t('opportunities.followUpLabel')} hint={t('opportunities.followUpHint')} value={followUp} onValue={setFollowUp} error={trouble?.fields.followUpOn} />
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('opportunities.saveChange')}
          </Button>
          {removing ? (
            <Button variant="danger" busy={busy} onClick={() => void remove()}>
              {t('opportunities.removeSure')}
            </Button>
          ) : (
            <Button onClick={() => setRemoving(true)}>{t('opportunities.remove')}</Button>
          )}
        </div>
      </Form>
    </Card>
  );
}

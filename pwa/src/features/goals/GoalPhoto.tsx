import { useRef, useState } from 'preact/hooks';
import { api, uploadFile } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Form } from '../../components/Field/Field';
import { Picture } from '../../components/Picture/Picture';
import type { Goal } from '../../data/goals';
import { t } from '../../i18n';
import { describe } from '../../lib/errors';

/** The goal's photo in the size the screen needs (the player's `sizes`, so the file saved for
 * offline use is the one asked for); nothing when the phone cannot load it. */
export function GoalPicture({ goal }: { goal: Goal }) {
  const [broken, setBroken] = useState(false);
  const photo = goal.photo;
  if (!photo || broken) return null;
  return (
    <Picture
      class="goal-photo"
      photo={photo}
      alt={t('goals.photo.alt', { title: goal.title })}
      onBroken={() => setBroken(true)}
    />
  );
}

/** Add, change or remove the goal's optional photo; the server's reason next to the field. */
export function GoalPhotoCard({ goal, onChange }: { goal: Goal; onChange: (goal: Goal) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send() {
    const file = input.current?.files?.[0];
    setError(null);
    if (!file) {
      setError(t('goals.photo.choose'));
      return;
    }
    setBusy(true);
    try {
      onChange(await uploadFile<Goal>(`/api/goals/${goal.id}/photo`, file, file.name));
      if (input.current) input.current.value = '';
    } catch (problem) {
      const trouble = describe(problem);
      setError(trouble.fields.file ?? trouble.title);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api.delete('/api/goals/{goal_id}/photo', { path: { goal_id: goal.id } });
      onChange({ ...goal, photo: null });
    } catch (problem) {
      setError(describe(problem).title);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card id="photo" title={t('goals.photo.title')}>
      <GoalPicture goal={goal} />
      <Form onSubmit={() => void send()}>
        <div class={`field${error ? ' field--error' : ''}`}>
          <label class="field__label" for="goal-photo">
            {t('goals.photo.label')}
          </label>
          <p class="field__hint" id="goal-photo-hint">
            {t('goals.photo.hint')}
          </p>
          {error && (
            <p class="field__error" id="goal-photo-error">
              <span class="visually-hidden">{t('form.errorPrefix')} </span>
              {error}
            </p>
          )}
          <input
            ref={input}
            class="field__input"
            id="goal-photo"
            name="file"
            type="file"
            accept="image/*"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'goal-photo-hint goal-photo-error' : 'goal-photo-hint'}
          />
        </div>
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy}>
            {goal.photo ? t('goals.photo.change') : t('goals.photo.add')}
          </Button>
          {goal.photo && (
            <Button busy={busy} onClick={() => void remove()}>
              {t('goals.photo.remove')}
            </Button>
          )}
        </div>
      </Form>
    </Card>
  );
}

import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { Button } from '../../../components/Button/Button';
import { ConfirmDialog } from '../../../components/Dialog/Dialog';
import { FileField, Form, TextField } from '../../../components/Field/Field';
import { Picture } from '../../../components/Picture/Picture';
import { t } from '../../../i18n';
import { describe } from '../../../lib/errors';
import { putPhoto, putVoice, uploadTrouble, type Step, type TaskDetail } from './coach';
import { VoiceRecorder } from './VoiceRecorder';

/** The server's limit (backend/lib/images.py MAX_BYTES). */
const MAX_PHOTO_BYTES = 25 * 1024 * 1024;

interface StepCardProps {
  taskId: string;
  step: Step;
  number: number;
  count: number;
  onTask: (task: TaskDetail) => void;
  onStep: (step: Step) => void;
  onMove: (step: Step, by: -1 | 1) => void;
  onRemoved: () => void;
}

/** One step in the builder: its photo (camera or gallery), its sentence, its voice prompt,
 * and moving or removing it. Each control is a real form control with its own label. */
export function StepCard({ taskId, step, number, count, onTask, onStep, onMove, onRemoved }: StepCardProps) {
  const [photoTrouble, setPhotoTrouble] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(step.text);
  const [textTrouble, setTextTrouble] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [removing, setRemoving] = useState(false);
  const id = `step-${step.id}`;
  const photoId = `${id}-photo`;

  async function choosePhoto(file: File) {
    setPhotoTrouble(null);
    if (file.size > MAX_PHOTO_BYTES) {
      setPhotoTrouble(t('builder.upload.tooLarge')); // said before a phone sends 25 MB for nothing
      return;
    }
    setUploading(true);
    try {
      onStep(await putPhoto(taskId, step.id, file));
    } catch (error) {
      setPhotoTrouble(uploadTrouble(error));
    } finally {
      setUploading(false);
    }
  }

  async function saveText() {
    setSaving(true);
    setTextTrouble(null);
    try {
      onTask(
        await api.patch('/api/tasks/{task_id}/steps/{step_id}', {
          path: { task_id: taskId, step_id: step.id },
          body: { text: text.trim() },
        }),
      );
      setEditing(false);
    } catch (error) {
      const trouble = describe(error);
      setTextTrouble(trouble.fields.text ?? trouble.title);
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    setRemoving(true);
    try {
      await api.delete('/api/tasks/{task_id}/steps/{step_id}', {
        path: { task_id: taskId, step_id: step.id },
      });
      setConfirm(false);
      onRemoved();
    } catch (error) {
      setTextTrouble(describe(error).title);
      setConfirm(false);
    } finally {
      setRemoving(false);
    }
  }

  return (
    <li class="step-card">
      <section aria-labelledby={`${id}-title`}>
        <h3 class="step-card__title" id={`${id}-title`}>
          {t('builder.stepNumber', { number })}
        </h3>
        {step.photo ? (
          <Picture imgClass="step-card__photo" photo={step.photo} alt={t('builder.photoAlt', { number })} />
        ) : (
          <p class="step-card__no-photo">{t('builder.noPhoto')}</p>
        )}
        <FileField
          id={photoId}
          label={step.photo ? t('builder.photo.change', { number }) : t('builder.photo.label', { number })}
          hint={uploading ? t('builder.photo.sending') : t('builder.photo.hint')}
          error={photoTrouble ?? undefined}
          accept="image/*"
          capture="environment"
          disabled={uploading}
          sendsAtOnce
          onFile={(file) => {
            if (file) void choosePhoto(file);
          }}
        />
        {editing ? (
          <Form onSubmit={() => void saveText()} label={t('builder.editStep', { number })}>
            <TextField
              id={`${id}-text`}
              label={t('builder.sentence')}
              hint={t('builder.sentenceHint')}
              value={text}
              maxLength={140}
              error={textTrouble ?? undefined}
              onValue={setText}
            />
            <div class="actions">
              <Button type="submit" variant="primary" busy={saving}>
                {t('builder.saveSentence')}
              </Button>
              <Button
                onClick={() => {
                  setEditing(false);
                  setText(step.text);
                  setTextTrouble(null);
                }}
              >
                {t('action.cancel')}
              </Button>
            </div>
          </Form>
        ) : (
          <>
            <p class="step-card__text" dir="auto">
              {step.text}
            </p>
            {textTrouble && <p class="field__error">{textTrouble}</p>}
          </>
        )}
        <VoiceRecorder
          id={`voice-${step.id}`}
          label={t('builder.voice.label', { number })}
          voice={step.voice}
          save={async (recording) => onStep(await putVoice(taskId, step.id, recording))}
          remove={async () => {
            await api.delete('/api/tasks/{task_id}/steps/{step_id}/voice', {
              path: { task_id: taskId, step_id: step.id },
            });
            onStep({ ...step, voice: null });
          }}
        />
        <div class="step-card__tools">
          {number > 1 && (
            <Button id={`${id}-up`} onClick={() => onMove(step, -1)}>
              {t('builder.moveUp')}
              <span class="visually-hidden"> {t('builder.stepNumber', { number })}</span>
            </Button>
          )}
          {number < count && (
            <Button id={`${id}-down`} onClick={() => onMove(step, 1)}>
              {t('builder.moveDown')}
              <span class="visually-hidden"> {t('builder.stepNumber', { number })}</span>
            </Button>
          )}
          {!editing && (
            <Button onClick={() => setEditing(true)}>
              {t('builder.edit')}
              <span class="visually-hidden"> {t('builder.stepNumber', { number })}</span>
            </Button>
          )}
          <Button variant="danger" onClick={() => setConfirm(true)}>
            {t('builder.remove')}
            <span class="visually-hidden"> {t('builder.stepNumber', { number })}</span>
          </Button>
        </div>
      </section>
      <ConfirmDialog
        id={`${id}-remove`}
        title={t('builder.removeTitle', { number })}
        open={confirm}
        danger
        busy={removing}
        confirmLabel={t('builder.removeConfirm')}
        onConfirm={() => void remove()}
        onCancel={() => setConfirm(false)}
      >
        <p dir="auto">{step.text}</p>
        <p>{t('builder.removeText')}</p>
      </ConfirmDialog>
    </li>
  );
}

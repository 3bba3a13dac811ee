import { useRef, useState } from 'preact/hooks';
import { ApiError, api, uploadFile } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Choices, FileField, Form, TextArea } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { t } from '../../i18n';
import { describe } from '../../lib/errors';
import { UPDATE_KINDS, type Update, type UpdateKind } from './api';

/** The server's own limit (backend/lib/images.py MAX_BYTES): said before a long upload. */
const MAX_PHOTO_BYTES = 25 * 1024 * 1024;
const MAX_TEXT = 500;

interface Errors {
  text?: string | undefined;
  photo?: string | undefined;
  form?: string | undefined;
}

function photoProblem(file: File): string | undefined {
  if (!file.type.startsWith('image/')) return t('updates.photoNotImage');
  if (file.size > MAX_PHOTO_BYTES) return t('updates.photoTooLarge', { mb: 25 });
  return undefined;
}

/**
 * Write news for the family, with a photo if you like. The coach's news waits for the client to
 * say yes; the client's own goes to the family members who may see news (or waits, see server).
 * If the photo is refused the news is taken back, so nothing half-made waits for the client.
 */
export function UpdateForm({
  clientId,
  mode,
  onCreated,
}: {
  clientId: string;
  mode: 'client' | 'staff';
  onCreated: (update: Update) => void;
}) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<UpdateKind>('updates');
  const [photo, setPhoto] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function submit() {
    setDone(null);
    const found: Errors = {};
    if (!text.trim()) found.text = t('updates.textMissing');
    if (photo) found.photo = photoProblem(photo);
    if (found.text || found.photo) {
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    let created: Update | null = null;
    try {
      created = await api.post('/api/clients/{client_id}/updates', {
        path: { client_id: clientId },
        body: { localId: crypto.randomUUID(), text: text.trim(), kind },
      });
      if (photo) {
        created = await uploadFile<Update>(`/api/updates/${encodeURIComponent(created.id)}/photo`, photo, photo.name);
      }
      onCreated(created);
      setDone(
        created.status === 'pending'
          ? t('updates.sentForApproval')
          : mode === 'client'
            ? t('updates.sharedNow')
            : t('updates.autoShared'),
      );
      setText('');
      setPhoto(null);
      if (fileInput.current) fileInput.current.value = '';
    } catch (error) {
      const trouble = describe(error);
      if (created && photo) {
        // The words were saved, the photo refused: take the words back and say why.
        await api.delete('/api/updates/{update_id}', { path: { update_id: created.id } }).catch(() => undefined);
        setErrors({ photo: trouble.title });
      } else if (error instanceof ApiError && trouble.fields.text) {
        setErrors({ text: trouble.fields.text });
      } else {
        setErrors({ form: trouble.title });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void submit()} label={t('updates.writeTitle')}>
      {errors.form && <Notice kind="error" title={errors.form} />}
      <TextArea
        id="update-text"
        label={t('updates.textLabel')}
        hint={mode === 'client' ? t('updates.textHintClient') : t('updates.textHintStaff')}
        value={text}
        maxLength={MAX_TEXT}
        error={errors.text}
        onValue={setText}
      />
      <Choices
        id="update-kind"
        legend={t('updates.kindLabel')}
        value={kind}
        onValue={setKind}
        choices={UPDATE_KINDS.map((value) => ({ value, label: t(`updates.kind.${value}`) }))}
      />
      <FileField
        id="update-photo"
        label={t('updates.photoLabel')}
        hint={t('updates.photoHint')}
        accept="image/*"
        error={errors.photo}
        inputRef={fileInput}
        onFile={(file) => {
          setPhoto(file);
          setErrors((all) => ({ ...all, photo: file ? photoProblem(file) : undefined }));
        }}
      />
      <Button type="submit" variant="primary" busy={busy}>
        {mode === 'client' ? t('updates.sendClient') : t('updates.sendStaff')}
      </Button>
      <div role="status" class="sharing__message">
        {done && <p>{done}</p>}
      </div>
    </Form>
  );
}

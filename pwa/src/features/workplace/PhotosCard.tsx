/**
 * The analysis' photos of the workplace: those on the server (processed: upright, in clean sizes,
 * without metadata), and those still on this phone (waiting in the outbox, or refused with the
 * reason), shown from the phone's own copy.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, OFFLINE } from '../../api/client';
import { Card } from '../../components/Card/Card';
import { FileField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { Picture } from '../../components/Picture/Picture';
import { useOutbox } from '../../data/outbox';
import { t } from '../../i18n';
import { describe, photoRefusalInWords, type Trouble } from '../../lib/errors';
import { addPhoto, photosOnPhone, type Analysis, type PhotoOnPhone, type Written } from './data';
import { Saved } from './Saved';

/** A photo still on this phone, shown from the phone's own copy until the server has it. */
function PhotoOnPhoneItem({ item }: { item: PhotoOnPhone }) {
  const [url, setUrl] = useState<string | null>(null);
  // One address per waiting photo: each re-read of the outbox gives a new Blob object of the
  // same photo, and a new address each time would make the picture flicker (and interrupt its
  // loading).
  useEffect(() => {
    const made = URL.createObjectURL(item.upload.blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [item.id]);
  const refused = item.state === 'failed';
  return (
    <li class={`workplace-photo workplace-photo--${refused ? 'refused' : 'waiting'}`}>
      <figure>
        {url && <img src={url} alt={item.body.caption || t('workplace.photoAlt')} />}
        <figcaption>
          {item.body.caption && <span dir="auto">{item.body.caption} </span>}
          <span class="workplace-tag">
            {refused
              ? t('workplace.photoRefused', { reason: photoRefusalInWords(item.refusal) })
              : t('workplace.photoWaiting')}
          </span>
        </figcaption>
      </figure>
    </li>
  );
}

export function PhotosCard({ analysis, onShown }: { analysis: Analysis; onShown: (analysis: Analysis | null) => void }) {
  const outbox = useOutbox();
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<Written['state'] | null>(null);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [onPhone, setOnPhone] = useState<PhotoOnPhone[]>([]);
  // The photos seen on the phone, and those whose sending this card reloads for itself.
  const seen = useRef(new Set<string>());
  const reloading = useRef(new Set<string>());

  useEffect(() => {
    let live = true;
    void photosOnPhone(analysis.jobId).then((items) => {
      if (!live) return;
      const now = new Set(items.map((item) => item.id));
      const left = [...seen.current].filter((id) => !now.has(id) && !reloading.current.has(id));
      seen.current = now;
      setOnPhone(items);
      // A photo left the phone (sent by the outbox, here or in the service worker): read the
      // analysis again, with the photo as the server made it (upright, without its metadata).
      if (left.length) onShown(null);
    });
    return () => {
      live = false;
    };
  }, [analysis.jobId, outbox]);

  async function upload(file: File | null) {
    if (!file) return;
    setBusy(true);
    setState(null);
    setTrouble(null);
    try {
      const written = await addPhoto(analysis.jobId, file, caption);
      setCaption('');
      setState(written.state);
      if (written.state === 'sent') {
        reloading.current.add(written.id);
        onShown(written.shown);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status !== OFFLINE && error.status < 500) {
        const reason = photoRefusalInWords({ code: error.code ?? '', title: error.title });
        setTrouble({ title: reason, fields: { file: reason } });
      } else {
        setTrouble(describe(error));
      }
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card id="workplace-photos" title={t('workplace.photos')}>
      {trouble && <Notice kind="error" title={trouble.title} />}
      {(analysis.photos.length > 0 || onPhone.length > 0) && (
        <ul class="workplace-photos" aria-label={t('workplace.photos')}>
          {analysis.photos.map((p) => (
            <li key={p.id} class="workplace-photo">
              <figure>
                <Picture photo={p.photo} alt={p.caption || t('workplace.photoAlt')} />
                {p.caption && <figcaption dir="auto">{p.caption}</figcaption>}
              </figure>
            </li>
          ))}
          {onPhone.map((item) => (
            <PhotoOnPhoneItem key={item.id} item={item} />
          ))}
        </ul>
      )}
      <TextField id="workplace-caption" label={t('workplace.caption')} value={caption} onValue={setCaption} maxLength={200} dir="auto" />
      <FileField
        id="workplace-photo"
        label={t('workplace.photoAdd')}
        hint={t('workplace.photoHint')}
        accept="image/*"
        capture="environment"
        sendsAtOnce
        disabled={busy}
        error={trouble?.fields.file}
        onFile={(file) => void upload(file)}
      />
      <Saved state={state} />
    </Card>
  );
}

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, type Passkey } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { ConfirmDialog } from '../../components/Dialog/Dialog';
import { Form, TextField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { formatDateTime, t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { SignOutCard } from '../auth/SignOutCard';
import { withStepUp } from '../auth/stepup';
import { createPasskey } from '../auth/webauthn';
import './Passkeys.css';

type Message = { kind: 'success' | 'error' | 'info'; text: string };

function RenameForm({ passkey, onDone }: { passkey: Passkey; onDone: (message: Message | null) => void }) {
  const [name, setName] = useState(passkey.name);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => input.current?.focus(), []);

  async function save() {
    if (!name.trim()) {
      setTrouble({ title: t('form.fixErrors'), fields: { name: t('passkeys.error.name') } });
      return;
    }
    setBusy(true);
    try {
      await api.patch('/api/me/passkeys/{passkey_id}', { path: { passkey_id: passkey.id }, body: { name: name.trim() } });
      onDone({ kind: 'success', text: t('passkeys.renamed', { name: name.trim() }) });
    } catch (error) {
      setTrouble(describe(error));
      setBusy(false);
    }
  }

  return (
    <Form onSubmit={() => void save()} label={t('passkeys.renameTitle', { name: passkey.name })}>
      {trouble && !trouble.fields.name && <Notice kind="error" title={trouble.title} />}
      <TextField
        id={`rename-${passkey.id}`}
        label={t('passkeys.newName')}
        value={name}
        onValue={setName}
        maxLength={60}
        hint={t('passkeys.nameHint')}
        inputRef={input}
        error={trouble?.fields.name}
      />
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('passkeys.saveName')}
        </Button>
        <Button onClick={() => onDone(null)}>{t('action.cancel')}</Button>
      </div>
    </Form>
  );
}

const RECENT_DAYS = 7;

/** Passkeys added in the last week, offered for removal next to "Sign out everywhere". */
function recentlyAdded(list: Passkey[]): Passkey[] {
  const since = Date.now() - RECENT_DAYS * 24 * 60 * 60 * 1000;
  return list.filter((passkey) => Date.parse(passkey.createdAt) >= since);
}

/** `/passkeys`: my passkeys, adding one on this device, removing one, and signing out. */
export default function Passkeys() {
  const passkeys = useResource(() => api.get('/api/me/passkeys'));
  const [message, setMessage] = useState<Message | null>(null);
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);

  function askFirst() {
    setMessage({ kind: 'info', text: t('passkeys.reverify') });
  }

  async function add() {
    setAdding(true);
    setMessage(null);
    try {
      // First one of this account's passkeys, if this session has not just confirmed it.
      const options = await withStepUp(() => api.post('/api/me/passkeys/options'), askFirst);
      setMessage(null);
      const credential = await createPasskey(options.publicKey);
      const passkey = await api.post('/api/me/passkeys', {
        // No name: the server names it from its authenticator ("Google Password Manager") or
        // this browser ("Chrome on Android"); the person can rename it below.
        body: { challengeId: options.challengeId, credential },
      });
      setMessage({ kind: 'success', text: t('passkeys.added', { name: passkey.name }) });
      await passkeys.reload();
    } catch (error) {
      setMessage({ kind: 'error', text: describe(error).title });
    } finally {
      setAdding(false);
    }
  }

  async function remove() {
    if (!removing) return;
    setRemoveBusy(true);
    try {
      await withStepUp(
        () => api.delete('/api/me/passkeys/{passkey_id}', { path: { passkey_id: removing.id } }),
        askFirst,
      );
      setMessage({ kind: 'success', text: t('passkeys.removed', { name: removing.name }) });
      await passkeys.reload();
    } catch (error) {
      // 409: the last passkey is never removed; the server says why in plain words.
      setMessage({ kind: 'error', text: describe(error).title });
    } finally {
      setRemoveBusy(false);
      setRemoving(null);
    }
  }

  return (
    <Page title={t('passkeys.title')}>
      <p class="lead">{t('passkeys.intro')}</p>
      {message && <Notice kind={message.kind} title={message.text} />}
      <div class="actions">
        <Button variant="primary" block busy={adding} onClick={() => void add()}>
          {t('passkeys.add')}
        </Button>
      </div>
      {passkeys.data === undefined ? (
        <LoadState loading={passkeys.loading} trouble={passkeys.trouble} />
      ) : (
        <ul class="passkey-list" aria-label={t('passkeys.title')}>
          {passkeys.data.map((passkey) => (
            <li key={passkey.id} class="passkey">
              <h2 class="passkey__name">{passkey.name}</h2>
              <p class="passkey__facts">
                {t('passkeys.created', { time: formatDateTime(passkey.createdAt) })}
                <br />
                {passkey.lastUsedAt
                  ? t('passkeys.lastUsed', { time: formatDateTime(passkey.lastUsedAt) })
                  : t('passkeys.neverUsed')}
              </p>
              {renaming === passkey.id ? (
                <RenameForm
                  passkey={passkey}
                  onDone={(done) => {
                    setRenaming(null);
                    if (done) {
                      setMessage(done);
                      void passkeys.reload();
                    }
                  }}
                />
              ) : (
                <div class="actions">
                  <Button onClick={() => setRenaming(passkey.id)}>
                    {t('passkeys.rename')}
                    <span class="visually-hidden"> {passkey.name}</span>
                  </Button>
                  <Button variant="danger" onClick={() => setRemoving(passkey)}>
                    {t('passkeys.remove')}
                    <span class="visually-hidden"> {passkey.name}</span>
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <SignOutCard recent={recentlyAdded(passkeys.data ?? [])} onRemove={setRemoving} />
      <ConfirmDialog
        id="remove-passkey"
        open={removing !== null}
        title={t('passkeys.removeTitle', { name: removing?.name ?? '' })}
        confirmLabel={t('passkeys.removeConfirm')}
        cancelLabel={t('passkeys.keep')}
        danger
        busy={removeBusy}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      >
        <p>{t('passkeys.removeText')}</p>
      </ConfirmDialog>
    </Page>
  );
}

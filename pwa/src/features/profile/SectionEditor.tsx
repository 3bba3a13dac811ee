import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button/Button';
import { Checkbox, FileField, SelectField, TextAreaField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { Picture } from '../../components/Picture/Picture';
import { formatDateTime, t } from '../../i18n';
import { describe } from '../../lib/errors';
import { uploadTrouble } from '../tasks/coach/coach';
import { VoiceRecorder, type VoiceWords } from '../tasks/coach/VoiceRecorder';
import {
  addPhoto,
  CONDITIONS,
  LEVELS,
  prompt,
  themeLabel,
  putVoiceNote,
  THEMES,
  writeSection,
  type Conditions,
  type Experience,
  type Profile,
  type Section,
  type SectionChange,
  type SectionKey,
  type TemplateText,
} from './data';

type Kept = Section['kept'][number];

const VOICE_NOTE: VoiceWords = {
  none: 'profile.voice.none',
  has: 'profile.voice.has',
  record: 'profile.voice.record',
  recordNew: 'profile.voice.recordNew',
  save: 'profile.voice.save',
  remove: 'profile.voice.remove',
  unsupported: 'profile.voice.unsupported',
  notAllowed: 'profile.voice.notAllowed',
};
type EntryKind = Experience['kind'];
const ENTRY_KINDS: EntryKind[] = ['work', 'school', 'volunteering', 'other'];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What differs between what is on screen and what the phone had: only that is sent. */
function changes(section: Section, draft: Section): SectionChange {
  const change: SectionChange = {};
  if (draft.words !== section.words) change.words = draft.words;
  if (draft.notes !== null && draft.notes !== section.notes) change.notes = draft.notes;
  if (!same(draft.themes, section.themes)) change.themes = draft.themes;
  if (!same(draft.ownThemes, section.ownThemes)) change.ownThemes = draft.ownThemes;
  if (!same(draft.experiences, section.experiences)) change.experiences = draft.experiences;
  const conditions: NonNullable<SectionChange['conditions']> = {};
  for (const name of CONDITIONS) {
    if (draft.conditions[name] !== section.conditions[name]) conditions[name] = draft.conditions[name];
  }
  for (const name of LEVELS) {
    if (draft.conditions[name] !== section.conditions[name]) {
      (conditions as Record<string, string>)[name] = draft.conditions[name] ?? '';
    }
  }
  if (Object.keys(conditions).length) change.conditions = conditions;
  return change;
}

/** Words kept beside newer ones: read both, take one (or keep what is above). */
function KeptWords({ kept, onUse, onKeep }: { kept: Kept[]; onUse: (k: Kept) => void; onKeep: (k: Kept) => void }) {
  if (kept.length === 0) return null;
  return (
    <Notice kind="warning" title={t('profile.kept.title')}>
      <p>{t('profile.kept.intro')}</p>
      <ul class="profile-kept">
        {kept.map((k) => (
          <li key={`${k.field}-${k.at}`}>
            <p>{t('profile.kept.by', { name: k.byName, date: formatDateTime(k.at) })}</p>
            <blockquote dir="auto">{k.value}</blockquote>
            <div class="actions">
              <Button onClick={() => onUse(k)}>{t('profile.kept.use')}</Button>
              <Button onClick={() => onKeep(k)}>{t('profile.kept.keep')}</Button>
            </div>
          </li>
        ))}
      </ul>
    </Notice>
  );
}

function Experiences({ list, onList }: { list: Experience[]; onList: (list: Experience[]) => void }) {
  const [kind, setKind] = useState<EntryKind>('work');
  const [what, setWhat] = useState('');
  const [where, setWhere] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  return (
    <div class="profile-entries">
      {list.length > 0 && (
        <ul class="profile-entries__list">
          {list.map((e, i) => (
            <li key={`${e.what}-${i}`} dir="auto">
              <span>
                {t(`profile.entry.${e.kind}`)}: {e.what}
                {e.where ? `, ${e.where}` : ''}
                {e.fromDate || e.until ? ` (${e.fromDate ?? '…'} – ${e.until ?? '…'})` : ''}
              </span>
              <Button variant="quiet" onClick={() => onList(list.filter((_, j) => j !== i))}>
                {t('profile.entry.remove')}
                <span class="visually-hidden"> {e.what}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <fieldset class="profile-entries__new">
        <legend>{t('profile.entry.add')}</legend>
        <SelectField id="entry-kind" label={t('profile.entry.kind')} value={kind} onValue={(v) => setKind(v as EntryKind)}>
          {ENTRY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`profile.entry.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="entry-what" label={t('profile.entry.what')} value={what} onValue={setWhat} maxLength={200} dir="auto" />
        <TextField id="entry-where" label={t('profile.entry.where')} value={where} onValue={setWhere} maxLength={200} dir="auto" />
        <TextField id="entry-from" type="date" label={t('profile.entry.from')} value={from} onValue={setFrom} />
        <TextField id="entry-until" type="date" label={t('profile.entry.until')} value={until} onValue={setUntil} />
        <Button
          onClick={() => {
            if (!what.trim()) return;
            onList([...list, { kind, what: what.trim(), where: where.trim(), fromDate: from || null, until: until || null }]);
            setWhat('');
            setWhere('');
            setFrom('');
            setUntil('');
          }}
        >
          {t('profile.entry.addButton')}
        </Button>
      </fieldset>
    </div>
  );
}

/**
 * One section of the profile: "in my words" (text, photos, a voice note) and, for staff, the
 * coach's notes beside it. Saving goes through the outbox: on the phone first, sent when there
 * is signal.
 */
export function SectionEditor({
  profile,
  sectionKey,
  words,
  forStaff,
  onProfile,
  reload,
}: {
  profile: Profile;
  sectionKey: SectionKey;
  words: TemplateText;
  forStaff: boolean;
  onProfile: (profile: Profile) => void;
  /** Read the profile again from the server (the new revision, words kept meanwhile). */
  reload: () => Promise<void>;
}) {
  const section = profile.sections.find((s) => s.key === sectionKey);
  const [draft, setDraft] = useState<Section | undefined>(section);
  const [saved, setSaved] = useState<'sent' | 'waiting' | null>(null);
  const [trouble, setTrouble] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [caption, setCaption] = useState('');
  // The server's newer revision (after a save, or words kept meanwhile) replaces the draft.
  useEffect(() => setDraft(section), [section?.revision, section?.kept.length]);
  if (!section || !draft) return null;
  const id = `section-${sectionKey}`;
  const set = (patch: Partial<Section>) => {
    setSaved(null);
    setDraft({ ...draft, ...patch });
  };

  async function send(change: SectionChange) {
    setBusy(true);
    setTrouble(null);
    try {
      const { state, shown } = await writeSection(profile, sectionKey, change);
      if (shown) onProfile(shown);
      if (state === 'sent') await reload();
      setSaved(state);
    } catch (error) {
      setTrouble(describe(error).title);
    } finally {
      setBusy(false);
    }
  }

  function useKept(k: Kept) {
    const value = k.value;
    const change: SectionChange = { resolve: [k.field] };
    if (k.field === 'words') change.words = value;
    else if (k.field === 'notes') change.notes = value;
    else if ((CONDITIONS as readonly string[]).includes(k.field)) {
      change.conditions = { [k.field]: value };
    }
    void send(change);
  }

  async function upload(file: File | null) {
    if (!file) return;
    setBusy(true);
    setTrouble(null);
    try {
      onProfile(await addPhoto(profile.clientId, sectionKey, file, caption));
      setCaption('');
    } catch (error) {
      setTrouble(uploadTrouble(error));
    } finally {
      setBusy(false);
    }
  }

  async function removePhoto(photoId: string) {
    try {
      await api.delete('/api/profile-photos/{photo_id}', { path: { photo_id: photoId } });
      await reload();
    } catch (error) {
      setTrouble(describe(error).title);
    }
  }

  const kept = section.kept.filter((k) => forStaff || k.field !== 'notes');
  return (
    <div class="profile-section" id={id}>
      {saved === 'sent' && <Notice kind="success" title={t('profile.saved')} />}
      {saved === 'waiting' && <Notice title={t('profile.savedOnPhone')} />}
      {trouble && <Notice kind="error" title={trouble} />}
      <KeptWords kept={kept} onUse={useKept} onKeep={(k) => void send({ resolve: [k.field] })} />
      <div class="profile-columns">
        <div class="profile-columns__mine">
          <TextAreaField
            id={`${id}-words`}
            label={t('profile.inMyWords')}
            hint={prompt(words, sectionKey)}
            value={draft.words}
            onValue={(v) => set({ words: v })}
            rows={5}
            maxLength={4000}
            dir="auto"
          />
          {sectionKey === 'likes_and_strengths' && (
            <fieldset class="profile-themes">
              <legend>{t('profile.themes')}</legend>
              {THEMES.map((theme) => (
                <Checkbox
                  key={theme}
                  id={`${id}-theme-${theme}`}
                  label={themeLabel(words, theme)}
                  checked={draft.themes.includes(theme)}
                  onChecked={(on) =>
                    set({ themes: on ? [...draft.themes, theme] : draft.themes.filter((x) => x !== theme) })
                  }
                />
              ))}
              <TextAreaField
                id={`${id}-own-themes`}
                label={t('profile.ownThemes')}
                hint={t('profile.ownThemesHint')}
                value={draft.ownThemes.join('\n')}
                onValue={(v) => set({ ownThemes: v.split('\n').map((x) => x.trim()).filter(Boolean) })}
                rows={3}
                dir="auto"
              />
            </fieldset>
          )}
          {sectionKey === 'done' && (
            <Experiences list={draft.experiences} onList={(experiences) => set({ experiences })} />
          )}
          {sectionKey === 'needs' &&
            CONDITIONS.map((name) => (
              <TextField
                key={name}
                id={`${id}-${name}`}
                label={words.conditions[name] ?? name}
                value={draft.conditions[name] ?? ''}
                onValue={(v) => set({ conditions: { ...draft.conditions, [name]: v } })}
                maxLength={500}
                dir="auto"
              />
            ))}
          {sectionKey === 'needs' && (
            <>
              <SelectField
                id={`${id}-noiseLevel`}
                label={t('profile.level.noiseLevel')}
                value={draft.conditions.noiseLevel ?? ''}
                onValue={(v) => set({ conditions: { ...draft.conditions, noiseLevel: v as Conditions['noiseLevel'] } })}
              >
                <option value="">{t('profile.level.notSaid')}</option>
                {(['quiet', 'moderate', 'loud'] as const).map((level) => (
                  <option key={level} value={level}>
                    {t(`workplace.noise.${level}`)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                id={`${id}-peopleLevel`}
                label={t('profile.level.peopleLevel')}
                value={draft.conditions.peopleLevel ?? ''}
                onValue={(v) => set({ conditions: { ...draft.conditions, peopleLevel: v as Conditions['peopleLevel'] } })}
              >
                <option value="">{t('profile.level.notSaid')}</option>
                {(['alone', 'few', 'many'] as const).map((level) => (
                  <option key={level} value={level}>
                    {t(`workplace.people.${level}`)}
                  </option>
                ))}
              </SelectField>
              <TextField
                id={`${id}-hoursPerWeek`}
                label={t('profile.level.hoursPerWeek')}
                value={draft.conditions.hoursPerWeek ?? ''}
                onValue={(v) => set({ conditions: { ...draft.conditions, hoursPerWeek: v.replace(/[^0-9]/g, '') } })}
                maxLength={2}
              />
              <TextField
                id={`${id}-travelMinutes`}
                label={t('profile.level.travelMinutes')}
                value={draft.conditions.travelMinutes ?? ''}
                onValue={(v) => set({ conditions: { ...draft.conditions, travelMinutes: v.replace(/[^0-9]/g, '') } })}
                maxLength={3}
              />
            </>
          )}
        </div>
        {forStaff && draft.notes !== null && (
          <div class="profile-columns__notes">
            <TextAreaField
              id={`${id}-notes`}
              label={t('profile.notes')}
              hint={t('profile.notesHint')}
              value={draft.notes}
              onValue={(v) => set({ notes: v })}
              rows={5}
              maxLength={4000}
              dir="auto"
            />
          </div>
        )}
      </div>
      <div class="actions">
        <Button
          variant="primary"
          busy={busy}
          onClick={() => {
            const change = changes(section, draft);
            if (Object.keys(change).length) void send(change);
            else setSaved('sent');
          }}
        >
          {t('profile.save')}
        </Button>
      </div>
      <div class="profile-photos">
        {section.photos.map((p) => (
          <figure key={p.id} class="profile-photo">
            <Picture photo={p.photo} alt={p.caption || t('profile.photoAlt')} />
            {p.caption && <figcaption dir="auto">{p.caption}</figcaption>}
            <Button
              variant="quiet"
              onClick={() => void removePhoto(p.id)}
            >
              {t('profile.photoRemove')}
            </Button>
          </figure>
        ))}
        <TextField id={`${id}-caption`} label={t('profile.caption')} value={caption} onValue={setCaption} maxLength={200} dir="auto" />
        <FileField
          id={`${id}-photo`}
          label={t('profile.photoAdd')}
          hint={t('profile.photoHint')}
          accept="image/*"
          capture="environment"
          sendsAtOnce
          disabled={busy}
          onFile={(file) => void upload(file)}
        />
      </div>
      <VoiceRecorder
        id={`${id}-voice`}
        label={t('profile.voice.label')}
        words={VOICE_NOTE}
        voice={section.voice}
        save={async (recording) => onProfile(await putVoiceNote(profile.clientId, sectionKey, recording))}
        remove={async () => {
          await api.delete('/api/clients/{client_id}/profile/sections/{key}/voice', {
            path: { client_id: profile.clientId, key: sectionKey },
          });
          onProfile({
            ...profile,
            sections: profile.sections.map((s) => (s.key === sectionKey ? { ...s, voice: null } : s)),
          });
        }}
      />
    </div>
  );
}

/**
 * The vocational profile on the phone: read through the device (a saved copy shows at once and
 * offline), written through the outbox (a change is saved on the phone first and sent when there
 * is signal, exactly once by its `localId`). Each write names the section's revision the phone
 * last saw; the server merges field by field and keeps both texts when someone else changed the
 * same words meanwhile (`backend/profiles/merge.py`).
 */
import { api, uploadFile, type Schemas } from '../../api/client';
import { load, save } from '../../data/db';
import { enqueue, sentSoon, waitingWrites } from '../../data/outbox';
import { useStored, type Stored } from '../../data/store';

export type Profile = Schemas['Profile'];
export type Section = Schemas['ProfileSection'];
export type SectionKey = Section['key'];
export type Template = Schemas['ProfileTemplate'];
export type TemplateText = Schemas['TemplateText'];
export type Version = Schemas['ProfileVersion'];
export type Theme = Section['themes'][number];
export type Experience = Schemas['Experience'];
export type Conditions = Schemas['Conditions'];
export type SectionChange = Omit<Schemas['SectionWrite'], 'localId' | 'baseRevision'>;
export type ChoicesChange = Omit<Schemas['ChoicesWrite'], 'localId' | 'baseRevision'>;

export const SECTION_KEYS: SectionKey[] = [
  'who_i_am',
  'likes_and_strengths',
  'done',
  'how_i_learn',
  'needs',
  'not_want',
  'bring',
];
export const THEMES: Theme[] = [
  'people',
  'animals',
  'food',
  'outdoors',
  'computers',
  'making_fixing',
  'order',
  'shops',
  'care',
  'creative',
  'transport',
  'office',
];
export const CONDITIONS = ['hours', 'place', 'people', 'noise', 'travel', 'adjustments'] as const;
/** The same needs in levels the job analysis compares a job with ("" not said). */
export const LEVELS = ['noiseLevel', 'peopleLevel', 'hoursPerWeek', 'travelMinutes'] as const;

const key = (clientId: string) => `profile:${clientId}`;

async function fetchProfile(clientId: string): Promise<Profile> {
  const fresh = await api.get('/api/clients/{client_id}/profile', { path: { client_id: clientId } });
  return withWaiting(fresh, clientId);
}

/** The profile with the changes still waiting on this phone shown in it. */
async function withWaiting(profile: Profile, clientId: string): Promise<Profile> {
  let shown = profile;
  for (const item of await waitingWrites('profileSection')) {
    if (item.kind !== 'profileSection' || item.clientId !== clientId) continue;
    const sectionKey = item.path.split('/').pop() as SectionKey;
    shown = applySection(shown, sectionKey, item.body);
  }
  for (const item of await waitingWrites('profileChoices')) {
    if (item.kind !== 'profileChoices' || item.clientId !== clientId) continue;
    shown = applyChoices(shown, item.body);
  }
  return shown;
}

function applySection(profile: Profile, sectionKey: SectionKey, change: SectionChange): Profile {
  const sections = profile.sections.map((section) => {
    if (section.key !== sectionKey) return section;
    const conditions = { ...section.conditions };
    for (const name of CONDITIONS) {
      const value = change.conditions?.[name];
      if (value !== undefined && value !== null) conditions[name] = value;
    }
    for (const name of LEVELS) {
      const value = change.conditions?.[name];
      if (value !== undefined && value !== null) (conditions as Record<string, string>)[name] = value;
    }
    return {
      ...section,
      words: change.words ?? section.words,
      notes: section.notes === null ? null : (change.notes ?? section.notes),
      themes: change.themes ?? section.themes,
      ownThemes: change.ownThemes ?? section.ownThemes,
      experiences: change.experiences ?? section.experiences,
      conditions,
      kept: section.kept.filter((k) => !(change.resolve ?? []).includes(k.field)),
    };
  });
  return { ...profile, sections, draftChanged: true };
}

function applyChoices(profile: Profile, change: ChoicesChange): Profile {
  const choices = { ...profile.choices };
  if (change.disclosure) choices.disclosure = change.disclosure;
  if (change.disclosureWords !== undefined && change.disclosureWords !== null) {
    choices.disclosureWords = change.disclosureWords;
  }
  if (change.mentorMayRead !== undefined && change.mentorMayRead !== null) {
    choices.mentorMayRead = change.mentorMayRead;
  }
  if (change.benefitsOffered !== undefined && change.benefitsOffered !== null) {
    choices.benefitsOffered = change.benefitsOffered;
    choices.benefitsOfferedOn = change.benefitsOfferedOn ?? null;
  }
  return { ...profile, choices, draftChanged: true };
}

export function useProfile(clientId: string): Stored<Profile> {
  return useStored(key(clientId), () => fetchProfile(clientId), [clientId]);
}

export function useTemplate(version: number | undefined): Stored<Template> {
  return useStored(
    `profile-template:${version ?? 0}`,
    () => api.get('/api/profile-templates/{version}', { path: { version: version ?? 1 } }),
    [version],
  );
}

async function keepShown(clientId: string, change: (profile: Profile) => Profile): Promise<Profile | null> {
  const saved = await load<Profile>(key(clientId));
  if (!saved) return null;
  const shown = change(saved.value);
  await save(key(clientId), shown);
  return shown;
}

/**
 * Save a change to one section on the phone, shown at once, and send it: 'sent' when the server
 * has it within a few seconds, 'waiting' when it is kept to be sent when there is signal.
 */
export async function writeSection(
  profile: Profile,
  sectionKey: SectionKey,
  change: SectionChange,
): Promise<{ state: 'sent' | 'waiting'; shown: Profile | null }> {
  const section = profile.sections.find((s) => s.key === sectionKey);
  const localId = crypto.randomUUID();
  await enqueue({
    kind: 'profileSection',
    path: `/api/clients/${profile.clientId}/profile/sections/${sectionKey}`,
    clientId: profile.clientId,
    body: { localId, baseRevision: section?.revision ?? 0, ...change },
  });
  const shown = await keepShown(profile.clientId, (p) => applySection(p, sectionKey, change));
  return { state: (await sentSoon(localId)) ? 'sent' : 'waiting', shown };
}

export async function writeChoices(
  profile: Profile,
  change: ChoicesChange,
): Promise<{ state: 'sent' | 'waiting'; shown: Profile | null }> {
  const localId = crypto.randomUUID();
  await enqueue({
    kind: 'profileChoices',
    path: `/api/clients/${profile.clientId}/profile/choices`,
    clientId: profile.clientId,
    body: { localId, baseRevision: profile.choices.revision, ...change },
  });
  const shown = await keepShown(profile.clientId, (p) => applyChoices(p, change));
  return { state: (await sentSoon(localId)) ? 'sent' : 'waiting', shown };
}

/** A photo for a section (needs a connection: photos are not kept in the outbox). */
export function addPhoto(clientId: string, sectionKey: SectionKey, file: File, caption: string): Promise<Profile> {
  const query = caption.trim() ? `?caption=${encodeURIComponent(caption.trim())}` : '';
  return uploadFile<Profile>(
    `/api/clients/${clientId}/profile/sections/${sectionKey}/photos${query}`,
    file,
    file.name || 'photo.jpg',
    'POST',
  );
}

export async function putVoiceNote(clientId: string, sectionKey: SectionKey, recording: Blob): Promise<Profile> {
  const name = recording.type.includes('mp4') ? 'note.m4a' : 'note.webm';
  return uploadFile<Profile>(`/api/clients/${clientId}/profile/sections/${sectionKey}/voice`, recording, name);
}

/** A section's heading and question in the template's words (the key itself if one is missing). */
export function heading(words: TemplateText, key: SectionKey): string {
  return words.sections[key]?.heading ?? key;
}

export function prompt(words: TemplateText, key: SectionKey): string {
  return words.sections[key]?.prompt ?? '';
}

export function themeLabel(words: TemplateText, theme: Theme): string {
  return words.themes[theme] ?? theme;
}

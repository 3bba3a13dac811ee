import { useEffect, useState } from 'preact/hooks';
import { Button } from '../../components/Button/Button';
import { Checkbox, Choices, TextAreaField, TextField } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { formatDate, t } from '../../i18n';
import { describe } from '../../lib/errors';
import { writeChoices, type ChoicesChange, type Profile } from './data';

type Disclosure = NonNullable<Profile['choices']['disclosure']>;
const DISCLOSURES: Disclosure[] = ['nothing', 'adjustments', 'more'];

/**
 * The two choices made before any employer is contacted: what the client wants employers to
 * know about their disability (in their words), and whether a benefits check was offered (staff
 * record it, with the day). The client also chooses whether their mentors read the approved
 * profile.
 */
export function ChoicesEditor({
  profile,
  forStaff,
  isClient,
  onProfile,
  reload,
}: {
  profile: Profile;
  forStaff: boolean;
  isClient: boolean;
  onProfile: (profile: Profile) => void;
  reload: () => Promise<void>;
}) {
  const choices = profile.choices;
  const [disclosure, setDisclosure] = useState<Disclosure | ''>(choices.disclosure ?? '');
  const [words, setWords] = useState(choices.disclosureWords);
  const [offered, setOffered] = useState(choices.benefitsOffered ?? false);
  const [offeredOn, setOfferedOn] = useState(choices.benefitsOfferedOn ?? '');
  const [mentors, setMentors] = useState(choices.mentorMayRead);
  const [saved, setSaved] = useState<'sent' | 'waiting' | null>(null);
  const [trouble, setTrouble] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The server's newer choices (after a save, or another phone's) replace what is on screen.
  useEffect(() => {
    setDisclosure(choices.disclosure ?? '');
    setWords(choices.disclosureWords);
    setOffered(choices.benefitsOffered ?? false);
    setOfferedOn(choices.benefitsOfferedOn ?? '');
    setMentors(choices.mentorMayRead);
  }, [choices.revision]);

  async function save() {
    const change: ChoicesChange = {};
    if (disclosure && disclosure !== choices.disclosure) change.disclosure = disclosure;
    if (words !== choices.disclosureWords) change.disclosureWords = words;
    if (forStaff && (offered !== (choices.benefitsOffered ?? false) || offeredOn !== (choices.benefitsOfferedOn ?? ''))) {
      change.benefitsOffered = offered;
      if (offered) change.benefitsOfferedOn = offeredOn || null;
    }
    if (isClient && mentors !== choices.mentorMayRead) change.mentorMayRead = mentors;
    if (Object.keys(change).length === 0) {
      setSaved('sent');
      return;
    }
    if (change.benefitsOffered && !change.benefitsOfferedOn) {
      setTrouble(t('profile.benefits.dayMissing'));
      return;
    }
    setBusy(true);
    setTrouble(null);
    try {
      const { state, shown } = await writeChoices(profile, change);
      if (shown) onProfile(shown);
      if (state === 'sent') await reload();
      setSaved(state);
    } catch (error) {
      setTrouble(describe(error).title);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="profile-choices">
      {saved === 'sent' && <Notice kind="success" title={t('profile.saved')} />}
      {saved === 'waiting' && <Notice title={t('profile.savedOnPhone')} />}
      {trouble && <Notice kind="error" title={trouble} />}
      {choices.kept.map((k) => (
        <Notice key={`${k.field}-${k.at}`} kind="warning" title={t('profile.kept.title')}>
          <p>{t('profile.kept.by', { name: k.byName, date: k.at })}</p>
          <blockquote dir="auto">{k.value}</blockquote>
        </Notice>
      ))}
      <Choices
        id="disclosure"
        legend={t('profile.disclosure.legend')}
        hint={t('profile.disclosure.hint')}
        value={disclosure}
        choices={DISCLOSURES.map((value) => ({
          value,
          label: t(`profile.disclosure.${value}`),
          hint: t(`profile.disclosure.${value}Hint`),
        }))}
        onValue={(v) => {
          setSaved(null);
          setDisclosure(v);
        }}
      />
      <TextAreaField
        id="disclosure-words"
        label={t('profile.disclosure.words')}
        hint={t('profile.disclosure.wordsHint')}
        value={words}
        onValue={(v) => {
          setSaved(null);
          setWords(v);
        }}
        rows={3}
        maxLength={4000}
        dir="auto"
      />
      {forStaff ? (
        <fieldset class="profile-benefits">
          <legend>{t('profile.benefits.legend')}</legend>
          <Checkbox
            id="benefits-offered"
            label={t('profile.benefits.offered')}
            hint={t('profile.benefits.hint')}
            checked={offered}
            onChecked={(on) => {
              setSaved(null);
              setOffered(on);
            }}
          />
          {offered && (
            <TextField id="benefits-on" type="date" label={t('profile.benefits.on')} value={offeredOn} onValue={setOfferedOn} />
          )}
        </fieldset>
      ) : (
        <p>
          {choices.benefitsOffered && choices.benefitsOfferedOn
            ? t('profile.benefits.offeredOn', {
                date: formatDate(choices.benefitsOfferedOn),
                name: choices.benefitsOfferedByName ?? '',
              })
            : t('profile.benefits.notYet')}
        </p>
      )}
      {forStaff && choices.benefitsOffered && choices.benefitsOfferedOn && (
        <p>
          {t('profile.benefits.offeredOn', {
            date: formatDate(choices.benefitsOfferedOn),
            name: choices.benefitsOfferedByName ?? '',
          })}
        </p>
      )}
      {isClient ? (
        <Checkbox
          id="mentor-may-read"
          label={t('profile.mentors.allow')}
          hint={t('profile.mentors.hint')}
          checked={mentors}
          onChecked={(on) => {
            setSaved(null);
            setMentors(on);
          }}
        />
      ) : (
        <p>{t(choices.mentorMayRead ? 'profile.mentors.allowed' : 'profile.mentors.notAllowed')}</p>
      )}
      <div class="actions">
        <Button variant="primary" busy={busy} onClick={() => void save()}>
          {t('profile.choices.save')}
        </Button>
      </div>
    </div>
  );
}

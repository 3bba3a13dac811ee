import { useRef, useState } from 'preact/hooks';
import { api, type Preferences } from '../../api/client';
import { LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { Checkbox, Choices } from '../../components/Field/Field';
import { Notice } from '../../components/Notice/Notice';
import { Page } from '../../components/Page/Page';
import { LOCALE_NAMES, LOCALES, t, type Locale } from '../../i18n';
import { describe } from '../../lib/errors';
import { useMe, useSession } from '../../session';
import { applyPreferences } from './apply';

const SIZES = ['100', '125', '150', '175', '200'] as const;
type Size = (typeof SIZES)[number];

/**
 * `/settings`: language, text size, contrast and motion. Every change shows at once and is
 * saved on the account, so it follows the person to their other devices.
 */
export default function Settings() {
  const me = useMe();
  const { setMe, locale, changeLocale } = useSession();
  const [status, setStatus] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  // The choices not yet saved. Each save sends every preference, so one made before the
  // previous save answered must start from that choice, not from the account as last read:
  // otherwise a quick second change (contrast, then text size) sends the first one back.
  const [choosing, setChoosing] = useState<Preferences | null>(null);
  const latest = useRef<Preferences | null>(null);
  const saving = useRef<Promise<void>>(Promise.resolve());

  function save(changes: Partial<Preferences>) {
    const next: Preferences = { ...(latest.current ?? me.preferences), ...changes };
    latest.current = next;
    setChoosing(next);
    applyPreferences(next);
    // One save at a time, in order; a choice overtaken by a newer one is not sent at all.
    saving.current = saving.current.then(async () => {
      if (latest.current !== next) return;
      try {
        const saved = await api.patch('/api/me', { body: { preferences: next } });
        if (latest.current !== next) return;
        await setMe(saved);
        latest.current = null;
        setChoosing(null);
        setStatus({ kind: 'success', text: t('settings.saved') });
      } catch (error) {
        if (latest.current === next) {
          latest.current = null;
          setChoosing(null);
          applyPreferences(me.preferences);
        }
        setStatus({ kind: 'error', text: describe(error).title });
      }
    });
  }

  async function language(next: Locale) {
    await changeLocale(next);
    setStatus({ kind: 'success', text: t('settings.saved') });
  }

  const prefs = choosing ?? me.preferences;
  const size = String(prefs.textSize) as Size;
  return (
    <Page title={t('settings.title')}>
      <p class="lead">{t('settings.intro')}</p>
      <div role="status" class="settings-status">
        {status && <Notice kind={status.kind} title={status.text} live={false} />}
      </div>
      <Card id="language" title={t('settings.language')}>
        <Choices
          id="locale"
          legend={t('settings.languageLegend')}
          value={locale}
          onValue={(value) => void language(value)}
          choices={LOCALES.map((code) => ({ value: code, label: LOCALE_NAMES[code], lang: code }))}
        />
      </Card>
      {me.role !== 'family' && (
        <Card id="reminders" title={t('reminders.settingsTitle')}>
          <p>{t('reminders.settingsText')}</p>
          <LinkButton href="/reminders" variant="primary">
            {t('reminders.open')}
          </LinkButton>
        </Card>
      )}
      <Card id="privacy-notice" title={t('notice.screenTitle')}>
        <p>{t('notice.cardText')}</p>
        <LinkButton href="/privacy-notice">{t('notice.open')}</LinkButton>
      </Card>
      <Card id="reading" title={t('settings.reading')}>
        <Choices
          id="textSize"
          legend={t('settings.textSize')}
          value={SIZES.includes(size) ? size : '100'}
          onValue={(value) => save({ textSize: Number(value) })}
          choices={SIZES.map((value) => ({ value, label: t(`settings.size.${value}`) }))}
        />
        <Checkbox
          id="contrast"
          label={t('settings.contrast')}
          hint={t('settings.contrastHint')}
          checked={prefs.contrast === 'more'}
          onChecked={(checked) => save({ contrast: checked ? 'more' : 'standard' })}
        />
        <Checkbox
          id="reduceMotion"
          label={t('settings.motion')}
          hint={t('settings.motionHint')}
          checked={prefs.reduceMotion === true}
          onChecked={(checked) => save({ reduceMotion: checked })}
        />
        <Checkbox
          id="readAloud"
          label={t('settings.readAloud')}
          hint={t('settings.readAloudHint')}
          checked={prefs.readAloud !== false}
          onChecked={(checked) => save({ readAloud: checked })}
        />
      </Card>
    </Page>
  );
}

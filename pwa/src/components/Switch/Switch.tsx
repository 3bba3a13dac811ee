import { t } from '../../i18n';
import './Switch.css';

interface SwitchProps {
  id: string;
  label: string;
  /** What turning it on means, in plain words: read with the switch (aria-describedby). */
  text?: string;
  /** The language of label and text when they come from elsewhere (the server's wording). */
  lang?: string;
  checked: boolean;
  busy?: boolean;
  onChecked: (checked: boolean) => void;
}

/**
 * An on/off choice that takes effect at once: a native checkbox with role=switch (WAI-ARIA 1.2
 * "switch"), the whole row its target, and its state in words as well as in shape ("On"/"Off",
 * never colour alone, WCAG 1.4.1).
 */
export function Switch({ id, label, text, lang, checked, busy = false, onChecked }: SwitchProps) {
  return (
    <label class={`switch${checked ? ' switch--on' : ''}`} for={id}>
      <input
        class="switch__input"
        type="checkbox"
        role="switch"
        id={id}
        checked={checked}
        aria-labelledby={`${id}-label`}
        aria-describedby={text ? `${id}-text` : undefined}
        aria-busy={busy ? 'true' : undefined}
        onChange={(event) => {
          if (busy) {
            event.currentTarget.checked = checked;
            return;
          }
          onChecked(event.currentTarget.checked);
        }}
      />
      <span class="switch__track" aria-hidden="true">
        <span class="switch__thumb" />
      </span>
      <span class="switch__body">
        <span class="switch__label" id={`${id}-label`} lang={lang} dir={lang ? 'auto' : undefined}>
          {label}
        </span>
        <span class="switch__state" aria-hidden="true">
          {checked ? t('sharing.on') : t('sharing.off')}
        </span>
        {text && (
          <span class="switch__text" id={`${id}-text`} lang={lang} dir={lang ? 'auto' : undefined}>
            {text}
          </span>
        )}
      </span>
    </label>
  );
}

/**
 * Form fields: a visible <label>, an optional hint, and the server's reason next to the field
 * (WCAG 2.2 SC 3.3.1 and 3.3.3), tied to the control with aria-describedby.
 */
import type { ComponentChildren, JSX } from 'preact';
import { t } from '../../i18n';
import './Field.css';

interface Described {
  id: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** Announce the error when it appears (role=alert): for a field that answers by itself,
   * with no form submitted (a file input sends on choosing). */
  liveError?: boolean;
}

function describedBy({ id, hint, error }: Described): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function HintAndError({ id, hint, error, liveError }: Described) {
  return (
    <>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`} role={liveError ? 'alert' : undefined}>
          <span class="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      )}
    </>
  );
}

/** The frame every single-control field shares: the box, its label, hint and error. */
function Labelled(props: Described & { label: string; children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' field--error' : ''}`}>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <HintAndError {...props} />
      {props.children}
    </div>
  );
}

interface TextFieldProps extends Described {
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'url' | 'email' | 'time' | 'date';
  autoComplete?: string;
  required?: boolean;
  maxLength?: number;
  inputRef?: preact.Ref<HTMLInputElement>;
  /** The language of the text typed in, when it is not the page's (WCAG 3.1.2). */
  lang?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
}

export function TextField(props: TextFieldProps) {
  const { id, value, onValue, type = 'text', autoComplete, required, maxLength } = props;
  return (
    <Labelled {...props}>
      <input
        ref={props.inputRef}
        class="field__input"
        id={id}
        name={id}
        type={type}
        value={value}
        required={required}
        maxLength={maxLength}
        lang={props.lang}
        dir={props.dir}
        autoComplete={autoComplete ?? 'off'}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </Labelled>
  );
}

interface TextAreaFieldProps extends Described {
  label: string;
  value: string;
  onValue: (value: string) => void;
  rows?: number;
  maxLength?: number;
  /** "auto" for text people write, which may be in another language than the screen. */
  dir?: 'auto';
  onBlur?: () => void;
}

/** Several lines of free text (an answer, a comment), with its label, hint and error. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { id, value, onValue, rows = 4, maxLength, dir, onBlur } = props;
  return (
    <Labelled {...props}>
      <textarea
        class="field__input field__textarea"
        id={id}
        name={id}
        rows={rows}
        value={value}
        maxLength={maxLength}
        dir={dir}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        onInput={(event) => onValue(event.currentTarget.value)}
        onBlur={onBlur}
      />
    </Labelled>
  );
}

interface SelectFieldProps extends Described {
  label: string;
  value: string;
  onValue: (value: string) => void;
  children: ComponentChildren;
  required?: boolean;
}

export function SelectField(props: SelectFieldProps) {
  const { id, value, onValue, children, required } = props;
  return (
    <Labelled {...props}>
      <select
        class="field__input field__select"
        id={id}
        name={id}
        value={value}
        required={required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        onChange={(event) => onValue(event.currentTarget.value)}
      >
        {children}
      </select>
    </Labelled>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
  hint?: string;
  lang?: string;
}

interface ChoicesProps<V extends string> extends Described {
  legend: string;
  name?: string;
  value: V;
  choices: Choice<V>[];
  onValue: (value: V) => void;
}

/** Radio buttons in a <fieldset>: every choice visible at once, with its consequence. */
export function Choices<V extends string>(props: ChoicesProps<V>) {
  const { id, legend, value, choices, onValue } = props;
  return (
    <fieldset
      class={`field choices${props.error ? ' field--error' : ''}`}
      aria-describedby={describedBy(props)}
    >
      <legend class="field__label">{legend}</legend>
      <HintAndError {...props} />
      {choices.map((choice) => {
        // The whole row is the target; the name is the label alone, the hint its description.
        const base = `${id}-${choice.value}`;
        return (
          <label class="choice" key={choice.value} lang={choice.lang}>
            <input
              class="choice__input"
              type="radio"
              name={props.name ?? id}
              value={choice.value}
              checked={choice.value === value}
              aria-labelledby={`${base}-label`}
              aria-describedby={choice.hint ? `${base}-hint` : undefined}
              onChange={() => onValue(choice.value)}
            />
            <span class="choice__text">
              <span id={`${base}-label`}>{choice.label}</span>
              {choice.hint && (
                <span class="choice__hint" id={`${base}-hint`}>
                  {choice.hint}
                </span>
              )}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

interface CheckboxProps {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  /** Why the choice does not fit, said next to it (WCAG 2.2 SC 3.3.1). */
  error?: string | undefined;
}

export function Checkbox({ id, label, hint, checked, onChecked, error }: CheckboxProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      {error && (
        <p class="field__error" id={`${id}-error`}>
          <span class="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      )}
      <label class="choice" for={id}>
        <input
          class="choice__input"
          type="checkbox"
          id={id}
          checked={checked}
          aria-labelledby={`${id}-label`}
          aria-describedby={described || undefined}
          aria-invalid={error ? 'true' : undefined}
          onChange={(event) => onChecked(event.currentTarget.checked)}
        />
        <span class="choice__text">
          <span id={`${id}-label`}>{label}</span>
          {hint && (
            <span class="choice__hint" id={`${id}-hint`}>
              {hint}
            </span>
          )}
        </span>
      </label>
    </div>
  );
}

/** A <form> that never reloads the page and shows the browser's own validation last. */
export function Form({
  onSubmit,
  children,
  label,
}: {
  onSubmit: () => void;
  children: ComponentChildren;
  label?: string;
}) {
  const handle = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form class="form" noValidate onSubmit={handle} aria-label={label}>
      {children}
    </form>
  );
}

/** A labelled control with its hint and error, as every field here has them. */
function Framed(props: Described & { label: string; children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' field--error' : ''}`}>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <HintAndError {...props} />
      {props.children}
    </div>
  );
}

/** The attributes that tie a control to its hint and error (WCAG 3.3.1). */
function tied(props: Described) {
  return {
    id: props.id,
    name: props.id,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(props),
  };
}

interface TextAreaProps extends Described {
  label: string;
  value: string;
  onValue: (value: string) => void;
  maxLength?: number;
  rows?: number;
}

/** Several lines of words (news for the family, a note). */
export function TextArea(props: TextAreaProps) {
  const { value, onValue, maxLength, rows = 4 } = props;
  return (
    <Framed {...props}>
      <textarea
        class="field__input field__textarea"
        {...tied(props)}
        rows={rows}
        value={value}
        maxLength={maxLength}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </Framed>
  );
}

interface FileFieldProps extends Described {
  label: string;
  /** `image/*` for photos. */
  accept: string;
  /** `environment`: phones open the back camera at once (HTML Media Capture). */
  capture?: 'environment' | 'user';
  disabled?: boolean;
  /** The file chosen (null: the choice was cleared). */
  onFile: (file: File | null) => void;
  /** Empty the input after each choice, so the same file again is a new choice (the file was
   * sent at once); otherwise the input keeps it until its form is sent. */
  sendsAtOnce?: boolean;
  inputRef?: preact.Ref<HTMLInputElement>;
}

/** A native file input (on a phone it offers the camera too), its reason next to it. */
export function FileField(props: FileFieldProps) {
  return (
    <Framed {...props}>
      <input
        ref={props.inputRef}
        class="field__input field__file"
        {...tied(props)}
        type="file"
        accept={props.accept}
        capture={props.capture}
        disabled={props.disabled}
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0] ?? null;
          if (props.sendsAtOnce) input.value = '';
          props.onFile(file);
        }}
      />
    </Framed>
  );
}

/**
 * A small translation layer: `t(key, params)` with `{name}` placeholders and plural forms
 * chosen by `Intl.PluralRules` (CLDR categories: zero, one, two, few, many, other).
 *
 * English is bundled (and is the fallback for a missing key); Polish, Finnish and Hebrew are
 * loaded on demand so the sign-in page stays small. The English words of the screens only a
 * signed-in person opens come apart (`loadMore`, vite.config.ts), once someone is signed in.
 */
import en from './en.json';

export type Key = keyof typeof en;
type Entry = string | Partial<Record<Intl.LDMLPluralRule, string>>;
type Catalogue = Partial<Record<Key, Entry>>;
export type Params = Record<string, string | number>;

export const LOCALES = ['en', 'pl', 'fi', 'he'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, so a person finds their own. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  pl: 'Polski',
  fi: 'Suomi',
  he: 'עברית',
};

const RTL = new Set<Locale>(['he']);

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Catalogue }>> = {
  pl: () => import('./pl.json'),
  fi: () => import('./fi.json'),
  he: () => import('./he.json'),
};

let more: Catalogue = {};
let moreLoaded: Promise<void> | null = null;

/** The English words of the signed-in screens (the fallback of every language): loaded once,
 * before the first signed-in screen shows. */
export function loadMore(): Promise<void> {
  moreLoaded ??= import('virtual:en-more').then((loaded: { default: Catalogue }) => {
    more = loaded.default;
  });
  return moreLoaded;
}

export function moreIsLoaded(): boolean {
  return Object.keys(more).length > 0;
}

let locale: Locale = 'en';
let catalogue: Catalogue = en;
let plurals = new Intl.PluralRules('en');

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The browser's preferred language among ours (navigator.languages, then English). */
export function browserLocale(): Locale {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    // "iw" is the old ISO 639 code for Hebrew that some systems still report.
    const code = base === 'iw' ? 'he' : base;
    if (isLocale(code)) return code;
  }
  return 'en';
}

export function currentLocale(): Locale {
  return locale;
}

export function isRtl(value: Locale = locale): boolean {
  return RTL.has(value);
}

/** Load a catalogue and set `lang` and `dir` on <html>, so the whole page mirrors. */
export async function setLocale(next: Locale): Promise<void> {
  catalogue = next === 'en' ? en : (await loaders[next]()).default;
  locale = next;
  plurals = new Intl.PluralRules(next);
  const html = document.documentElement;
  html.lang = next;
  html.dir = isRtl(next) ? 'rtl' : 'ltr';
}

function pick(entry: Entry, params: Params | undefined): string {
  if (typeof entry === 'string') return entry;
  const count = Number(params?.count ?? 0);
  return entry[plurals.select(count)] ?? entry.other ?? '';
}

export function t(key: Key, params?: Params): string {
  const entry = catalogue[key] ?? (en as Catalogue)[key] ?? more[key] ?? key;
  const text = pick(entry, params);
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * The locale every date, time and list on screen is written in: the app's language with the
 * browser's region when they agree ("en-GB" writes 5 Dec 2026 and 08:00, "en-US" Dec 5, 2026 and
 * 8:00 AM), so each screen writes dates one way, the way the person is used to.
 */
export function intlLocale(): string {
  const tags = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  const matches = (tag: string | undefined) => {
    const base = tag?.toLowerCase().split('-')[0];
    return (base === 'iw' ? 'he' : base) === locale; // "iw": Hebrew's old code (browserLocale)
  };
  return tags.find(matches) ?? locale;
}

/** A date and time in the current language, e.g. for "works until". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium' }).format(new Date(iso));
}

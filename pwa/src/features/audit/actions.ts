import { t, type Key } from '../../i18n';
import catalogue from '../../i18n/en.json';

const PREFIX = 'audit.action.';

/** An audit action in words ("Consent given"), or the code made readable when it has none. */
export function actionName(action: string): string {
  const key = `audit.action.${action}`;
  return key in catalogue ? t(key as Key) : action.replace(/_/g, ' ');
}

/** Every kind of entry the log holds (a unit test keeps the catalogue complete), by name. */
export function actionKinds(): string[] {
  return Object.keys(catalogue)
    .filter((key) => key.startsWith(PREFIX))
    .map((key) => key.slice(PREFIX.length))
    .sort((a, b) => actionName(a).localeCompare(actionName(b)));
}

import { t, type Key } from '../../i18n';
import catalogue from '../../i18n/en.json';

/** An audit action in words ("Consent given"), or the code made readable when it has none. */
export function actionName(action: string): string {
  const key = `audit.action.${action}`;
  return key in catalogue ? t(key as Key) : action.replace(/_/g, ' ');
}

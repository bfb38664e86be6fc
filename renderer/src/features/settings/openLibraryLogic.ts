import { t, tn } from '../../i18n';

/** "Ana, Ben and 3 others will be signed out": names in full up to three, so a long team still reads in a line. */
export function signedOutText(names: readonly string[]): string {
  if (names.length === 1) return t('settings.signedOutOne', { name: names[0]! });
  if (names.length <= 3) return t('settings.signedOutFew', { names: names.slice(0, -1).join(', '), last: names[names.length - 1]! });
  return tn('settings.signedOutMany', names.length - 2, { names: names.slice(0, 2).join(', ') });
}

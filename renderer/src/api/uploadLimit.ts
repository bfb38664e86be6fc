import type { ImportFailure } from '../../../electron/model/job';
import { getLocale, t } from '../i18n';
import { formatBytes } from '../i18n/format';

/**
 * Browser mode refuses files over the host's per-file limit (app.info's maxUploadBytes) before uploading any
 * byte of them; the host refuses them too (413), this only spares the wait. Pure: tested in uploadLimit.test.ts.
 */
export function splitByUploadLimit<T extends { file: { name: string; size: number }; relativePath: string }>(
  items: readonly T[],
  maxBytes: number,
): { fit: T[]; refused: ImportFailure[] } {
  const fit: T[] = [];
  const refused: ImportFailure[] = [];
  for (const item of items) {
    if (item.file.size <= maxBytes) fit.push(item);
    else {
      const locale = getLocale();
      refused.push({
        path: item.relativePath,
        reason: t('import.tooLarge', { name: item.file.name, size: formatBytes(item.file.size, locale), limit: formatBytes(maxBytes, locale) }),
      });
    }
  }
  return { fit, refused };
}

import type { CaptionFinding } from '../../../../../electron/model/caption-checks';
import { t } from '../../../i18n';

/**
 * Reading-check findings in the app's words: caption-checks.ts gives the check, the measured value and the
 * limit (its own English message is for the CLI and logs), so each is worded through the i18n table here.
 */

const secs = (s: number) => Math.round(s * 10) / 10;

/**
 * A measured value rounded as coarsely as `digits` allows but never onto the wrong side of its limit: 17.05
 * characters a second against 17 reads "17.1", not "17" (which read as within it).
 */
export function pastLimit(value: number, limit: number, over: boolean, digits = 0): number {
  for (let d = digits; d <= 3; d++) {
    const r = Math.round(value * 10 ** d) / 10 ** d;
    if (over ? r > limit : r < limit) return r;
  }
  return value;
}

export function findingLabel(f: CaptionFinding): string {
  return t(`captions.check.${f.check}`);
}

export function findingText(f: CaptionFinding): string {
  switch (f.check) {
    case 'lineLength':
      return t('captions.checkText.lineLength', { value: f.value, limit: f.limit });
    case 'lineCount':
      return t('captions.checkText.lineCount', { value: f.value, limit: f.limit });
    case 'readingSpeed':
      return t('captions.checkText.readingSpeed', { value: pastLimit(f.value, f.limit, true), limit: f.limit });
    case 'tooShort':
      return t('captions.checkText.tooShort', { value: pastLimit(f.value, f.limit, false, 1), limit: secs(f.limit) });
    case 'overlap':
      return t('captions.checkText.overlap', { value: secs(f.value) });
    case 'gap':
      return t('captions.checkText.gap', { value: Math.round(f.value * 1000) });
  }
}

export function findingFixLabel(f: CaptionFinding): string {
  const change = f.fix?.change;
  if (!change) return '';
  if (change.kind === 'rebreak') return t('captions.fix.rebreak');
  if (change.kind === 'split') return t('captions.fix.split');
  if (f.check === 'overlap') return t('captions.fix.endAtNext');
  if (f.check === 'gap') return t('captions.fix.runOn');
  return t('captions.fix.showUntil', { time: secs(change.endSec) });
}

import type { TextStyle } from '../../../electron/model/draft';
import { boldAvailability, type Face, syntheticBold } from '../../../electron/model/font-weights';
import { t } from '../i18n';

/**
 * The "B" switch of a text style, offered only when the family has a bold face (as Canva and Figma list only a
 * family's own weights). A style already saved bold with a regular-only family keeps its look (the rasteriser
 * synthesises the bold, preview and export alike); the switch then says so and lets it be turned off, not on.
 */
export function BoldSwitch({ style, faces, onChange, testId }: { style: Pick<TextStyle, 'font' | 'bold'>; faces: readonly Face[]; onChange: (bold: boolean) => void; testId: string }) {
  const regularOnly = boldAvailability(style.font, faces) === 'regularOnly';
  const synthetic = regularOnly && style.bold;
  const title = synthetic ? t('font.boldSynthetic', { family: style.font }) : regularOnly ? t('font.noBold', { family: style.font }) : t('brand.bold');
  return (
    <button
      type="button"
      role="switch"
      aria-checked={style.bold}
      aria-label={t('brand.bold')}
      title={title}
      disabled={regularOnly && !style.bold}
      className={`segmented__item${synthetic ? ' segmented__item--warn' : ''}`}
      onClick={() => onChange(!style.bold)}
      data-testid={testId}
      data-synthetic={synthetic ? 'true' : undefined}
    >
      <b>B</b>
      {synthetic && <span aria-hidden="true">!</span>}
    </button>
  );
}

/** The warning under a style whose bold is synthesised, so it is seen without hovering the switch. */
export function SyntheticBoldNote({ style, faces, testId }: { style: Pick<TextStyle, 'font' | 'bold'>; faces: readonly Face[]; testId: string }) {
  if (!syntheticBold(style, faces)) return null;
  return (
    <p className="field-note field-note--warn" role="note" data-testid={testId}>
      {t('font.boldSyntheticShort', { family: style.font })}
    </p>
  );
}

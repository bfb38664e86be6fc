import { useEffect, useState } from 'react';
import { type BrandKitContent, type KitTextStyle, textStyleRoles, type TextStyleRole } from '../../../../electron/model/brand-kit';
import type { TextStyle } from '../../../../electron/model/draft';
import type { TextLayerImage } from '../../../../electron/model/draft-record';
import { call, errorText } from '../../api/client';
import { textLayerUrl } from '../../api/media';
import { type MessageKey, t } from '../../i18n';
import { Button } from '../../ui/Button';
import { PlusIcon } from '../../ui/icons';
import { useBrand } from './brandStore';
import { ColorField, pct, Row, Section, Segmented, Slider } from './controls';
import { newKitTextStyle, removeTextStyle, setTextStyle } from './kitEdits';
import type { FontChoice } from './kitFonts';
import type { FontRecord } from '../../../../electron/model/font';
import { withFamily } from '../../../../electron/model/font-weights';
import { BoldSwitch, SyntheticBoldNote } from '../../ui/BoldSwitch';


/**
 * The kit's text styles (title, subtitle, caption, lower third), which become the editor's text presets. Each
 * shows a preview rasterised by the engine (`text.render`): the very image the export overlays.
 */
export function TextStylesSection({ content, fonts, faces }: { content: BrandKitContent; fonts: readonly FontChoice[]; faces: readonly FontRecord[] }) {
  const edit = useBrand((s) => s.edit);
  const canEdit = useBrand((s) => s.canEdit);
  const missing = textStyleRoles.filter((r) => !content.textStyles.some((s) => s.role === r));
  return (
    <Section title={t('brand.textStyles')} hint={t('brand.textStylesHint')} testId="brand-text-styles">
      {content.textStyles.length === 0 && <p className="brand-empty">{t('brand.textStylesEmpty')}</p>}
      <div className="text-styles">
        {content.textStyles.map((s) => (
          <TextStyleCard key={s.role} kitStyle={s} content={content} fonts={fonts} faces={faces} />
        ))}
      </div>
      {canEdit && missing.length > 0 && (
        <div className="brand-add-row">
          {missing.map((role) => (
            <Button key={role} size="sm" icon={<PlusIcon size={16} />} onClick={() => edit((c) => setTextStyle(c, newKitTextStyle(c, role)))} data-testid={`text-style-add-${role}`}>
              {t(`brand.style.${role}` as MessageKey)}
            </Button>
          ))}
        </div>
      )}
    </Section>
  );
}

function TextStyleCard({ kitStyle, content, fonts, faces }: { kitStyle: KitTextStyle; content: BrandKitContent; fonts: readonly FontChoice[]; faces: readonly FontRecord[] }) {
  const edit = useBrand((s) => s.edit);
  const canEdit = useBrand((s) => s.canEdit);
  const { role, style: st } = kitStyle;
  const style = (p: Partial<TextStyle>, key: string) => edit((c) => setTextStyle(c, { ...kitStyle, style: { ...st, ...p } }), `style:${role}:${key}`);
  const swatches = content.palette;
  const roleName = t(`brand.style.${role}` as MessageKey);
  return (
    <article className="text-style" data-testid={`text-style-${role}`} aria-label={roleName}>
      <header className="text-style__head">
        <h3 className="text-style__title">{roleName}</h3>
        {canEdit && (
          <Button size="sm" variant="ghost" onClick={() => edit((c) => removeTextStyle(c, role))} data-testid={`text-style-remove-${role}`}>
            {t('brand.remove')}
          </Button>
        )}
      </header>
      <TextStylePreview role={role} style={st} maxWidth={kitStyle.placement.maxWidth} />
      <div className="text-style__controls">
        <Row label={t('inspector.font')}>
          <select className="select select--sm" value={st.font} onChange={(e) => style(withFamily({ font: st.font, bold: st.bold }, e.target.value, faces), 'font')} data-testid={`text-style-font-${role}`}>
            {fonts.map((f) => (
              <option key={f.family} value={f.family}>
                {f.label}
              </option>
            ))}
          </select>
        </Row>
        <Slider label={t('inspector.size')} value={st.size} min={16} max={300} step={1} format={(v) => `${v}px`} onChange={(size) => style({ size }, 'size')} testId={`text-style-size-${role}`} />
        <ColorField label={t('inspector.color')} value={st.color} swatches={swatches} onChange={(color) => style({ color }, 'color')} testId={`text-style-color-${role}`} />
        <div className="brand-row">
          <span className="brand-row__label">{t('inspector.weight')}</span>
          <div className="segmented">
            <BoldSwitch style={st} faces={faces} onChange={(bold) => style({ bold }, 'bold')} testId={`text-style-bold-${role}`} />
            <button type="button" role="switch" aria-checked={st.italic} aria-label={t('brand.italic')} className="segmented__item" onClick={() => style({ italic: !st.italic }, 'italic')}>
              <i>I</i>
            </button>
          </div>
        </div>
        <SyntheticBoldNote style={st} faces={faces} testId={`text-style-bold-note-${role}`} />
        <Segmented<TextStyle['align']>
          label={t('inspector.align')}
          value={st.align}
          options={[
            { value: 'left', label: t('inspector.alignLeft') },
            { value: 'center', label: t('inspector.alignCenter') },
            { value: 'right', label: t('inspector.alignRight') },
          ]}
          onChange={(align) => style({ align }, 'align')}
        />
        <label className="brand-check">
          <input type="checkbox" checked={st.stroke !== null} onChange={(e) => style({ stroke: e.target.checked ? { color: '#000000', width: 6 } : null }, 'stroke')} />
          {t('inspector.stroke')}
        </label>
        {st.stroke && (
          <>
            <ColorField label={t('inspector.strokeColor')} value={st.stroke.color} swatches={swatches} onChange={(color) => style({ stroke: { ...st.stroke!, color } }, 'strokeColor')} />
            <Slider label={t('inspector.strokeWidth')} value={st.stroke.width} min={0} max={40} step={1} format={(v) => `${v}px`} onChange={(width) => style({ stroke: { ...st.stroke!, width } }, 'strokeWidth')} />
          </>
        )}
        <label className="brand-check">
          <input type="checkbox" checked={st.box !== null} onChange={(e) => style({ box: e.target.checked ? { color: swatches[0]?.color ?? '#000000', opacity: 0.8, padding: 24, radius: 16 } : null }, 'box')} />
          {t('inspector.box')}
        </label>
        {st.box && (
          <>
            <ColorField label={t('inspector.boxColor')} value={st.box.color} swatches={swatches} onChange={(color) => style({ box: { ...st.box!, color } }, 'boxColor')} />
            <Slider label={t('inspector.boxOpacity')} value={st.box.opacity} min={0} max={1} step={0.05} format={pct} onChange={(opacity) => style({ box: { ...st.box!, opacity } }, 'boxOpacity')} />
          </>
        )}
      </div>
    </article>
  );
}

/** The canvas a kit style is designed on (model/text-presets.ts: sizes are pixels on a 1080-wide canvas). */
const CANVAS = { width: 1080, height: 1920 };

/** The style drawn by the engine's rasteriser (sharp), a moment after the last change. */
function TextStylePreview({ role, style, maxWidth }: { role: TextStyleRole; style: TextStyle; maxWidth: number }) {
  // The image and the style it was drawn for: while they differ, the preview says it is catching up.
  const [shown, setShown] = useState<{ for: string; layer: TextLayerImage } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sample = t(`brand.sample.${role}` as MessageKey);
  const key = JSON.stringify([style, maxWidth, sample]);
  useEffect(() => {
    let live = true;
    // A short pause: dragging the size slider asks for one image at the end, not fifty on the way.
    const timer = setTimeout(() => {
      call('text.render', { canvas: CANVAS, text: { text: sample, style, x: 0.5, y: 0.5, maxWidth } }).then(
        (layer) => {
          if (!live) return;
          setShown({ for: key, layer });
          setError(null);
        },
        (e: unknown) => live && setError(errorText(e)),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `key` stands for style, maxWidth and sample.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const current = shown?.for === key;
  return (
    <div className="text-style__preview" data-testid={`text-style-preview-${role}`} data-state={error ? 'error' : current ? 'ready' : 'drawing'} aria-busy={!current && !error}>
      {shown && <img src={textLayerUrl(shown.layer.key)} alt={sample} style={{ width: shown.layer.width / 2, maxWidth: '100%', opacity: current ? 1 : 0.6 }} data-key={shown.layer.key} />}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

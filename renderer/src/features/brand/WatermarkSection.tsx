import { type BrandKitContent, corners, type WatermarkPreset } from '../../../../electron/model/brand-kit';
import { type MessageKey, t } from '../../i18n';
import { cx } from '../../ui/Button';
import { imageUrl, useAsset } from './assets';
import { useBrand } from './brandStore';
import { pct, Section, Segmented, Slider } from './controls';
import { patchWatermark, toggleWatermark } from './kitEdits';
import { watermarkBox } from './watermarkBox';
import { RadioGroup } from '../../ui/RadioGroup';

/** The mock frame's size on screen: 9:16, like the exports a watermark mostly goes on. */
const FRAME = { width: 162, height: 288 };

/** The watermark preset: which logo, which corner (a 2×2 picker), margin, size and opacity, with a live mock. */
export function WatermarkSection({ content }: { content: BrandKitContent }) {
  const edit = useBrand((s) => s.edit);
  const wm = content.watermark;
  const set = (patch: Partial<WatermarkPreset>, key: string) => edit((c) => patchWatermark(c, patch), `watermark:${key}`);
  return (
    <Section title={t('brand.watermark')} hint={t('brand.watermarkHint')} testId="brand-watermark">
      <label className="brand-check">
        <input type="checkbox" checked={wm !== null} onChange={(e) => edit((c) => toggleWatermark(c, e.target.checked))} data-testid="watermark-on" />
        {t('brand.watermarkOn')}
      </label>
      {wm && (
        <div className="watermark">
          <div className="watermark__controls">
            <Segmented<'light' | 'dark'>
              label={t('brand.watermarkLogo')}
              value={wm.logo}
              options={[
                { value: 'light', label: t('brand.variantLight') },
                { value: 'dark', label: t('brand.variantDark') },
              ]}
              onChange={(logo) => set({ logo }, 'logo')}
              testId="watermark-logo"
            />
            <div className="brand-row">
              <span className="brand-row__label" id="wm-corner">
                {t('brand.corner')}
              </span>
              <RadioGroup className="corner-picker" aria-labelledby="wm-corner">
                {corners.map((c) => (
                  <button key={c} type="button" role="radio" aria-checked={wm.corner === c} aria-label={t(`brand.corner.${c}` as MessageKey)} title={t(`brand.corner.${c}` as MessageKey)} className={cx('corner-picker__cell', `corner-picker__cell--${c}`)} onClick={() => set({ corner: c }, 'corner')} data-testid={`corner-${c}`}>
                    <span className="corner-picker__dot" />
                  </button>
                ))}
              </RadioGroup>
            </div>
            <Slider label={t('brand.margin')} value={wm.margin} min={0} max={0.25} step={0.005} format={pct} onChange={(margin) => set({ margin }, 'margin')} testId="watermark-margin" />
            <Slider label={t('brand.size')} value={wm.size} min={0.03} max={0.6} step={0.01} format={pct} onChange={(size) => set({ size }, 'size')} testId="watermark-size" />
            <Slider label={t('brand.opacity')} value={wm.opacity} min={0.05} max={1} step={0.05} format={pct} onChange={(opacity) => set({ opacity }, 'opacity')} testId="watermark-opacity" />
          </div>
          <WatermarkMock wm={wm} logoId={content.logos[wm.logo]} />
        </div>
      )}
    </Section>
  );
}

/** A 9:16 frame with stand-in footage and the logo where the export puts it (kit-place.ts, scaled to the frame). */
function WatermarkMock({ wm, logoId }: { wm: WatermarkPreset; logoId: string | null }) {
  const { asset } = useAsset(logoId);
  // Before the logo's size is known (or without a logo) a 2:1 stand-in shows where it will go.
  const logo = asset?.width && asset.height ? { width: asset.width, height: asset.height } : { width: 400, height: 200 };
  const box = watermarkBox(FRAME, wm, logo);
  return (
    <figure className="watermark__mock" aria-label={t('brand.watermarkPreview')} data-testid="watermark-mock">
      <div className={cx('watermark__frame', wm.logo === 'dark' && 'watermark__frame--light')} style={FRAME}>
        {asset ? (
          <img src={imageUrl(asset)} alt="" style={{ left: box.left, top: box.top, width: box.width, height: box.height, opacity: wm.opacity }} data-testid="watermark-logo-img" data-corner={wm.corner} />
        ) : (
          <span className="watermark__placeholder" style={{ left: box.left, top: box.top, width: box.width, height: box.height, opacity: wm.opacity }} />
        )}
      </div>
      <figcaption className="field__hint">{asset ? t('brand.watermarkCaption') : t('brand.watermarkNoLogo')}</figcaption>
    </figure>
  );
}

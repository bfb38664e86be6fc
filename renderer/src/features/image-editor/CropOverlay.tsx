import type { Point } from '../../../../electron/model/image-box';
import { cropAspects } from '../../../../electron/model/image-crop';
import { type CropSession, dragCropHandle, panCropPhoto, ratioFits, resetCrop, setCropRatio, toCropFrame } from '../../../../electron/model/image-crop-canvas';
import type { ImageMediaLayer } from '../../../../electron/model/image-draft';
import { type Handle, type Rect, handles } from '../../../../electron/model/image-transform';
import { t } from '../../i18n';
import { useImageEditor } from '../../store/imageEditorStore';
import { startGesture } from '../../ui/gesture';
import { originalUrl, photoRequest, usePhotoPicture } from './photoSource';
import { RadioGroup } from '../../ui/RadioGroup';

const state = () => useImageEditor.getState();
const NO_CROP = { left: 0, top: 0, right: 0, bottom: 0 };

/**
 * Crop on the canvas (model/image-crop-canvas.ts does the maths): the whole photo, dimmed, in the layer's frame,
 * the crop window over it showing the photo bright, with handles on its corners and edges. Dragging inside the
 * window moves the photo under it. The session is applied as one edit (Done, Enter, a click outside).
 */
export function CropOverlay({ session, layer, scale, toCanvas, stage }: { session: CropSession; layer: ImageMediaLayer; scale: number; toCanvas: (clientX: number, clientY: number) => Point; stage: React.RefObject<HTMLDivElement | null> }) {
  const asset = useImageEditor((s) => s.assets[layer.assetId]);
  const zoom = scale * (window.devicePixelRatio || 1);
  const { photo, crop } = session;
  // The compositor's picture of the whole photo (its looks and flips, no crop, level) at the size it has here.
  const req = asset ? photoRequest(layer.assetId, { ...layer.edit, crop: NO_CROP, straighten: 0 }, { width: photo.width, height: photo.height }, zoom) : null;
  const { picture } = usePhotoPicture(req);
  const src = picture?.url ?? (asset ? originalUrl(asset) : '');
  const flip = picture ? undefined : `scale(${session.flipH ? -1 : 1}, ${session.flipV ? -1 : 1})`;
  const px = (r: Rect): React.CSSProperties => ({ left: r.x * scale, top: r.y * scale, width: r.width * scale, height: r.height * scale });

  const onHandle = (e: React.PointerEvent, h: Handle) => {
    e.stopPropagation();
    const s0 = session;
    const x0 = e.clientX;
    const y0 = e.clientY;
    startGesture(e.nativeEvent, {
      captureOn: stage.current,
      onMove: (dx, dy) => state().updateCrop(() => dragCropHandle(s0, h, toCropFrame(s0, toCanvas(x0 + dx, y0 + dy)))),
    });
  };
  const onPan = (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    const s0 = session;
    const r = (-s0.rotation * Math.PI) / 180;
    startGesture(e.nativeEvent, {
      slop: 2,
      captureOn: stage.current,
      onMove: (dx, dy) => {
        const x = dx / scale;
        const y = dy / scale;
        state().updateCrop(() => panCropPhoto(s0, x * Math.cos(r) - y * Math.sin(r), x * Math.sin(r) + y * Math.cos(r)));
      },
    });
  };
  const img = (style: React.CSSProperties) => <img className="ie-crop__img" src={src} alt="" draggable={false} style={{ ...style, transform: flip }} />;
  return (
    <div className="ie-crop" style={{ left: session.centre.x * scale, top: session.centre.y * scale, transform: session.rotation ? `rotate(${session.rotation}deg)` : undefined }} data-testid="ie-crop" data-ready={picture ? 'true' : 'false'}>
      <div className="ie-crop__photo" style={px(photo)} data-testid="ie-crop-photo">
        {img({ width: '100%', height: '100%' })}
      </div>
      <div className="ie-crop__window" style={px(crop)} onPointerDown={onPan} onDoubleClick={(e) => (e.stopPropagation(), state().applyCrop())} data-testid="ie-crop-window">
        <div className="ie-crop__bright">{img({ position: 'absolute', left: (photo.x - crop.x) * scale, top: (photo.y - crop.y) * scale, width: photo.width * scale, height: photo.height * scale })}</div>
        <span className="ie-crop__third ie-crop__third--v1" />
        <span className="ie-crop__third ie-crop__third--v2" />
        <span className="ie-crop__third ie-crop__third--h1" />
        <span className="ie-crop__third ie-crop__third--h2" />
        {handles.map((h) => (
          <span key={h} className={`ie-handle ie-handle--${h} ie-crop__handle`} data-ie-handle={h} data-testid={`ie-crop-handle-${h}`} onPointerDown={(e) => onHandle(e, h)} />
        ))}
      </div>
    </div>
  );
}

/** The bar over the canvas while cropping: the shape to hold, the whole photo, cancel and done. */
export function CropBar({ session }: { session: CropSession }) {
  const s = state;
  const fits = (r: number) => ratioFits(session.photo, r);
  return (
    <>
      <div className="ie-cropbar" role="toolbar" aria-label={t('imageEditor.cropBar')} data-testid="ie-cropbar" onPointerDown={(e) => e.stopPropagation()}>
        <RadioGroup className="segmented" aria-label={t('imageEditor.cropBar')}>
          <button type="button" role="radio" className="segmented__item" aria-checked={session.ratio === null} onClick={() => s().updateCrop((c) => setCropRatio(c, null))} data-testid="ie-cropbar-free">
            {t('imageEditor.cropFree')}
          </button>
          {cropAspects.map((a) => (
            <button key={a.id} type="button" role="radio" className="segmented__item" aria-checked={session.ratio === a.ratio} disabled={!fits(a.ratio)} title={fits(a.ratio) ? undefined : t('imageEditor.cropAspectTooFar')} onClick={() => s().updateCrop((c) => setCropRatio(c, a.ratio))} data-testid={`ie-cropbar-${a.id}`}>
              {a.id}
            </button>
          ))}
        </RadioGroup>
        <button type="button" className="btn btn--ghost btn--sm" onClick={() => s().updateCrop(resetCrop)} data-testid="ie-cropbar-reset">
          {t('imageEditor.cropReset')}
        </button>
        <button type="button" className="btn btn--secondary btn--sm" onClick={() => s().cancelCrop()} data-testid="ie-cropbar-cancel">
          {t('imageEditor.cropCancel')}
        </button>
        <button type="button" className="btn btn--primary btn--sm" onClick={() => s().applyCrop()} data-testid="ie-cropbar-apply">
          {t('imageEditor.cropApply')}
        </button>
      </div>
      <span className="ie-cropbar__hint">{t('imageEditor.cropHint')}</span>
    </>
  );
}

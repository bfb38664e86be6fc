import { createContext, memo, useContext, useEffect } from 'react';
import type { AssetSummary } from '../../../../electron/model/asset';
import type { Size } from '../../../../electron/model/geometry';
import { pixelBox } from '../../../../electron/model/image-box';
import type { Background, ImageLayer, ImageMediaLayer, ImageTextLayer, PhotoEdit, ShapeLayer } from '../../../../electron/model/image-draft';
import { gradientCss, shapeDraws, shapeElement, shapeFrame } from '../../../../electron/model/image-svg';
import { t } from '../../i18n';
import { useImageEditor } from '../../store/imageEditorStore';
import { originalUrl, photoRequest, usePhotoPicture } from './photoSource';
import { useTextPicture } from './textImage';

/**
 * One layer drawn as DOM at canvas pixels (the canvas element is scaled as a whole), positioned with the same
 * pixel box the export uses (model/image-box.ts) and turned with a CSS rotation about its centre. Memoised per
 * layer object: dragging one layer re-renders that layer only.
 */
/** Screen pixels per canvas pixel (the canvas's zoom times the device pixel ratio): how big photos are drawn. */
export const CanvasZoom = createContext(1);

export const LayerView = memo(function LayerView({ layer, canvas }: { layer: ImageLayer; canvas: Size }) {
  if (layer.hidden) return null;
  if (layer.type === 'text') return <TextLayerView layer={layer} canvas={canvas} />;
  if (layer.type === 'shape') return <ShapeLayerView layer={layer} canvas={canvas} />;
  return <PhotoLayerView layer={layer} canvas={canvas} />;
});

function boxStyle(box: { x: number; y: number; w: number; h: number; rotation: number }, canvas: Size, opacity: number): React.CSSProperties {
  const width = box.w * canvas.width;
  const height = box.h * canvas.height;
  return { left: box.x * canvas.width - width / 2, top: box.y * canvas.height - height / 2, width, height, transform: box.rotation ? `rotate(${box.rotation}deg)` : undefined, opacity };
}

function PhotoLayerView({ layer, canvas }: { layer: ImageMediaLayer; canvas: Size }) {
  const asset = useImageEditor((s) => s.assets[layer.assetId]);
  const zoom = useContext(CanvasZoom);
  const style = boxStyle(layer.box, canvas, layer.opacity);
  const box = pixelBox(layer.box, canvas);
  const req = asset ? photoRequest(layer.assetId, layer.edit, box, zoom) : null;
  const { picture, stale } = usePhotoPicture(req);
  if (!asset) {
    return (
      <div className="ie-layer ie-layer--missing" style={style} data-testid="ie-layer" data-layer-id={layer.id} data-kind="photo">
        <span>{t('imageEditor.photoLoading')}</span>
      </div>
    );
  }
  return (
    <div className="ie-layer ie-layer--photo" style={style} data-testid="ie-layer" data-layer-id={layer.id} data-kind="photo" data-ready={picture && !stale ? 'true' : 'false'}>
      <PhotoImage picture={picture?.url ?? null} asset={asset} />
    </div>
  );
}

/** The compositor's picture filling its box; before the first one arrives, the original covering the box. */
function PhotoImage({ picture, asset }: { picture: string | null; asset: Pick<AssetSummary, 'id' | 'ext'> }) {
  return picture ? <img className="ie-photo__img" src={picture} alt="" draggable={false} /> : <img className="ie-photo__img ie-photo__img--original" src={originalUrl(asset)} alt="" draggable={false} />;
}

function TextLayerView({ layer, canvas }: { layer: ImageTextLayer; canvas: Size }) {
  const { picture, error } = useTextPicture(canvas, layer);
  const editing = useImageEditor((s) => s.editingTextId === layer.id);
  const setTextHeight = useImageEditor((s) => s.setTextHeight);
  useEffect(() => {
    if (picture) setTextHeight(layer.id, picture.height);
  }, [picture, layer.id, setTextHeight]);
  const cx = layer.x * canvas.width;
  const cy = layer.y * canvas.height;
  if (!picture) {
    return (
      <div className="ie-layer ie-layer--text-pending" style={{ left: cx - (layer.maxWidth * canvas.width) / 2, top: cy - layer.style.size / 2, width: layer.maxWidth * canvas.width, height: layer.style.size }} data-testid="ie-layer" data-layer-id={layer.id} data-kind="text" data-ready="false" title={error ?? undefined} />
    );
  }
  // The picture was drawn centred on the canvas: its offset from the canvas centre is its offset from the layer's.
  const left = cx + picture.left - canvas.width / 2;
  const top = cy + picture.top - canvas.height / 2;
  return (
    <img
      className="ie-layer ie-layer--text"
      src={picture.url}
      alt={layer.text}
      draggable={false}
      style={{ left, top, width: picture.width, height: picture.height, transformOrigin: `${cx - left}px ${cy - top}px`, transform: layer.rotation ? `rotate(${layer.rotation}deg)` : undefined, opacity: editing ? 0.15 : layer.opacity }}
      data-testid="ie-layer"
      data-layer-id={layer.id}
      data-kind="text"
      data-ready="true"
    />
  );
}

function ShapeLayerView({ layer, canvas }: { layer: ShapeLayer; canvas: Size }) {
  if (!shapeDraws(layer)) return null;
  // The compositor's own SVG (model/image-svg.ts): strokes centred on the outline, in a frame of the box plus
  // the stroke's half, centred on the box and turned about its centre.
  const p = pixelBox(layer.box, canvas);
  const size = { width: p.width, height: p.height };
  const frame = shapeFrame(layer, size);
  return (
    <svg
      className="ie-layer ie-layer--shape"
      style={{ left: p.cx - frame.width / 2, top: p.cy - frame.height / 2, width: frame.width, height: frame.height, transform: p.rotation ? `rotate(${p.rotation}deg)` : undefined, opacity: layer.opacity }}
      width={frame.width}
      height={frame.height}
      viewBox={`0 0 ${frame.width} ${frame.height}`}
      data-testid="ie-layer"
      data-layer-id={layer.id}
      data-kind="shape"
      aria-hidden="true"
      // Colours are schema-checked hex (#rrggbb) and lengths numbers: the markup holds nothing else.
      dangerouslySetInnerHTML={{ __html: shapeElement(layer, size, frame) }}
    />
  );
}

/** A page's background; with a spread, the page's slice of the background laid across all pages. */
export function BackgroundView({ background, canvas, slice }: { background: Background; canvas: Size; slice: { index: number; count: number } | null }) {
  const count = slice?.count ?? 1;
  const style: React.CSSProperties = { width: canvas.width * count, height: canvas.height, left: -(slice?.index ?? 0) * canvas.width };
  if (background.type === 'colour') return <div className="ie-bg" style={{ ...style, background: background.color }} data-testid="ie-background" />;
  if (background.type === 'gradient') return <div className="ie-bg" style={{ ...style, background: gradientCss(background) }} data-testid="ie-background" />;
  return <PhotoBackgroundView assetId={background.assetId} edit={background.edit} style={style} frame={{ width: canvas.width * count, height: canvas.height }} />;
}

function PhotoBackgroundView({ assetId, edit, style, frame }: { assetId: string; edit: PhotoEdit; style: React.CSSProperties; frame: Size }) {
  const asset = useImageEditor((s) => s.assets[assetId]);
  const zoom = useContext(CanvasZoom);
  const { picture, stale } = usePhotoPicture(asset ? photoRequest(assetId, edit, frame, zoom) : null);
  if (!asset) return <div className="ie-bg ie-bg--loading" style={style} data-testid="ie-background" />;
  return (
    <div className="ie-bg ie-bg--photo" style={style} data-testid="ie-background" data-ready={picture && !stale ? 'true' : 'false'}>
      <PhotoImage picture={picture?.url ?? null} asset={asset} />
    </div>
  );
}

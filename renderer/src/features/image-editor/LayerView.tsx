import { memo, useEffect } from 'react';
import type { Size } from '../../../../electron/model/geometry';
import type { Background, ImageLayer, ImageMediaLayer, ImageTextLayer, ShapeLayer } from '../../../../electron/model/image-draft';
import { t } from '../../i18n';
import { useImageEditor } from '../../store/imageEditorStore';
import { photoView } from './photoSource';
import { useTextPicture } from './textImage';

/**
 * One layer drawn as DOM at canvas pixels (the canvas element is scaled as a whole), positioned with the same
 * pixel box the export uses (model/image-box.ts) and turned with a CSS rotation about its centre. Memoised per
 * layer object: dragging one layer re-renders that layer only.
 */
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
  const style = boxStyle(layer.box, canvas, layer.opacity);
  if (!asset) {
    return (
      <div className="ie-layer ie-layer--missing" style={style} data-testid="ie-layer" data-layer-id={layer.id} data-kind="photo">
        <span>{t('imageEditor.photoLoading')}</span>
      </div>
    );
  }
  const view = photoView(asset, layer.edit, style.width as number, style.height as number);
  return (
    <div className="ie-layer ie-layer--photo" style={style} data-testid="ie-layer" data-layer-id={layer.id} data-kind="photo">
      <div className="ie-photo__frame" style={view.frame}>
        <img src={view.src} alt="" draggable={false} style={view.img} />
      </div>
    </div>
  );
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
  const style = boxStyle(layer.box, canvas, layer.opacity);
  const w = style.width as number;
  const h = style.height as number;
  const sw = layer.stroke?.width ?? 0;
  const stroke = layer.stroke ? { stroke: layer.stroke.color, strokeWidth: sw } : {};
  const fill = layer.fill ?? 'none';
  // Strokes sit inside the box (inset by half their width), so a shape never grows past its handles.
  const i = sw / 2;
  return (
    <svg className="ie-layer ie-layer--shape" style={{ ...style, overflow: 'visible' }} width={w} height={h} viewBox={`0 0 ${w} ${h}`} data-testid="ie-layer" data-layer-id={layer.id} data-kind="shape" aria-hidden="true">
      {layer.shape === 'line' ? (
        <line x1={0} y1={h / 2} x2={w} y2={h / 2} stroke={layer.stroke?.color ?? layer.fill ?? '#000000'} strokeWidth={Math.max(1, sw)} strokeLinecap="round" />
      ) : layer.shape === 'ellipse' ? (
        <ellipse cx={w / 2} cy={h / 2} rx={Math.max(0, w / 2 - i)} ry={Math.max(0, h / 2 - i)} fill={fill} {...stroke} />
      ) : (
        <rect x={i} y={i} width={Math.max(0, w - sw)} height={Math.max(0, h - sw)} rx={layer.shape === 'roundRect' ? Math.max(0, layer.radius - i) : 0} fill={fill} {...stroke} />
      )}
    </svg>
  );
}

/** A page's background; with a spread, the page's slice of the background laid across all pages. */
export function BackgroundView({ background, canvas, slice }: { background: Background; canvas: Size; slice: { index: number; count: number } | null }) {
  const count = slice?.count ?? 1;
  const style: React.CSSProperties = { width: canvas.width * count, height: canvas.height, left: -(slice?.index ?? 0) * canvas.width };
  const asset = useImageEditor((s) => (background.type === 'photo' ? s.assets[background.assetId] : undefined));
  if (background.type === 'colour') return <div className="ie-bg" style={{ ...style, background: background.color }} data-testid="ie-background" />;
  // The model's angle is clockwise from "to the right"; CSS's is clockwise from "to the top".
  if (background.type === 'gradient') return <div className="ie-bg" style={{ ...style, background: `linear-gradient(${background.angle + 90}deg, ${background.from}, ${background.to})` }} data-testid="ie-background" />;
  if (!asset) return <div className="ie-bg ie-bg--loading" style={style} data-testid="ie-background" />;
  const view = photoView(asset, background.edit, canvas.width * count, canvas.height);
  return (
    <div className="ie-bg ie-bg--photo" style={style} data-testid="ie-background">
      <div className="ie-photo__frame" style={view.frame}>
        <img src={view.src} alt="" draggable={false} style={view.img} />
      </div>
    </div>
  );
}

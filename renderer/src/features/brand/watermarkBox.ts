import type { WatermarkPreset } from '../../../../electron/model/brand-kit';

export type Box = { left: number; top: number; width: number; height: number };

/**
 * Where a watermark logo sits on a canvas: `size` and `margin` are fractions of the canvas width (so a 9:16 and
 * a 16:9 export keep the same share of the width), the height follows the logo's aspect (width / height).
 * The logo never grows past the canvas: on a tiny or very tall logo it is shrunk to fit inside the margins.
 */
export function watermarkBox(canvas: { width: number; height: number }, wm: Pick<WatermarkPreset, 'corner' | 'margin' | 'size'>, logoAspect: number): Box {
  const aspect = Number.isFinite(logoAspect) && logoAspect > 0 ? logoAspect : 1;
  const margin = wm.margin * canvas.width;
  // On a canvas wider than tall by far, the margins alone could pass its height: they shrink to leave the logo room.
  const marginY = Math.min(margin, Math.max(0, (canvas.height - 1) / 2));
  let width = wm.size * canvas.width;
  let height = width / aspect;
  const maxH = canvas.height - 2 * marginY;
  if (height > maxH) {
    height = maxH;
    width = height * aspect;
  }
  const right = wm.corner.endsWith('right');
  const bottom = wm.corner.startsWith('bottom');
  return {
    left: right ? canvas.width - margin - width : margin,
    top: bottom ? canvas.height - marginY - height : marginY,
    width,
    height,
  };
}

import type { WatermarkPreset } from '../../../../electron/model/brand-kit';
import type { Size } from '../../../../electron/model/geometry';
import { watermarkRect } from '../../../../electron/model/kit-place';

export type Box = { left: number; top: number; width: number; height: number };

/** The export canvas a mock frame stands for: 1080 wide (what kits are designed on), the frame's aspect. */
export function exportCanvasFor(frame: Size): Size {
  return { width: 1080, height: Math.max(2, Math.round((1080 * frame.height) / frame.width)) };
}

/**
 * Where the watermark logo sits on a mock frame: the rectangle the editor and the export draw it in
 * (model/kit-place.ts `watermarkRect`, i.e. geometry.ts `place()` of the watermark's transform, even-pixel rounding
 * included) on the export canvas the frame stands for, scaled down to the frame. So the preview cannot drift from
 * what an export shows. `logo` is the logo's pixel size.
 */
export function watermarkBox(frame: Size, wm: WatermarkPreset, logo: Size, canvas: Size = exportCanvasFor(frame)): Box {
  const r = watermarkRect(wm, logo, canvas);
  const k = frame.width / canvas.width;
  return { left: r.x * k, top: r.y * k, width: r.width * k, height: r.height * k };
}

import type { Sharp as SharpPipeline } from 'sharp';
import { loadSharp } from '../media/sharp';
import { AppError, errorMessage } from '../model/errors';
import { adjustPixels, isIdentityEdit } from '../model/image-adjust';
import type { Orientation } from '../model/orientation';
import type { Size } from '../model/geometry';
import type { PhotoEdit } from '../model/image-draft';
import { type ImagePlan, type PhotoCut, type PlanOp, photoCut } from './image-plan';

/**
 * Executes an image plan (render/image-plan.ts) with sharp into the page's pixels at canvas size
 * (docs/image-render.md). Each operation becomes a rectangle of RGBA pixels (a photo's window, cut, edited by
 * model/image-adjust.ts; an SVG drawn by librsvg; a text layer's PNG), turned with a transparent background when
 * the layer is rotated, faded by its opacity, cut to the canvas, and all of them are laid over the background in
 * ONE sharp composite, bottom to top.
 */

/** Where a photo's bytes are: the file sharp decodes (a rendition for SVG and HEIC) and the EXIF turn to apply. */
export type PhotoSource = { path: string; orientation: Orientation };
export type RenderSources = {
  photos: ReadonlyMap<string, PhotoSource>;
  /** The PNG file of a rasterised text layer by its key (render/text.ts textLayerPath). */
  textPath: (key: string) => string;
};
export type Raw = { data: Buffer; width: number; height: number };

const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };

/**
 * A `width`×`height` rectangle of raw RGBA pixels whose top-left is at (left, top) of `src`; pixels beyond its
 * edges repeat the nearest edge pixel (a turn's rounding may leave the picture a pixel short of the window).
 */
export function cutRaw(src: Raw, left: number, top: number, width: number, height: number): Raw {
  if (left === 0 && top === 0 && width === src.width && height === src.height) return src;
  const out = Buffer.alloc(width * height * 4);
  const inside = left >= 0 && top >= 0 && left + width <= src.width && top + height <= src.height;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(src.height - 1, Math.max(0, top + y));
    if (inside) {
      src.data.copy(out, y * width * 4, (sy * src.width + left) * 4, (sy * src.width + left + width) * 4);
      continue;
    }
    for (let x = 0; x < width; x++) {
      const sx = Math.min(src.width - 1, Math.max(0, left + x));
      src.data.copy(out, (y * width + x) * 4, (sy * src.width + sx) * 4, (sy * src.width + sx) * 4 + 4);
    }
  }
  return { data: out, width, height };
}

async function toRaw(p: SharpPipeline): Promise<Raw> {
  const { data, info } = await p.toColourspace('srgb').ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function fromRaw(r: Raw): Promise<SharpPipeline> {
  const sharp = await loadSharp();
  return sharp(r.data, { raw: { width: r.width, height: r.height, channels: 4 } });
}

/** The window of a photo a cut describes (image-plan.ts PhotoCut), `width`×`height`, before any edit. */
export async function cutPhoto(source: PhotoSource, cut: PhotoCut, width: number, height: number): Promise<Raw> {
  const sharp = await loadSharp();
  let p = sharp(source.path, { limitInputPixels: false });
  if (source.orientation !== 1) p = p.rotate();
  p = p.extract({ left: cut.extract.x, top: cut.extract.y, width: cut.extract.width, height: cut.extract.height });
  if (cut.flipH) p = p.flop();
  if (cut.flipV) p = p.flip();
  p = p.resize(cut.resize.width, cut.resize.height, { fit: 'fill' });
  let r: Raw;
  try {
    r = await toRaw(p);
    if (cut.straighten !== 0) r = await toRaw((await fromRaw(r)).rotate(cut.straighten, { background: TRANSPARENT }));
  } catch (e) {
    throw new AppError('unsupported_media', `A picture of this draft could not be read (${errorMessage(e)}). Import it again, or replace it.`);
  }
  return cutRaw(r, Math.round(r.width / 2 + cut.offset.x - width / 2), Math.round(r.height / 2 + cut.offset.y - height / 2), width, height);
}

function edited(r: Raw, op: Pick<Extract<PlanOp, { op: 'photo' }>, 'adjust' | 'filter' | 'frame'>): Raw {
  if (isIdentityEdit(op.adjust, op.filter)) return r;
  const e = adjustPixels(r, op.adjust, op.filter, op.frame);
  return { data: Buffer.from(e.buffer, e.byteOffset, e.byteLength), width: r.width, height: r.height };
}

/**
 * A photo edited by `edit` and cover-filling a frame of `size`, whole: what a photo layer of that size draws
 * before it is turned and faded. The editor's preview shows this bitmap (`images.photo`), made by the same
 * cut and the same maths as the export's.
 */
export async function editedPhoto(source: PhotoSource, sourceSize: Size, edit: PhotoEdit, size: Size, where: () => string): Promise<Raw> {
  const window = { x: 0, y: 0, width: size.width, height: size.height };
  const cut = photoCut(sourceSize, edit, size, window, where);
  return edited(await cutPhoto(source, cut, size.width, size.height), { adjust: edit.adjust, filter: edit.filter, frame: window });
}

/** The pixels of one operation, unturned and at full opacity. */
async function pixelsOf(op: Exclude<PlanOp, { op: 'fill' }>, sources: RenderSources): Promise<Raw> {
  const sharp = await loadSharp();
  switch (op.op) {
    case 'photo': {
      const src = sources.photos.get(op.assetId);
      if (!src) throw new AppError('not_found', 'A picture of this draft is no longer in the library. Replace it or delete its layer.');
      return edited(await cutPhoto(src, op.cut, op.width, op.height), op);
    }
    case 'svg':
      return toRaw(sharp(Buffer.from(op.svg), { density: 72 }));
    case 'text':
      return toRaw(sharp(sources.textPath(op.key)));
  }
}

function fade(r: Raw, opacity: number): void {
  if (opacity >= 1) return;
  for (let i = 3; i < r.data.length; i += 4) r.data[i] = Math.round(r.data[i]! * opacity);
}

/** One operation's pixels where they land on the canvas (cut to it), or null when nothing of it shows. */
async function placed(op: Exclude<PlanOp, { op: 'fill' }>, plan: ImagePlan, sources: RenderSources): Promise<{ raw: Raw; left: number; top: number } | null> {
  let r = await pixelsOf(op, sources);
  if (op.rotation !== 0) r = await toRaw((await fromRaw(r)).rotate(op.rotation, { background: TRANSPARENT }));
  const left = Math.round(op.centre.x - r.width / 2);
  const top = Math.round(op.centre.y - r.height / 2);
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const x1 = Math.min(plan.width, left + r.width);
  const y1 = Math.min(plan.height, top + r.height);
  if (x1 <= x0 || y1 <= y0) return null;
  const shown = cutRaw(r, x0 - left, y0 - top, x1 - x0, y1 - y0);
  // Every operation's pixels are fresh buffers of its own (nothing cached is handed out), so fading in place is safe.
  fade(shown, op.opacity);
  return { raw: shown, left: x0, top: y0 };
}

/** Draws the plan: raw RGBA pixels at canvas size. */
export async function renderImagePlan(plan: ImagePlan, sources: RenderSources): Promise<Raw> {
  const sharp = await loadSharp();
  const [first, ...rest] = plan.ops;
  const base = first?.op === 'fill' ? first.color : '#00000000';
  const layers = first?.op === 'fill' ? rest : plan.ops;
  // Layers are cut and turned side by side (libvips uses its own threads for each); composited in order.
  const drawn = await Promise.all(layers.map((op) => (op.op === 'fill' ? Promise.resolve(null) : placed(op, plan, sources))));
  const overlays = drawn.flatMap((d) => (d ? [{ input: d.raw.data, raw: { width: d.raw.width, height: d.raw.height, channels: 4 as const }, left: d.left, top: d.top }] : []));
  const canvas = sharp({ create: { width: plan.width, height: plan.height, channels: 4, background: base } });
  const { data, info } = await (overlays.length ? canvas.composite(overlays) : canvas).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export async function encodePng(r: Raw, size?: Size): Promise<Buffer> {
  const p = await fromRaw(r);
  return (size && (size.width !== r.width || size.height !== r.height) ? p.resize(size.width, size.height, { fit: 'fill' }) : p).png().toBuffer();
}

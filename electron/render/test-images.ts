import { defaultTextStyle, DRAFT_SCHEMA_VERSION } from '../model/draft';
import { type ImageDraft, type ImageLayer, type ImagePage, noAdjustments, noFilter, type PhotoEdit, type ShapeLayer } from '../model/image-draft';

/**
 * Test material for the image compositor: textured pictures (gradients, noise and shapes, never flat colour,
 * so a misplaced or mirrored crop shows in the pixels) and builders of image drafts.
 */

/** A small, seeded PRNG (mulberry32): the same picture on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * RGB pixels of a photo-like picture: a diagonal colour gradient, a few soft discs and bars, and grain. Its
 * top-left quarter-corner is reddish, the top-right greenish, the bottom-left bluish (corner blocks of 1/6 the
 * size), so a turn or a mirror moves a colour.
 */
export function texturedRgb(width: number, height: number, seed = 1): Buffer {
  const rand = prng(seed);
  const discs = Array.from({ length: 6 }, () => ({ x: rand() * width, y: rand() * height, r: (0.08 + rand() * 0.15) * Math.min(width, height), c: [rand() * 255, rand() * 255, rand() * 255] }));
  const out = Buffer.alloc(width * height * 3);
  const bw = Math.max(1, Math.round(width / 6));
  const bh = Math.max(1, Math.round(height / 6));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const fx = x / width;
      const fy = y / height;
      let c = [60 + 120 * fx, 70 + 100 * fy, 150 - 80 * fx * fy];
      for (const d of discs) {
        const dist = Math.hypot(x - d.x, y - d.y);
        if (dist < d.r) {
          const k = 0.6 * (1 - dist / d.r);
          c = c.map((v, i) => v * (1 - k) + d.c[i]! * k);
        }
      }
      // Horizontal bars every eighth of the height: texture a vertical flip shows.
      if (Math.floor(fy * 8) % 3 === 1) c = c.map((v) => v * 0.85);
      if (x < bw && y < bh) c = [220, 40, 40];
      else if (x >= width - bw && y < bh) c = [40, 210, 60];
      else if (x < bw && y >= height - bh) c = [40, 60, 220];
      const grain = (rand() - 0.5) * 24;
      const o = (y * width + x) * 3;
      for (let i = 0; i < 3; i++) out[o + i] = Math.max(0, Math.min(255, Math.round(c[i]! + grain)));
    }
  }
  return out;
}

export function photoEdit(more: Partial<PhotoEdit> = {}): PhotoEdit {
  return { crop: { left: 0, top: 0, right: 0, bottom: 0 }, straighten: 0, flipH: false, flipV: false, adjust: noAdjustments, filter: noFilter, ...more };
}

const base = { name: '', hidden: false, locked: false, groupId: null, template: null, opacity: 1 };

export function photoLayer(id: string, assetId: string, box: { x: number; y: number; w: number; h: number; rotation?: number }, more: Partial<Extract<ImageLayer, { type: 'media' }>> = {}): ImageLayer {
  return { ...base, type: 'media', id, assetId, box: { rotation: 0, ...box }, edit: photoEdit(), brand: null, ...more };
}

export function textLayer(id: string, text: string, x: number, y: number, more: Partial<Extract<ImageLayer, { type: 'text' }>> = {}): ImageLayer {
  return { ...base, type: 'text', id, text, style: { ...defaultTextStyle, size: 64 }, styleRole: null, x, y, maxWidth: 0.8, rotation: 0, ...more };
}

export function shapeLayer(id: string, shape: ShapeLayer['shape'], box: { x: number; y: number; w: number; h: number; rotation?: number }, more: Partial<ShapeLayer> = {}): ImageLayer {
  return { ...base, type: 'shape', id, shape, box: { rotation: 0, ...box }, fill: '#ffcc00', stroke: null, radius: 0, ...more };
}

export function imageDraft(pages: Omit<ImagePage, 'id'>[], more: Partial<ImageDraft> = {}): ImageDraft {
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    kind: 'image',
    name: 'Test post',
    canvas: { preset: '4:5', width: 1080, height: 1350 },
    kitId: null,
    pages: pages.map((p, i) => ({ id: `page-${i + 1}`, ...p })),
    spread: null,
    ...more,
  };
}

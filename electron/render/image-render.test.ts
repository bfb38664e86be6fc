import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageDraft } from '../model/image-draft';
import { type ImageAssetFacts, planImagePage } from './image-plan';
import { type PhotoSource, type Raw, renderImagePlan } from './image-render';
import { readImageInfo } from '../media/images';
import { imageDraft, photoEdit, photoLayer, shapeLayer, texturedRgb } from './test-images';
import { ssim } from './test-ssim';

/** The compositor's pixels, read back: placement, mirrors, EXIF turns, rotation, opacity, straighten, spreads. */

const W = 600;
const H = 400;
let dir: string;
const photos = new Map<string, PhotoSource>();
const facts = new Map<string, ImageAssetFacts>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-image-render-'));
  const rgb = texturedRgb(W, H, 7);
  const photo = path.join(dir, 'photo.png');
  await sharp(rgb, { raw: { width: W, height: H, channels: 3 } }).png().toFile(photo);
  // The same picture stored on its side, with EXIF orientation 6 ("turn 90° clockwise to show").
  const turned = path.join(dir, 'turned.jpg');
  await sharp(await sharp(rgb, { raw: { width: W, height: H, channels: 3 } }).rotate(270).png().toBuffer())
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 95 })
    .toFile(turned);
  const info = await readImageInfo(turned);
  photos.set('photo', { path: photo, orientation: 1 });
  photos.set('turned', { path: turned, orientation: info.orientation });
  facts.set('photo', { kind: 'image', width: W, height: H });
  facts.set('turned', { kind: 'image', width: info.facts.width ?? 0, height: info.facts.height ?? 0 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function render(draft: ImageDraft, page = 0): Promise<Raw> {
  return renderImagePlan(planImagePage(draft, page, { assets: facts, texts: new Map() }), { photos, textPath: () => '' });
}
const canvas = { preset: 'custom' as const, width: W, height: H };
const px = (r: Raw, x: number, y: number) => [...r.data.subarray((y * r.width + x) * 4, (y * r.width + x) * 4 + 4)];
/** R, G, B or . for the colour of each corner block (top-left, top-right, bottom-left, bottom-right). */
function corners(r: Raw): string {
  const at = (fx: number, fy: number) => {
    const [red, g, b] = px(r, Math.floor(fx * r.width), Math.floor(fy * r.height)) as [number, number, number];
    if (red > 170 && g < 100 && b < 100) return 'R';
    if (g > 160 && red < 100 && b < 110) return 'G';
    if (b > 170 && red < 100 && g < 110) return 'B';
    return '.';
  };
  return `${at(1 / 12, 1 / 12)}${at(11 / 12, 1 / 12)}${at(1 / 12, 11 / 12)}${at(11 / 12, 11 / 12)}`;
}
const fullPhoto = (assetId: string, edit = photoEdit()) => imageDraft([{ background: { type: 'colour', color: '#808080' }, layers: [photoLayer('p', assetId, { x: 0.5, y: 0.5, w: 1, h: 1 }, { edit })] }], { canvas });

describe('renderImagePlan', () => {
  it('draws a photo upright and mirrors it as the edit says', async () => {
    expect(corners(await render(fullPhoto('photo')))).toBe('RGB.');
    expect(corners(await render(fullPhoto('photo', photoEdit({ flipH: true }))))).toBe('GR.B');
    expect(corners(await render(fullPhoto('photo', photoEdit({ flipV: true }))))).toBe('B.RG');
    expect(corners(await render(fullPhoto('photo', photoEdit({ flipH: true, flipV: true }))))).toBe('.BGR');
  });

  it('turns a photo stored on its side by its EXIF orientation before cutting it', async () => {
    expect(facts.get('turned')).toMatchObject({ width: W, height: H });
    expect(corners(await render(fullPhoto('turned')))).toBe('RGB.');
    // A crop of the top-right quarter (the canvas's shape) has the green corner and no other.
    const quarter = await render(fullPhoto('turned', photoEdit({ crop: { left: 0.5, top: 0, right: 0, bottom: 0.5 } })));
    expect(corners(quarter)).toBe('.G..');
  });

  it('matches sharp drawing the same layer by hand (resize, composite at the box)', async () => {
    const d = imageDraft([{ background: { type: 'colour', color: '#204060' }, layers: [photoLayer('p', 'photo', { x: 0.5, y: 0.5, w: 0.5, h: 0.5 })] }], { canvas });
    const ours = await render(d);
    const small = await sharp(photos.get('photo')!.path).resize(W / 2, H / 2, { fit: 'fill' }).png().toBuffer();
    const ref = await sharp({ create: { width: W, height: H, channels: 4, background: '#204060' } }).composite([{ input: small, left: W / 4, top: H / 4 }]).raw().toBuffer();
    expect(ssim(ours.data, ref, W, H)).toBeGreaterThan(0.98);
    // Outside the box: the background, exactly.
    expect(px(ours, 10, 10)).toEqual([0x20, 0x40, 0x60, 255]);
  });

  it('turns a layer about its centre and fades it by its opacity', async () => {
    const bar = (rotation: number, opacity = 1) =>
      imageDraft([{ background: { type: 'colour', color: '#ffffff' }, layers: [shapeLayer('s', 'rect', { x: 0.5, y: 0.5, w: 0.5, h: 0.1, rotation }, { fill: '#000000', opacity })] }], { canvas: { preset: 'custom', width: 400, height: 400 } });
    const flat = await render(bar(0));
    expect(px(flat, 120, 200)).toEqual([0, 0, 0, 255]);
    expect(px(flat, 200, 130)).toEqual([255, 255, 255, 255]);
    const upright = await render(bar(90));
    expect(px(upright, 200, 130)).toEqual([0, 0, 0, 255]);
    expect(px(upright, 120, 200)).toEqual([255, 255, 255, 255]);
    const half = await render(bar(0, 0.5));
    for (const c of px(half, 200, 200).slice(0, 3)) expect(Math.abs(c - 128)).toBeLessThanOrEqual(2);
  });

  it('straightens without showing a corner: a straightened photo background covers the page', async () => {
    const d = imageDraft([{ background: { type: 'photo', assetId: 'photo', edit: photoEdit({ straighten: 30 }) }, layers: [] }], { canvas });
    const r = await render(d);
    let transparent = 0;
    for (let i = 3; i < r.data.length; i += 4) if (r.data[i]! < 255) transparent++;
    expect(transparent).toBe(0);
  });

  it('continues a spread across pages: the seam between page 1 and page 2 matches', async () => {
    const d = imageDraft(
      [0, 1].map(() => ({ background: { type: 'colour' as const, color: '#000000' }, layers: [] })),
      { canvas, spread: { type: 'photo', assetId: 'photo', edit: photoEdit({ adjust: { exposure: 0, contrast: 0, saturation: 0, temperature: 0, vibrance: 0, sharpen: 0, vignette: 0.8 } }) } },
    );
    const [a, b] = [await render(d, 0), await render(d, 1)];
    let diff = 0;
    for (let y = 0; y < H; y++) for (let c = 0; c < 3; c++) diff += Math.abs(px(a, W - 1, y)[c]! - px(b, 0, y)[c]!);
    // Neighbouring columns of a grainy picture: close, not equal.
    expect(diff / (H * 3)).toBeLessThan(20);
    // The vignette darkens the spread's outer edges, not the seam in its middle.
    const mean = (r: Raw, x: number) => px(r, x, H / 2).slice(0, 3).reduce((s, v) => s + v, 0);
    const plain = await render(imageDraft([0, 1].map(() => ({ background: { type: 'colour' as const, color: '#000000' }, layers: [] })), { canvas, spread: { type: 'photo', assetId: 'photo', edit: photoEdit() } }), 0);
    expect(mean(a, 2)).toBeLessThan(mean(plain, 2));
  });

  it('leaves no dark fringe at the edges of a turned layer (the turn blends in premultiplied alpha)', async () => {
    const d = imageDraft([{ background: { type: 'colour', color: '#ffffff' }, layers: [shapeLayer('s', 'rect', { x: 0.5, y: 0.5, w: 0.5, h: 0.5, rotation: 30 }, { fill: '#ffffff' })] }], { canvas });
    const r = await render(d);
    let darkest = 255;
    for (let i = 0; i < r.data.length; i += 4) darkest = Math.min(darkest, r.data[i]!, r.data[i + 1]!, r.data[i + 2]!);
    expect(darkest).toBeGreaterThanOrEqual(254);
  });
});

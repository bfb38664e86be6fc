import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TextLayerImage } from '../model/draft-record';
import { contains, pixelBox } from '../model/image-box';
import { type ImageAssetFacts, type ImagePlan, type ImagePlanFacts, photoCut, planImagePage, straightenScale, visibleWindow } from './image-plan';
import { imageDraft, photoEdit, photoLayer, shapeLayer, textLayer } from './test-images';

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '__golden__');

const assets = new Map<string, ImageAssetFacts>([
  ['land', { kind: 'image', width: 1600, height: 1000 }],
  ['tall', { kind: 'image', width: 900, height: 1600 }],
  ['logo', { kind: 'image', width: 400, height: 400 }],
  ['clip', { kind: 'video', width: 1920, height: 1080 }],
]);
const texts = new Map<string, TextLayerImage>([
  ['t1', { key: 'a'.repeat(64), width: 700, height: 180, left: 190, top: 1000 }],
  ['t2', { key: 'b'.repeat(64), width: 400, height: 90, left: 340, top: 100 }],
]);
const facts: ImagePlanFacts = { assets, texts };

/** The representative pages whose plans are pinned in __golden__/image_<name>.json. */
const cases: Record<string, { draft: ReturnType<typeof imageDraft>; page?: number }> = {
  // A colour background; a cropped, mirrored photo; a rotated text; each kind of shape; a hidden layer; opacity.
  layers: {
    draft: imageDraft([
      {
        background: { type: 'colour', color: '#F4F1EA' },
        layers: [
          photoLayer('p1', 'land', { x: 0.5, y: 0.35, w: 0.9, h: 0.5 }, { edit: photoEdit({ crop: { left: 0.1, top: 0, right: 0.2, bottom: 0.1 }, flipH: true }) }),
          textLayer('t1', 'Quote of the day', 0.5, 0.8, { rotation: -8 }),
          shapeLayer('rect', 'rect', { x: 0.2, y: 0.9, w: 0.2, h: 0.05 }, { stroke: { color: '#112233', width: 6 } }),
          shapeLayer('round', 'roundRect', { x: 0.5, y: 0.9, w: 0.2, h: 0.05, rotation: 10 }, { radius: 24, opacity: 0.5 }),
          shapeLayer('oval', 'ellipse', { x: 0.8, y: 0.9, w: 0.2, h: 0.05 }, { fill: null, stroke: { color: '#ff0000', width: 3 } }),
          shapeLayer('rule', 'line', { x: 0.5, y: 0.66, w: 0.6, h: 0.01 }, { fill: null, stroke: { color: '#000000', width: 4 } }),
          shapeLayer('gone', 'rect', { x: 0.5, y: 0.5, w: 1, h: 1 }, { hidden: true }),
        ],
      },
    ]),
  },
  // A gradient background; a photo straightened, rotated and edited; a logo half off the canvas.
  photo_edit: {
    draft: imageDraft([
      {
        background: { type: 'gradient', from: '#102030', to: '#f0a040', angle: 135 },
        layers: [
          photoLayer('p1', 'tall', { x: 0.5, y: 0.5, w: 0.7, h: 0.6, rotation: 12 }, {
            edit: photoEdit({ straighten: -7, flipV: true, adjust: { exposure: 0.2, contrast: 0.1, saturation: -0.2, temperature: 0.3, vibrance: 0.4, sharpen: 0.5, vignette: 0.6 }, filter: { name: 'fade', strength: 0.5 } }),
          }),
          photoLayer('logo', 'logo', { x: 0.98, y: 0.05, w: 0.2, h: 0.16 }, { opacity: 0.8 }),
          textLayer('t2', 'NEW', 0.5, 0.1),
        ],
      },
    ]),
  },
  // Page 2 of a 3-page carousel: its slice of a photo spread, and a huge photo mostly off the canvas.
  spread: {
    draft: imageDraft(
      [
        { background: { type: 'colour', color: '#000000' }, layers: [] },
        { background: { type: 'colour', color: '#000000' }, layers: [photoLayer('big', 'land', { x: 1.5, y: 1.2, w: 3, h: 3, rotation: 30 })] },
        { background: { type: 'colour', color: '#000000' }, layers: [] },
      ],
      { spread: { type: 'photo', assetId: 'land', edit: photoEdit({ straighten: 3, adjust: { exposure: 0, contrast: 0, saturation: 0, temperature: 0, vibrance: 0, sharpen: 0, vignette: 0.5 } }) } },
    ),
    page: 1,
  },
};

describe('planImagePage (golden)', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`plans "${name}" as pinned in __golden__/image_${name}.json`, () => {
      const plan = planImagePage(c.draft, c.page ?? 0, facts);
      const text = `${JSON.stringify(plan, null, 1)}\n`;
      const file = path.join(GOLDEN_DIR, `image_${name}.json`);
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, text);
      if (!fs.existsSync(file)) throw new Error(`No golden file ${file}. Run UPDATE_GOLDEN=1 npx vitest run electron/render/image-plan.test.ts and review it.`);
      expect(text).toBe(fs.readFileSync(file, 'utf8'));
    });
  }
});

describe('planImagePage', () => {
  const one = (layers: Parameters<typeof imageDraft>[0][number]['layers']) => imageDraft([{ background: { type: 'colour', color: '#ffffff' }, layers }]);
  const layerOps = (p: ImagePlan) => p.ops.slice(1);

  it('draws layers bottom to top over the background and skips hidden and fully transparent ones', () => {
    const plan = planImagePage(one([shapeLayer('a', 'rect', { x: 0.5, y: 0.5, w: 0.1, h: 0.1 }), shapeLayer('h', 'rect', { x: 0.5, y: 0.5, w: 0.1, h: 0.1 }, { hidden: true }), shapeLayer('z', 'rect', { x: 0.5, y: 0.5, w: 0.1, h: 0.1 }, { opacity: 0 }), shapeLayer('b', 'ellipse', { x: 0.5, y: 0.5, w: 0.1, h: 0.1 })]), 0, facts);
    expect(plan.ops[0]).toEqual({ op: 'fill', color: '#ffffff' });
    expect(layerOps(plan).map((o) => ('layerId' in o ? o.layerId : null))).toEqual(['a', 'b']);
  });

  it('skips a layer that lies wholly off the canvas, and one that draws nothing (a shape with neither fill nor stroke)', () => {
    const plan = planImagePage(one([photoLayer('off', 'land', { x: 1.9, y: 0.5, w: 0.2, h: 0.2 }), shapeLayer('empty', 'rect', { x: 0.5, y: 0.5, w: 0.2, h: 0.2 }, { fill: null })]), 0, facts);
    expect(layerOps(plan)).toEqual([]);
  });

  it('centres a layer where image-box.ts puts it and draws it at the box size (unrotated, on the canvas)', () => {
    const layer = photoLayer('p', 'land', { x: 0.25, y: 0.6, w: 0.4, h: 0.3 });
    const [op] = layerOps(planImagePage(one([layer]), 0, facts));
    const box = pixelBox(layer.type === 'media' ? layer.box : (undefined as never), { width: 1080, height: 1350 });
    expect(op).toMatchObject({ op: 'photo', width: Math.round(box.width), height: Math.round(box.height), centre: { x: box.cx, y: box.cy }, rotation: 0 });
  });

  it('cover-fills: the cut keeps the box aspect and the extract lies inside the crop', () => {
    const edit = photoEdit({ crop: { left: 0.2, top: 0.1, right: 0.1, bottom: 0.3 } });
    const cut = photoCut({ width: 1600, height: 1000 }, edit, { width: 500, height: 500 }, { x: 0, y: 0, width: 500, height: 500 }, () => 'x');
    // The crop is 1120×600: a square box takes its middle 600×600 (plus two output pixels of margin for resampling).
    expect(cut.extract.x).toBeGreaterThanOrEqual(320 + 260 - 3);
    expect(cut.extract.x + cut.extract.width).toBeLessThanOrEqual(320 + 860 + 3);
    expect(cut.extract.y).toBeGreaterThanOrEqual(100 - 3);
    expect(cut.extract.y + cut.extract.height).toBeLessThanOrEqual(700 + 3);
    expect(cut.resize.width / cut.resize.height).toBeCloseTo(cut.extract.width / cut.extract.height, 1);
    // A mirrored crop mirrors the extract: the cut comes from the other side of the source.
    const flipped = photoCut({ width: 1600, height: 1000 }, { ...edit, flipH: true }, { width: 500, height: 500 }, { x: 0, y: 0, width: 500, height: 500 }, () => 'x');
    expect(flipped.extract).toEqual(cut.extract);
    expect(flipped.flipH).toBe(true);
  });

  it('straightening enlarges the picture just enough that no corner of the frame shows', () => {
    expect(straightenScale(0, { width: 100, height: 50 })).toBe(1);
    const k = straightenScale(10, { width: 100, height: 50 });
    // The frame's corners, turned back into the enlarged picture, lie on or inside its edges.
    const a = (10 * Math.PI) / 180;
    for (const [x, y] of [[50, 25], [-50, 25]] as const) {
      const u = x * Math.cos(a) + y * Math.sin(a);
      const v = -x * Math.sin(a) + y * Math.cos(a);
      expect(Math.abs(u)).toBeLessThanOrEqual((k * 100) / 2 + 1e-9);
      expect(Math.abs(v)).toBeLessThanOrEqual((k * 50) / 2 + 1e-9);
    }
  });

  it('draws only the part of a big or half-off layer that can show', () => {
    // A 3000-pixel square centred on the canvas's top-left corner: only its bottom-right quarter's canvas-sized part.
    expect(visibleWindow({ width: 3000, height: 3000 }, { x: 0, y: 0 }, 0, { width: 1080, height: 1350 })).toEqual({ x: 1498, y: 1498, width: 1084, height: 1354 });
    // Turned, the window still holds every canvas pixel the layer covers, and is much smaller than the layer.
    const box = { cx: 1620, cy: 1620, width: 3240, height: 4050, rotation: 30 };
    const w = visibleWindow(box, { x: box.cx, y: box.cy }, box.rotation, { width: 1080, height: 1350 })!;
    expect(w.width * w.height).toBeLessThan((3240 * 4050) / 2);
    const a = (-30 * Math.PI) / 180;
    for (let y = 0; y <= 1350; y += 45) {
      for (let x = 0; x <= 1080; x += 45) {
        if (!contains(box, { x, y })) continue;
        const fx = (x - box.cx) * Math.cos(a) - (y - box.cy) * Math.sin(a) + box.width / 2;
        const fy = (x - box.cx) * Math.sin(a) + (y - box.cy) * Math.cos(a) + box.height / 2;
        expect(fx).toBeGreaterThanOrEqual(w.x);
        expect(fx).toBeLessThanOrEqual(w.x + w.width);
        expect(fy).toBeGreaterThanOrEqual(w.y);
        expect(fy).toBeLessThanOrEqual(w.y + w.height);
      }
    }
  });

  it('turns a text layer about its block centre: the PNG centre moves, the pivot stays', () => {
    const t = texts.get('t1')!;
    const layer = textLayer('t1', 'Quote', 0.5, 0.8, { rotation: 180 });
    const [op] = layerOps(planImagePage(one([layer]), 0, facts));
    const pivot = { x: 540, y: 1080 };
    const pngCentre = { x: t.left + t.width / 2, y: t.top + t.height / 2 };
    expect(op).toMatchObject({ op: 'text', rotation: 180 });
    if (op?.op !== 'text') throw new Error('not a text op');
    expect(op.centre.x).toBeCloseTo(2 * pivot.x - pngCentre.x, 3);
    expect(op.centre.y).toBeCloseTo(2 * pivot.y - pngCentre.y, 3);
  });

  it('gives a page of a spread its own slice of the spread', () => {
    const d = imageDraft(
      [0, 1, 2].map(() => ({ background: { type: 'colour' as const, color: '#000000' }, layers: [] })),
      { spread: { type: 'gradient', from: '#000000', to: '#ffffff', angle: 0 } },
    );
    const svgs = [0, 1, 2].map((i) => planImagePage(d, i, facts).ops[0]);
    expect(svgs.map((o) => (o?.op === 'svg' ? /viewBox="([^"]+)"/.exec(o.svg)?.[1] : null))).toEqual(['0 0 1080 1350', '1080 0 1080 1350', '2160 0 1080 1350']);
  });

  it('refuses a layer whose picture is gone, or a video, naming the layer and the page', () => {
    const gone = imageDraft([{ background: { type: 'colour', color: '#ffffff' } , layers: [] }, { background: { type: 'colour', color: '#ffffff' }, layers: [photoLayer('p', 'nope', { x: 0.5, y: 0.5, w: 0.5, h: 0.5 }, { name: 'Hero' })] }]);
    expect(() => planImagePage(gone, 1, facts)).toThrow(expect.objectContaining({ code: 'not_found', message: expect.stringMatching(/“Hero” on page 2 is no longer in the library/) }));
    const video = one([photoLayer('v', 'clip', { x: 0.5, y: 0.5, w: 0.5, h: 0.5 })]);
    expect(() => planImagePage(video, 0, facts)).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/uses a video/) }));
    const bg = imageDraft([{ background: { type: 'photo', assetId: 'nope', edit: photoEdit() }, layers: [] }]);
    expect(() => planImagePage(bg, 0, facts)).toThrow(expect.objectContaining({ code: 'not_found', message: expect.stringMatching(/background of page 1/) }));
  });

  it('refuses a crop that leaves nothing, and a page that is not there', () => {
    const d = one([photoLayer('p', 'land', { x: 0.5, y: 0.5, w: 0.5, h: 0.5 }, { edit: photoEdit({ crop: { left: 0.5, top: 0, right: 0.5, bottom: 0 } }) })]);
    expect(() => planImagePage(d, 0, facts)).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/Make the crop smaller/) }));
    expect(() => planImagePage(d, 3, facts)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

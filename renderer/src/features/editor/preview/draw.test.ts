import { describe, expect, it } from 'vitest';
import { defaultTransform } from '../../../../../electron/model/draft';
import { place } from '../../../../../electron/model/geometry';
import { proxyPlan } from '../../../../../electron/model/proxy';
import { scaleSourceRect } from './draw';

const vertical = { width: 1080, height: 1920 };

describe('scaleSourceRect', () => {
  it('leaves the rect alone when the drawable is the original', () => {
    const src = { width: 1920, height: 1080 };
    expect(scaleSourceRect({ x: 10, y: 20, width: 300, height: 200 }, src, src)).toEqual({ x: 10, y: 20, w: 300, h: 200 });
  });

  it("maps a cropped 2560x1440 original's rect onto its 960x540 proxy: the same part of the picture", () => {
    const original = { width: 2560, height: 1440 };
    const proxy = proxyPlan({ ...original, fps: 30 });
    expect(proxy).toMatchObject({ width: 960, height: 540 });
    const t = { ...defaultTransform('fill'), crop: { left: 0.25, top: 0.1, right: 0.25, bottom: 0.1 } };
    const p = place(t, original, vertical, true);
    expect(p.source).toEqual({ x: 640, y: 144, width: 1280, height: 1152 });
    // 960/2560 = 0.375 on both axes.
    expect(scaleSourceRect(p.source, original, proxy)).toEqual({ x: 240, y: 54, w: 480, h: 432 });
  });

  it('scales each axis by its own ratio when rounding to even pixels changed the aspect a little', () => {
    const original = { width: 4096, height: 2160 };
    const proxy = proxyPlan({ ...original, fps: 24 }); // 960x506
    const r = scaleSourceRect({ x: 0, y: 0, width: 4096, height: 2160 }, original, proxy);
    expect(r).toEqual({ x: 0, y: 0, w: 960, h: 506 });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSharp } from '../media/sharp';
import { emptyKitContent } from '../model/brand-kit';
import type { CaptionTrack } from '../model/caption-track';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';

/** captions.render (the preview's burned-in caption pictures) through a real Studio on a temporary library. */
describe('captions.render', () => {
  let t: TempStudio;
  beforeEach(async () => {
    t = await openTempStudio('pf-caption-render-');
  });
  afterEach(async () => {
    await t.close();
  });

  const canvas = { width: 540, height: 960 };
  const track = (styleId?: string): CaptionTrack => ({
    id: 'captions-1', language: 'en', name: 'English', ...(styleId ? { styleId } : {}),
    cues: [{ id: 'cue-1', text: 'Hello brave world', startSec: 0.5, endSec: 2.5, words: [
      { text: 'Hello', startSec: 0.5, endSec: 0.9 }, { text: 'brave', startSec: 1, endSec: 1.4 }, { text: 'world', startSec: 1.5, endSec: 2.4 },
    ] }],
  });

  /** Opaque pixels of a served PNG within 40 of `hex` in every channel. */
  async function pixelsOf(key: string, hex: string): Promise<number> {
    const file = await t.studio.resolveTextLayer(key);
    expect(file, `PNG ${key} is served`).not.toBeNull();
    const sharp = await loadSharp();
    const { data } = await sharp(file!.path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 250 && Math.abs(data[i]! - r!) < 40 && Math.abs(data[i + 1]! - g!) < 40 && Math.abs(data[i + 2]! - b!) < 40) n++;
    return n;
  }

  it('draws a karaoke track as one picture per lit word, served like text layers, in the kit’s accent', async () => {
    const { frames } = await t.studio.api['captions.render']({ canvas, kitId: null, track: track('karaoke') });
    // A word is lit from its start until the next one starts (the last until the cue ends).
    expect(frames.map((f) => [f.startSec, f.endSec])).toEqual([[0.5, 1], [1, 1.5], [1.5, 2.5]]);
    expect(new Set(frames.map((f) => f.key)).size).toBe(3);
    for (const f of frames) {
      expect(f.key).toMatch(/^[0-9a-f]{64}$/);
      // Inside the canvas, in its lower part (the default anchor is the bottom third).
      expect(f.left).toBeGreaterThanOrEqual(0);
      expect(f.left + f.width).toBeLessThanOrEqual(canvas.width);
      expect(f.top).toBeGreaterThan(canvas.height / 2);
      expect(await pixelsOf(f.key, '#ffd400'), 'the lit word in the default yellow').toBeGreaterThan(50);
    }

    const kit = await t.studio.api['kits.create']({ actorId: 'owner', content: { ...emptyKitContent('Acme'), palette: [{ name: 'Sky', color: '#00c0ff', role: 'accent' }] } });
    const branded = await t.studio.api['captions.render']({ canvas, kitId: kit.id, track: track('karaoke') });
    expect(branded.frames.map((f) => [f.startSec, f.endSec])).toEqual([[0.5, 1], [1, 1.5], [1.5, 2.5]]);
    for (const f of branded.frames) {
      expect(frames.some((g) => g.key === f.key)).toBe(false);
      expect(await pixelsOf(f.key, '#00c0ff'), 'the lit word in the kit’s accent').toBeGreaterThan(50);
      expect(await pixelsOf(f.key, '#ffd400')).toBe(0);
    }
    // A kit that is gone draws the default look, as the export does.
    await t.studio.api['kits.delete']({ id: kit.id, actorId: 'owner' });
    expect((await t.studio.api['captions.render']({ canvas, kitId: kit.id, track: track('karaoke') })).frames.map((f) => f.key)).toEqual(frames.map((f) => f.key));
  });

  it('answers no pictures for a sidecar track, refuses an unknown style, and checks the track it is sent', async () => {
    expect(await t.studio.api['captions.render']({ canvas, kitId: null, track: track() })).toEqual({ frames: [] });
    await expect(t.studio.api['captions.render']({ canvas, kitId: null, track: track('sparkle') })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/karaoke/) });
    const route = (name: string, input: unknown) => t.studio.route(name, input, t.studio.ownerCaller());
    const bad = track('karaoke');
    bad.cues = [{ ...bad.cues[0]!, id: 'b', startSec: 3, endSec: 4, words: undefined }, { ...bad.cues[0]!, id: 'a', words: undefined }];
    expect(await route('captions.render', { canvas, kitId: null, track: bad })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/in order/) } });
    expect(await route('captions.render', { canvas: { width: 99999, height: 10 }, kitId: null, track: track('karaoke') })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

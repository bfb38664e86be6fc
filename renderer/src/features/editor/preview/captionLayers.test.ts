import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaptionPicture } from '../../../../../electron/model/caption-frames';
import type { CaptionTrack } from '../../../../../electron/model/caption-track';
import { newVideoDraft, type VideoDraft } from '../../../../../electron/model/draft';
import { AHEAD_SEC, CaptionLayerCache, type CaptionRenderInput, DEBOUNCE_MS } from './captionLayers';

/** A fake engine: each request waits until the test answers it; pictures are one per cue, keyed by text. */
function fakeEngine() {
  const requests: { input: CaptionRenderInput; answer: () => void; fail: () => void }[] = [];
  const loads: { key: string; done: () => void }[] = [];
  const closed: string[] = [];
  const render = (input: CaptionRenderInput) =>
    new Promise<{ frames: CaptionPicture[] }>((resolve, reject) => {
      const frames = input.track.cues.map((c) => ({ key: `${c.text}@${input.canvas.width}`, left: 10, top: 20, width: 30, height: 40, startSec: c.startSec, endSec: c.endSec }));
      requests.push({ input, answer: () => resolve({ frames }), fail: () => reject(new Error('engine down')) });
    });
  const load = (key: string) =>
    new Promise<ImageBitmap>((resolve) => {
      loads.push({ key, done: () => resolve({ close: () => closed.push(key) } as unknown as ImageBitmap) });
    });
  return { requests, loads, closed, deps: { render, load } };
}

/** Lets the promise callbacks of answered requests and loads run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function draftWith(texts: string[], styleId: string | null = 'karaoke', every = 1): VideoDraft {
  let n = 0;
  const d = newVideoDraft('Caps', '9:16', 30, (p) => `${p}-${n++}`);
  const track: CaptionTrack = { id: 'captions-1', language: 'en', name: 'English', ...(styleId ? { styleId } : {}), cues: texts.map((text, i) => ({ id: `c${i}`, text, startSec: i * every, endSec: (i + 1) * every })) };
  return { ...d, captions: [track] };
}

describe('CaptionLayerCache', () => {
  let engine: ReturnType<typeof fakeEngine>;
  let changes: number;
  let cache: CaptionLayerCache;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    engine = fakeEngine();
    changes = 0;
    cache = new CaptionLayerCache(() => changes++, engine.deps);
  });
  afterEach(() => {
    cache.destroy();
    vi.useRealTimers();
  });

  it('asks for a track at once, decodes its pictures, then draws the one the export shows on the frame at t', async () => {
    const d = draftWith(['One', 'Two', 'Three']);
    expect(cache.at(d, 1.2)).toEqual({ pictures: [], ready: false });
    expect(engine.requests).toHaveLength(1);
    expect(engine.requests[0]!.input).toMatchObject({ canvas: { width: 1080, height: 1920 }, kitId: null });
    engine.requests[0]!.answer();
    await flush();
    expect(changes).toBeGreaterThan(0);
    // The answer waits for its pictures: nothing is drawn half-loaded.
    expect(cache.at(d, 1.2).ready).toBe(false);
    expect(engine.loads.map((l) => l.key)).toEqual(['Two@1080', 'Three@1080', 'One@1080']);
    engine.loads.forEach((l) => l.done());
    await flush();
    const at = cache.at(d, 1.2);
    expect(at.ready).toBe(true);
    expect(at.pictures.map((p) => [p.key, p.left, p.top, p.width, p.height])).toEqual([['Two@1080', 10, 20, 30, 40]]);
    // Frame 60 at 30 fps is 2.0 s: the third cue, even when the playhead sits a hair before it.
    expect(cache.at(d, 2 - 1e-9).pictures.map((p) => p.key)).toEqual(['Three@1080']);
    expect(cache.at(d, 5).pictures).toEqual([]);
    // Nothing more was asked per frame.
    expect(engine.requests).toHaveLength(1);
  });

  it('while typing, keeps the pictures shown and asks once after a pause; a stale answer is dropped', async () => {
    let d = draftWith(['Hello']);
    cache.at(d, 0.5);
    engine.requests[0]!.answer();
    await flush();
    cache.at(d, 0.5);
    engine.loads[0]!.done();
    await flush();
    expect(cache.at(d, 0.5).pictures.map((p) => p.key)).toEqual(['Hello@1080']);

    for (const text of ['Hello w', 'Hello wo', 'Hello wor']) {
      d = draftWith([text]);
      expect(cache.at(d, 0.5).pictures.map((p) => p.key), 'the old picture stays while typing').toEqual(['Hello@1080']);
      vi.advanceTimersByTime(DEBOUNCE_MS / 2);
    }
    expect(engine.requests).toHaveLength(1);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(engine.requests.map((r) => r.input.track.cues[0]!.text)).toEqual(['Hello', 'Hello wor']);
    // More typing while that request runs: a newer one is sent; the older answer arrives last and is dropped.
    d = draftWith(['Hello world']);
    cache.at(d, 0.5);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(engine.requests).toHaveLength(3);
    engine.requests[2]!.answer();
    await flush();
    engine.requests[1]!.answer();
    await flush();
    expect(cache.at(d, 0.5)).toEqual({ pictures: [expect.objectContaining({ key: 'Hello@1080' })], ready: false });
    expect(engine.loads.map((l) => l.key)).toEqual(['Hello@1080', 'Hello world@1080']);
    engine.loads[1]!.done();
    await flush();
    expect(cache.at(d, 0.5)).toEqual({ pictures: [expect.objectContaining({ key: 'Hello world@1080' })], ready: true });
    // Undo back to what is shown asks nothing.
    expect(cache.at(draftWith(['Hello world']), 0.5).ready).toBe(true);
    vi.advanceTimersByTime(DEBOUNCE_MS * 2);
    expect(engine.requests).toHaveLength(3);
    // The kit edited in the Brand room (its updatedAt moves): asked again, with the same kit.
    const branded = { ...d, kitId: 'kit-1' };
    cache.at(branded, 0.5, '2026-12-04T10:00:00Z');
    vi.advanceTimersByTime(DEBOUNCE_MS);
    cache.at(branded, 0.5, '2026-12-04T10:05:00Z');
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(engine.requests.slice(3).map((r) => r.input.kitId)).toEqual(['kit-1', 'kit-1']);
  });

  it('decodes only a window around t, and closes pictures far behind', async () => {
    const texts = Array.from({ length: 400 }, (_, i) => `Cue ${i}`);
    const d = draftWith(texts);
    cache.at(d, 0);
    engine.requests[0]!.answer();
    await flush();
    cache.at(d, 0);
    expect(engine.loads).toHaveLength(AHEAD_SEC);
    engine.loads.forEach((l) => l.done());
    await flush();
    expect(cache.at(d, 0).ready).toBe(true);
    // Playing on to 70 s: what lies 20 s behind is closed, the next minute is decoded.
    cache.at(d, 70);
    expect(engine.closed).toContain('Cue 0@1080');
    expect(engine.closed).not.toContain('Cue 59@1080');
    expect(engine.loads.map((l) => l.key)).toContain('Cue 129@1080');
    expect(engine.loads.map((l) => l.key)).not.toContain('Cue 130@1080');
  });

  it('draws nothing for a sidecar track and forgets a deleted one; a failed request is retried', async () => {
    expect(cache.at(draftWith(['Plain'], null), 0.5)).toEqual({ pictures: [], ready: true });
    expect(engine.requests).toHaveLength(0);
    const d = draftWith(['Hi']);
    cache.at(d, 0.5);
    engine.requests[0]!.fail();
    await flush();
    // A failure does not hold the preview "not ready" forever; it is asked again a little later.
    expect(cache.at(d, 0.5)).toEqual({ pictures: [], ready: true });
    vi.advanceTimersByTime(2000);
    expect(engine.requests).toHaveLength(2);
    engine.requests[1]!.answer();
    await flush();
    cache.at(d, 0.5);
    engine.loads[0]!.done();
    await flush();
    expect(cache.at(d, 0.5).pictures).toHaveLength(1);
    expect(cache.at({ ...d, captions: [] }, 0.5)).toEqual({ pictures: [], ready: true });
  });
});

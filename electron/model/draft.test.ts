import { describe, expect, it } from 'vitest';
import { clipDuration, defaultTextStyle, defaultTransform, draftDuration, newVideoDraft, VideoDraft, type MediaClip } from './draft';
import { migrateDraft } from './draft-migrate';

let n = 0;
const id = (p: string) => `${p}-${++n}`;

const clip = (over: Partial<MediaClip> = {}): MediaClip => ({
  id: id('clip'), type: 'media', assetId: 'a1', start: 0, in: 2, out: 10, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0,
  transform: defaultTransform(), transitionIn: null, brand: null, ...over,
});

describe('draft model', () => {
  it('a new video draft is valid and has the standard tracks', () => {
    const d = newVideoDraft('My reel', '9:16', 30, id);
    expect(VideoDraft.parse(d)).toEqual(d);
    expect(d.canvas).toMatchObject({ width: 1080, height: 1920, fps: 30 });
    expect(d.tracks.map((t) => t.kind)).toEqual(['main', 'overlay', 'text', 'audio', 'audio']);
  });

  it('clip length follows speed; the draft ends at its last clip', () => {
    expect(clipDuration(clip({ speed: 2 }))).toBe(4);
    const d = newVideoDraft('x', '9:16', 30, id);
    d.tracks[0]!.clips.push(clip({ start: 0 }), clip({ start: 8, speed: 0.5 }));
    expect(draftDuration(d)).toBe(24);
  });

  it('refuses a clip that ends before it starts', () => {
    const d = newVideoDraft('x', '9:16', 30, id);
    d.tracks[0]!.clips.push(clip({ in: 5, out: 5 }));
    expect(() => VideoDraft.parse(d)).toThrow(/out > in/);
  });
});

describe('migrateDraft', () => {
  it('reads the current version', () => {
    const d = newVideoDraft('x', '1:1', 24, id);
    expect(migrateDraft(JSON.parse(JSON.stringify(d)))).toEqual(d);
  });
  it('reads a draft saved before brand kits: no kit, no text roles, no brand marks', () => {
    const d = newVideoDraft('old', '9:16', 30, id);
    const main = { ...d.tracks[0]!, clips: [clip()] };
    const text = { ...d.tracks[2]!, clips: [{ id: 't1', type: 'text', start: 0, duration: 2, text: 'Hi', style: defaultTextStyle, x: 0.5, y: 0.5, maxWidth: 0.8, fadeIn: 0, fadeOut: 0 }] };
    const stored = JSON.parse(JSON.stringify({ ...d, tracks: [main, d.tracks[1], text, ...d.tracks.slice(3)] })) as Record<string, unknown>;
    delete stored.kitId;
    for (const c of (stored.tracks as { clips: Record<string, unknown>[] }[])[0]!.clips) delete c.brand;
    const read = migrateDraft(stored);
    if (read.kind !== 'video') throw new Error('video');
    expect(read.kitId).toBeNull();
    expect(read.tracks[0]!.clips[0]).toMatchObject({ brand: null });
    expect(read.tracks[2]!.clips[0]).toMatchObject({ styleRole: null });
    const img = migrateDraft({ schemaVersion: 1, kind: 'image', name: 'i', canvas: d.canvas, layers: [{ id: 'l', type: 'media', assetId: 'a', transform: defaultTransform() }] });
    expect(img).toMatchObject({ kitId: null, layers: [{ brand: null }] });
  });
  it('refuses an unknown brand mark, naming the clip', () => {
    const d = newVideoDraft('x', '9:16', 30, id);
    const bad = { ...d, tracks: [{ ...d.tracks[0]!, clips: [{ ...clip(), brand: 'sticker' }] }] };
    expect(() => migrateDraft(bad)).toThrow(/tracks\.0\.clips\.0/);
  });
  it('refuses drafts from a newer Postframe, and explains broken ones', () => {
    expect(() => migrateDraft({ schemaVersion: 99, kind: 'video' })).toThrow(/newer Postframe/);
    expect(() => migrateDraft({ kind: 'video' })).toThrow(/schemaVersion/);
    expect(() => migrateDraft([])).toThrow(/not a Postframe draft/);
    expect(() => migrateDraft({ schemaVersion: 1, kind: 'video', name: 'x', canvas: { preset: '9:16', width: 1080, height: 1920, fps: 25, background: '#000000' }, tracks: [] }))
      .toThrow(/canvas\.fps/);
  });
});

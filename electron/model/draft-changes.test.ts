import { describe, expect, it } from 'vitest';
import { defaultTextStyle, defaultTransform, type MediaClip, newVideoDraft, type TextClip, type VideoDraft } from './draft';
import { draftChanges, sameValue } from './draft-changes';
import { imageCanvasFor, type ImageDraft, newImageDraft, type ShapeLayer } from './image-draft';

let n = 0;
const ids = (p: string) => `${p}${n++}`;
const clip = (id: string, over: Partial<MediaClip> = {}): MediaClip => ({
  id, type: 'media', assetId: 'a', start: 0, in: 0, out: 4, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null, ...over,
});
const title = (id: string, over: Partial<TextClip> = {}): TextClip => ({
  id, type: 'text', start: 0, duration: 2, text: 'Hi', style: defaultTextStyle, x: 0.5, y: 0.5, maxWidth: 0.8, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null, ...over,
});
/** A video draft with these clips on the main track and these titles on the text track. */
function video(clips: MediaClip[], titles: TextClip[] = [], base = newVideoDraft('Reel', '9:16', 30, ids)): VideoDraft {
  return { ...base, tracks: base.tracks.map((t) => (t.kind === 'main' ? { ...t, clips } : t.kind === 'text' ? { ...t, clips: titles } : t)) };
}

describe('draftChanges (video)', () => {
  const base = newVideoDraft('Reel', '9:16', 30, ids);
  const before = video([clip('c1'), clip('c2', { start: 4 })], [title('t1')], base);

  it('is empty for equal documents, whatever their key order or undefined keys', () => {
    expect(draftChanges(before, JSON.parse(JSON.stringify(before)) as VideoDraft)).toEqual([]);
    expect(draftChanges(before, { ...before, captions: undefined })).toEqual([]);
    expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  });

  it('counts clips and titles added and removed, trimmed and moved, by id', () => {
    const after = video([clip('c1', { out: 3 }), clip('c3'), clip('c4')], [title('t1', { x: 0.2 })], base);
    expect(draftChanges(before, after)).toEqual([
      { kind: 'added', what: 'clip', count: 2 },
      { kind: 'removed', what: 'clip', count: 1 },
      { kind: 'trimmed', count: 1 },
      { kind: 'moved', what: 'title', count: 1 },
    ]);
  });

  it('names the look when every changed clip has the same one, and says "edited" for other clip settings', () => {
    const warm = { adjust: {}, lut: { id: 'warm', strength: 1 } };
    expect(draftChanges(before, video([clip('c1', { look: warm }), clip('c2', { start: 4, look: warm })], [title('t1')], base))).toEqual([{ kind: 'look', lut: 'warm' }]);
    expect(draftChanges(before, video([clip('c1', { look: warm }), clip('c2', { start: 4, look: { adjust: { exposure: 1 }, lut: null } })], [title('t1')], base))).toEqual([{ kind: 'look', lut: null }]);
    // Look: None (the look taken off, or left at nothing) is told apart from a hand adjustment (a walk read "Adjusted colour").
    const warmBefore = video([clip('c1', { look: warm }), clip('c2', { start: 4 })], [title('t1')], base);
    expect(draftChanges(warmBefore, before)).toEqual([{ kind: 'look', lut: null, removed: true }]);
    expect(draftChanges(warmBefore, video([clip('c1', { look: { adjust: {}, lut: null } }), clip('c2', { start: 4 })], [title('t1')], base))).toEqual([{ kind: 'look', lut: null, removed: true }]);
    expect(draftChanges(before, video([clip('c1', { volume: 0 }), clip('c2', { start: 4 })], [title('t1', { text: 'Sale' })], base))).toEqual([
      { kind: 'text', count: 1 },
      { kind: 'edited', what: 'clip', count: 1 },
    ]);
  });

  it('tells canvas, frame rate, background, tracks, captions, kit and name apart', () => {
    const after: VideoDraft = {
      ...before,
      name: 'Reel v2',
      kitId: 'kit',
      canvas: { ...before.canvas, preset: '1:1', width: 1080, height: 1080, fps: 60, background: '#ffffff' },
      tracks: before.tracks.map((t) => (t.kind === 'audio' ? { ...t, muted: true } : t)),
      captions: [{ id: 'cap', name: 'English', language: 'en', cues: [] }],
    };
    expect(draftChanges(before, after).map((c) => c.kind)).toEqual(['canvas', 'tracks', 'captions', 'fps', 'background', 'kit', 'renamed']);
    expect(draftChanges(before, after)[0]).toEqual({ kind: 'canvas', from: '9:16', to: '1:1' });
    expect(draftChanges(before, { ...before, name: 'X' })).toEqual([{ kind: 'renamed', to: 'X' }]);
  });

  it('says "other" for a difference no detector names (clips reordered on their track)', () => {
    const swapped = video([clip('c2', { start: 4 }), clip('c1')], [title('t1')], base);
    expect(draftChanges(before, swapped)).toEqual([{ kind: 'other' }]);
  });
});

describe('draftChanges (image)', () => {
  const shape = (id: string, over: Partial<ShapeLayer> = {}): ShapeLayer => ({
    id, type: 'shape', name: '', hidden: false, locked: false, groupId: null, template: null, opacity: 1, shape: 'rect',
    box: { x: 0.5, y: 0.5, w: 0.5, h: 0.5, rotation: 0 }, fill: '#ff0000', stroke: null, radius: 0, ...over,
  });
  const base = newImageDraft('Post', imageCanvasFor('4:5'), ids);
  const page = base.pages[0]!;
  const before: ImageDraft = { ...base, pages: [{ ...page, layers: [shape('s1'), shape('s2')] }] };

  it('counts pages and layers added, removed, moved and edited; backgrounds and custom sizes', () => {
    const after: ImageDraft = {
      ...before,
      canvas: { preset: 'custom', width: 800, height: 600 },
      pages: [
        { ...page, background: { type: 'colour', color: '#000000' }, layers: [shape('s1', { box: { x: 0.2, y: 0.5, w: 0.5, h: 0.5, rotation: 0 } }), shape('s3', { fill: null })] },
        { id: 'p2', background: page.background, layers: [] },
      ],
    };
    expect(draftChanges(before, after)).toEqual([
      { kind: 'canvas', from: '4:5', to: '800×600' },
      { kind: 'added', what: 'layer', count: 1 },
      { kind: 'added', what: 'page', count: 1 },
      { kind: 'removed', what: 'layer', count: 1 },
      { kind: 'moved', what: 'layer', count: 1 },
      { kind: 'background' },
    ]);
    expect(draftChanges(before, { ...before, pages: [{ ...page, layers: [shape('s1', { fill: '#00ff00' }), shape('s2')] }] })).toEqual([{ kind: 'edited', what: 'layer', count: 1 }]);
    const custom: ImageDraft = { ...before, canvas: { preset: 'custom', width: 800, height: 600 } };
    expect(draftChanges(custom, { ...custom, canvas: { preset: 'custom', width: 900, height: 600 } })).toEqual([{ kind: 'canvas', from: '800×600', to: '900×600' }]);
  });
});

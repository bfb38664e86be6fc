import { describe, expect, it } from 'vitest';
import { clipDuration, defaultTextStyle, defaultTransform, DRAFT_SCHEMA_VERSION, draftDuration, newVideoDraft, noAdjustments, noFilter, VideoDraft, type MediaClip } from './draft';
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
  });

  it('reads a version 1 image draft as one page on its canvas colour, layers in place', () => {
    const canvas = { preset: '16:9', width: 1920, height: 1080, fps: 30, background: '#102030' };
    const text = { id: 't', type: 'text', text: 'Hi', style: defaultTextStyle, x: 0.4, y: 0.3, maxWidth: 0.8 };
    const img = migrateDraft({ schemaVersion: 1, kind: 'image', name: 'i', canvas, layers: [{ id: 'l', type: 'media', assetId: 'a', transform: { ...defaultTransform(), x: 0.25, scale: 0.5, opacity: 0.7, crop: { left: 0.1, top: 0, right: 0, bottom: 0.2 } } }, text] });
    expect(img).toEqual({
      schemaVersion: DRAFT_SCHEMA_VERSION, kind: 'image', name: 'i', kitId: null, spread: null,
      canvas: { preset: 'custom', width: 1920, height: 1080 },
      pages: [{ id: 'page-1', background: { type: 'colour', color: '#102030' }, layers: [
        { id: 'l', type: 'media', assetId: 'a', brand: null, name: '', hidden: false, locked: false, groupId: null, template: null, opacity: 0.7,
          box: { x: 0.25, y: 0.5, w: 0.5, h: 0.5, rotation: 0 },
          edit: { crop: { left: 0.1, top: 0, right: 0, bottom: 0.2 }, straighten: 0, flipH: false, flipV: false, adjust: noAdjustments, filter: noFilter } },
        { ...text, styleRole: null, rotation: 0, name: '', hidden: false, locked: false, groupId: null, template: null, opacity: 1 },
      ] }],
    });
  });
  it('reads a version 2 video draft with no captions, and leaves out a "captions" key version 2 never had', () => {
    const d = newVideoDraft('v2', '9:16', 30, id);
    const v2 = { ...JSON.parse(JSON.stringify(d)), schemaVersion: 2 } as Record<string, unknown>;
    const read = migrateDraft(v2);
    expect(read).toEqual(d);
    expect(read.schemaVersion).toBe(DRAFT_SCHEMA_VERSION);
    const stray = migrateDraft({ ...v2, captions: [{ id: 'x', language: 'en', name: 'E', cues: [] }] });
    expect(stray.kind === 'video' && stray.captions).toBeUndefined();
  });
  it('keeps the caption tracks of a version 3 draft, and names a broken cue', () => {
    const d = newVideoDraft('v3', '9:16', 30, id);
    const captions = [{ id: 'cap-en', language: 'en', name: 'English', cues: [{ id: 'q1', text: 'Hello  there', startSec: 1, endSec: 2 }] }];
    const read = migrateDraft({ ...d, captions });
    expect(read.kind === 'video' && read.captions).toEqual([{ ...captions[0], cues: [{ id: 'q1', text: 'Hello there', startSec: 1, endSec: 2 }] }]);
    const bad = { ...captions[0]!, cues: [{ id: 'q1', text: 'Hi', startSec: 2, endSec: 1 }] };
    expect(() => migrateDraft({ ...d, captions: [bad] })).toThrow(/captions\.0\.cues\.0\.endSec: A caption must end after it starts/);
  });
  it('reads a version 3 draft as unturned and still: rotation 0, stray keyframes and rotations left out', () => {
    const d = newVideoDraft('v3', '9:16', 30, id);
    const media = JSON.parse(JSON.stringify(clip())) as { transform: Record<string, unknown> } & Record<string, unknown>;
    delete media.transform.rotation;
    const textV3 = { id: 't1', type: 'text', start: 0, duration: 2, text: 'Hi', style: defaultTextStyle, x: 0.5, y: 0.5, maxWidth: 0.8, fadeIn: 0, fadeOut: 0, styleRole: null };
    const strayKeys = { opacity: [{ t: 0, value: 0, easing: 'linear' }] };
    const v3 = {
      ...JSON.parse(JSON.stringify(d)), schemaVersion: 3,
      tracks: [{ ...d.tracks[0]!, clips: [{ ...media, keyframes: strayKeys }] }, d.tracks[1], { ...d.tracks[2]!, clips: [{ ...textV3, rotation: 45, keyframes: strayKeys }] }, ...d.tracks.slice(3)],
    } as Record<string, unknown>;
    const read = migrateDraft(v3);
    if (read.kind !== 'video') throw new Error('video');
    expect(read.schemaVersion).toBe(DRAFT_SCHEMA_VERSION);
    const [m] = read.tracks[0]!.clips;
    const [t] = read.tracks[2]!.clips;
    expect(m).toMatchObject({ transform: { rotation: 0 } });
    expect(t).toMatchObject({ rotation: 0 });
    expect(m && 'keyframes' in m).toBe(false);
    expect(t && 'keyframes' in t).toBe(false);
    // Every version-3 field survives the step.
    expect(m).toEqual({ ...media, transform: { ...media.transform, rotation: 0 } });
    expect(t).toEqual({ ...textV3, rotation: 0 });
  });
  it('keeps the rotation and keyframes of a version 4 draft, and names a broken key', () => {
    const d = newVideoDraft('v4', '9:16', 30, id);
    const keyframes = {
      position: [{ t: 0, value: { x: 0.2, y: 0.5 }, easing: 'easeInOut' }, { t: 2, value: { x: 0.8, y: 0.5 }, easing: 'hold' }],
      scale: [{ t: 0.5, value: 1.2, easing: 'linear' }],
    };
    const doc = { ...d, tracks: [{ ...d.tracks[0]!, clips: [clip({ transform: { ...defaultTransform(), rotation: -30 }, keyframes: keyframes as MediaClip['keyframes'] })] }, ...d.tracks.slice(1)] };
    const read = migrateDraft(JSON.parse(JSON.stringify(doc)));
    expect(read).toEqual(doc);
    const unordered = { ...keyframes, scale: [{ t: 1, value: 1, easing: 'linear' }, { t: 1, value: 2, easing: 'linear' }] };
    const bad = { ...doc, tracks: [{ ...doc.tracks[0]!, clips: [{ ...doc.tracks[0]!.clips[0]!, keyframes: unordered }] }, ...doc.tracks.slice(1)] };
    expect(() => migrateDraft(bad)).toThrow(/tracks\.0\.clips\.0\.keyframes\.scale: Keyframes must be in time order/);
    const turned = { ...doc, tracks: [{ ...doc.tracks[0]!, clips: [clip({ transform: { ...defaultTransform(), rotation: 181 } })] }, ...doc.tracks.slice(1)] };
    expect(() => migrateDraft(turned)).toThrow(/transform\.rotation/);
  });
  it('a version 4 clip written without a rotation reads as unturned', () => {
    const d = newVideoDraft('v4', '9:16', 30, id);
    const media = JSON.parse(JSON.stringify(clip())) as { transform: Record<string, unknown> };
    delete media.transform.rotation;
    const read = migrateDraft({ ...d, tracks: [{ ...d.tracks[0]!, clips: [media] }, ...d.tracks.slice(1)] });
    expect(read.kind === 'video' && read.tracks[0]!.clips[0]).toMatchObject({ transform: { rotation: 0 } });
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

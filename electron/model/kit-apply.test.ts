import { describe, expect, it } from 'vitest';
import { defaultWatermark, type KitTextStyle } from './brand-kit';
import { clipEnd, defaultTextStyle, ImageMediaLayer, ImageTextLayer, imageCanvasFor, type MediaClip, newImageDraft, newVideoDraft, type TextClip, VideoDraft } from './draft';
import { addIntroOutro, addLogo, addWatermark, applyKit, contentDuration, type Kit, kitTextClip, roleStyle, watermarkCoverage, WATERMARK_TRACK_NAME } from './kit-apply';
import { watermarkRect, watermarkTransform } from './kit-place';
import { scaleTextStyle, textPreset } from './text-presets';
import { findClip, insertClip, mainTrack, newMediaClip, newTextClip, type SourceFacts, type SourceInfo } from './timeline';

const facts: Record<string, SourceFacts & { width: number; height: number }> = {
  v4: { kind: 'video', durationSec: 4, width: 1080, height: 1920 },
  v2: { kind: 'video', durationSec: 2, width: 1080, height: 1920 },
  intro: { kind: 'video', durationSec: 1.5, width: 1080, height: 1920 },
  intro2: { kind: 'video', durationSec: 1, width: 1080, height: 1920 },
  outro: { kind: 'video', durationSec: 2, width: 1080, height: 1920 },
  logoA: { kind: 'image', durationSec: null, width: 600, height: 200 },
  logoB: { kind: 'image', durationSec: null, width: 300, height: 300 },
  logoDark: { kind: 'image', durationSec: null, width: 400, height: 100 },
  song: { kind: 'audio', durationSec: 5, width: 0, height: 0 },
};
const info: SourceInfo = (id) => facts[id];
const sizeOf = (id: string) => (facts[id] && facts[id].width > 0 ? { width: facts[id].width, height: facts[id].height } : null);

let n = 0;
const idFor = (p: string) => `${p}-${++n}`;

const style = (over: Partial<KitTextStyle['style']>): KitTextStyle['style'] => ({ ...defaultTextStyle, ...over });
const kitA: Kit = {
  id: 'kit-a', name: 'Acme',
  textStyles: [
    { role: 'title', style: style({ size: 120, color: '#e4002b', stroke: { color: '#ffffff', width: 10 } }), placement: { x: 0.5, y: 0.25, maxWidth: 0.8 } },
    { role: 'caption', style: style({ size: 60, color: '#111111', box: { color: '#ffd400', opacity: 1, padding: 20, radius: 12 }, stroke: null }), placement: { x: 0.5, y: 0.7, maxWidth: 0.8 } },
  ],
  logos: { light: 'logoA', dark: null }, watermark: { logo: 'light', corner: 'top-left', margin: 0.05, size: 0.2, opacity: 0.8 }, intro: 'intro', outro: 'outro',
};
const kitB: Kit = {
  id: 'kit-b', name: 'Bold',
  textStyles: [{ role: 'title', style: style({ size: 90, color: '#00ff88', bold: false, stroke: null }), placement: { x: 0.5, y: 0.1, maxWidth: 0.9 } }],
  logos: { light: null, dark: 'logoB' }, watermark: { logo: 'dark', corner: 'bottom-right', margin: 0.02, size: 0.3, opacity: 0.5 }, intro: 'intro2', outro: null,
};
const bare: Kit = { id: 'kit-0', name: 'Bare', textStyles: [], logos: { light: null, dark: null }, watermark: null, intro: null, outro: null };

function ok(r: ReturnType<typeof insertClip>): VideoDraft {
  if (!r.ok) throw new Error(r.message);
  return r.draft;
}

/** A 9:16 draft: two videos on main (4 s + 2 s), a kit title, a hand-styled caption, music. */
function sample(): VideoDraft {
  let d = newVideoDraft('Kit', '9:16', 30, idFor);
  const main = mainTrack(d)!;
  d = ok(insertClip(d, main.id, newMediaClip({ id: 'v4', kind: 'video', durationSec: 4 }, 0, idFor), 0, info));
  d = ok(insertClip(d, main.id, newMediaClip({ id: 'v2', kind: 'video', durationSec: 2 }, 9, idFor), 9, info));
  const text = d.tracks.find((t) => t.kind === 'text')!;
  d = ok(insertClip(d, text.id, { ...kitTextClip(kitA, 'title', 'Hello', 0, 1080, 'title-1', 2), x: 0.3, y: 0.4 }, 1, info));
  d = ok(insertClip(d, text.id, newTextClip('By hand', 4, idFor, { ...defaultTextStyle, color: '#123456' }), 4, info));
  const music = d.tracks.find((t) => t.role === 'music')!;
  d = ok(insertClip(d, music.id, newMediaClip({ id: 'song', kind: 'audio', durationSec: 5 }, 0, idFor), 0, info));
  return d;
}

describe('kit text styles', () => {
  it('gives the kit style for a role scaled to the canvas, and a built-in preset for a role the kit lacks', () => {
    const r = roleStyle(kitA, 'title', 1920);
    expect(r.fromKit).toBe(true);
    expect(r.style).toEqual(scaleTextStyle(kitA.textStyles[0]!.style, 1920));
    expect(r.style.size).toBe(Math.round((120 * 1920) / 1080));
    const lt = roleStyle(kitA, 'lowerThird', 1080);
    expect(lt.fromKit).toBe(false);
    expect(lt.style).toEqual(textPreset('lowerThird').style);
  });

  it('makes a text clip in the kit style, placed where the kit places the role, remembering the role', () => {
    const c = kitTextClip(kitA, 'caption', 'Buy now', 2, 1080, 't1', 3);
    expect(c).toMatchObject({ styleRole: 'caption', x: 0.5, y: 0.7, maxWidth: 0.8, start: 2, duration: 3, text: 'Buy now' });
    expect(c.style.box?.color).toBe('#ffd400');
  });
});

describe('applyKit', () => {
  it('re-styles the clips with a role, keeps text, timing and position, leaves the others alone, sets kitId', () => {
    const d = sample();
    const before = d.tracks.flatMap((t) => t.clips);
    const { draft, restyled } = applyKit(d, kitB, sizeOf);
    if (draft.kind !== 'video') throw new Error('video');
    expect(draft.kitId).toBe('kit-b');
    expect(restyled).toBe(1);
    const title = findClip(draft, 'title-1')!.clip as TextClip;
    const old = before.find((c) => c.id === 'title-1') as TextClip;
    expect(title.style).toEqual(kitB.textStyles[0]!.style);
    expect({ ...title, style: null }).toEqual({ ...old, style: null });
    const hand = draft.tracks.flatMap((t) => t.clips).find((c) => c.type === 'text' && c.styleRole === null) as TextClip;
    expect(before).toContain(hand); // the very same object: untouched
    expect(VideoDraft.safeParse(draft).success).toBe(true);
  });

  it('re-points the logo and the watermark to the new kit, placing the watermark per its preset', () => {
    let d = sample();
    d = ok(addLogo(d, kitA, sizeOf, 1, info, idFor));
    d = ok(addWatermark(d, kitA, sizeOf, info, idFor));
    const { draft, repointed, keptLogos } = applyKit(d, kitB, sizeOf);
    if (draft.kind !== 'video') throw new Error('video');
    expect(repointed).toBe(2);
    expect(keptLogos).toBe(0);
    const marks = draft.tracks.flatMap((t) => t.clips).filter((c): c is MediaClip => c.type === 'media' && c.brand != null);
    expect(marks.map((c) => c.assetId)).toEqual(['logoB', 'logoB']);
    const wm = marks.find((c) => c.brand === 'watermark')!;
    expect(wm.transform).toEqual(watermarkTransform(kitB.watermark!, { width: 300, height: 300 }, draft.canvas));
    expect(wm.transform.opacity).toBe(0.5);
  });

  it('keeps logo clips when the new kit has no logo, and says so', () => {
    let d = sample();
    d = ok(addWatermark(d, kitA, sizeOf, info, idFor));
    const r = applyKit(d, bare, sizeOf);
    expect(r.keptLogos).toBe(1);
    expect(watermarkCoverage(r.draft)).toBe('spans');
  });

  it('applies to image drafts too', () => {
    const blank = newImageDraft('Post', imageCanvasFor('4:5'), idFor);
    const text = ImageTextLayer.parse({ id: 't', type: 'text', text: 'Hi', style: defaultTextStyle, x: 0.5, y: 0.5, maxWidth: 0.8, styleRole: 'title' });
    const mark = ImageMediaLayer.parse({ id: 'w', type: 'media', assetId: 'logoB', brand: 'watermark', box: { x: 0.5, y: 0.5, w: 0.2, h: 0.1, rotation: 0 } });
    const img = { ...blank, pages: [{ ...blank.pages[0]!, layers: [text, mark] }, { id: 'p2', background: blank.pages[0]!.background, layers: [] }] };
    expect(watermarkCoverage(img)).toBe('partial');
    const { draft, restyled, repointed } = applyKit(img, kitA, sizeOf);
    if (draft.kind !== 'image') throw new Error('image');
    expect({ kitId: draft.kitId, restyled, repointed }).toEqual({ kitId: 'kit-a', restyled: 1, repointed: 1 });
    expect(draft.pages[0]!.layers[0]).toMatchObject({ style: kitA.textStyles[0]!.style, text: 'Hi' });
    // The watermark is the kit's, in the preset's corner, at the logo's aspect, as place() would draw it.
    const logo = sizeOf(draft.pages[0]!.layers[1]!.type === 'media' ? draft.pages[0]!.layers[1]!.assetId : '')!;
    const rect = watermarkRect(kitA.watermark ?? defaultWatermark, logo, blank.canvas);
    expect(draft.pages[0]!.layers[1]).toMatchObject({ brand: 'watermark', box: { x: (rect.x + rect.width / 2) / 1080, w: rect.width / 1080, rotation: 0 } });
  });
});

describe('logo and watermark', () => {
  it('adds the logo as an overlay clip marked as the logo, refuses a kit without one', () => {
    const d = ok(addLogo(sample(), kitB, sizeOf, 2, info, idFor));
    const overlay = d.tracks.find((t) => t.kind === 'overlay')!;
    expect(overlay.clips).toHaveLength(1);
    expect(overlay.clips[0]).toMatchObject({ assetId: 'logoB', brand: 'logo', start: 2 });
    const r = addLogo(sample(), bare, sizeOf, 0, info, idFor);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/Brand room/);
  });

  it('spans the whole draft on the free Overlay lane; adding it again updates it, not a second one', () => {
    const d0 = sample();
    const d = ok(addWatermark(d0, kitA, sizeOf, info, idFor));
    expect(d.tracks.map((t) => t.kind)).toEqual(d0.tracks.map((t) => t.kind));
    const overlay = d.tracks.find((t) => t.kind === 'overlay')!;
    const wm = overlay.clips[0] as MediaClip;
    expect(wm).toMatchObject({ brand: 'watermark', assetId: 'logoA', start: 0 });
    expect(clipEnd(wm)).toBeCloseTo(contentDuration(d0), 9);
    expect(watermarkCoverage(d)).toBe('spans');
    // Longer draft: the watermark no longer spans; adding again stretches the same clip on the same lane.
    const longer = ok(insertClip(d, mainTrack(d)!.id, newMediaClip({ id: 'v4', kind: 'video', durationSec: 4 }, 99, idFor), 99, info));
    expect(watermarkCoverage(longer)).toBe('partial');
    const again = ok(addWatermark(longer, kitA, sizeOf, info, idFor));
    expect(again.tracks).toHaveLength(d.tracks.length);
    expect(watermarkCoverage(again)).toBe('spans');
    expect(again.tracks.find((t) => t.kind === 'overlay')!.clips.map((c) => c.id)).toEqual([wm.id]);
    expect(again.tracks.flatMap((t) => t.clips).filter((c) => c.type === 'media' && c.brand === 'watermark')).toHaveLength(1);
  });

  it('a busy Overlay lane: the watermark gets its own overlay track right after the overlays, not below the audio', () => {
    const withLogo = ok(addLogo(sample(), kitA, sizeOf, 1, info, idFor));
    const d = ok(addWatermark(withLogo, kitA, sizeOf, info, idFor));
    expect(d.tracks.map((t) => t.kind)).toEqual(['main', 'overlay', 'overlay', 'text', 'audio', 'audio']);
    expect(d.tracks[2]!.name).toBe(WATERMARK_TRACK_NAME);
    expect(d.tracks[2]!.clips).toMatchObject([{ brand: 'watermark', start: 0 }]);
    // The logo where the playhead was, on the Overlay lane.
    expect(d.tracks[1]!.clips).toMatchObject([{ brand: 'logo', start: 1 }]);
  });

  it('a second logo over the first goes on a new overlay track at the same time, not later on the busy lane', () => {
    const once = ok(addLogo(sample(), kitA, sizeOf, 1, info, idFor));
    const r = addLogo(once, kitA, sizeOf, 2, info, idFor);
    const twice = ok(r);
    expect(twice.tracks.map((t) => t.kind)).toEqual(['main', 'overlay', 'overlay', 'text', 'audio', 'audio']);
    expect(twice.tracks[2]!.clips).toMatchObject([{ brand: 'logo', start: 2 }]);
    expect(r.ok && r.clipId).toBe(twice.tracks[2]!.clips[0]!.id);
    // A draft without any overlay track gains one after main.
    const noOverlay = { ...sample(), tracks: sample().tracks.filter((t) => t.kind !== 'overlay') };
    const placed = ok(addLogo(noOverlay, kitA, sizeOf, 0, info, idFor));
    expect(placed.tracks.map((t) => t.kind)).toEqual(['main', 'overlay', 'text', 'audio', 'audio']);
  });

  it('refuses a watermark on an empty draft and with a kit without a logo', () => {
    const empty = newVideoDraft('Empty', '9:16', 30, idFor);
    expect(addWatermark(empty, kitA, sizeOf, info, idFor)).toMatchObject({ ok: false, reason: 'too_short' });
    expect(addWatermark(sample(), bare, sizeOf, info, idFor)).toMatchObject({ ok: false, reason: 'invalid_value' });
  });

  it('coverage: none without a watermark, none when its track is hidden', () => {
    expect(watermarkCoverage(sample())).toBe('none');
    const d = ok(addWatermark(sample(), kitA, sizeOf, info, idFor));
    const hidden = { ...d, tracks: d.tracks.map((t) => (t.clips.some((c) => c.type === 'media' && c.brand === 'watermark') ? { ...t, hidden: true } : t)) };
    expect(watermarkCoverage(hidden)).toBe('none');
  });
});

describe('intro and outro', () => {
  it('puts the intro first and the outro last; everything else moves later by the intro', () => {
    const d0 = ok(addWatermark(sample(), kitA, sizeOf, info, idFor));
    const d = ok(addIntroOutro(d0, kitA, info, idFor));
    const main = mainTrack(d)!.clips as MediaClip[];
    expect(main.map((c) => c.assetId)).toEqual(['intro', 'v4', 'v2', 'outro']);
    expect(main.map((c) => c.brand)).toEqual(['intro', null, null, 'outro']);
    expect(main[1]!.start).toBeCloseTo(1.5, 9);
    const title0 = findClip(d0, 'title-1')!.clip;
    expect(findClip(d, 'title-1')!.clip.start).toBeCloseTo(title0.start + 1.5, 9);
    const song = d.tracks.find((t) => t.role === 'music')!.clips[0]!;
    expect(song.start).toBeCloseTo(1.5, 9);
    expect(watermarkCoverage(d)).toBe('spans');
    expect(clipEnd(main[3]!)).toBeCloseTo(1.5 + 4 + 2 + 2, 9);
    expect(VideoDraft.safeParse(d).success).toBe(true);
  });

  it('replaces an existing intro rather than adding a second, moving the rest by the difference', () => {
    const once = ok(addIntroOutro(sample(), kitA, info, idFor));
    const twice = ok(addIntroOutro(once, kitB, info, idFor));
    const main = mainTrack(twice)!.clips as MediaClip[];
    expect(main.map((c) => c.assetId)).toEqual(['intro2', 'v4', 'v2', 'outro']);
    expect(findClip(twice, 'title-1')!.clip.start).toBeCloseTo(findClip(once, 'title-1')!.clip.start - 0.5, 9);
  });

  it('refuses a kit with neither', () => {
    expect(addIntroOutro(sample(), bare, info, idFor)).toMatchObject({ ok: false, reason: 'invalid_value' });
  });
});

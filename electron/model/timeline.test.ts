import { describe, expect, it } from 'vitest';
import { clipDuration, clipEnd, newVideoDraft, VideoDraft, type Fps, type MediaClip, type TextClip } from './draft';
import {
  activeLayersAt,
  deleteClips,
  duplicateClip,
  fadeFactor,
  findClip,
  insertClip,
  MAX_TIMELINE_SEC,
  moveClip,
  newMediaClip,
  newTextClip,
  normalizeDraft,
  setCanvasFps,
  setSpeed,
  setTransition,
  splitClip,
  trimClip,
  updateClip,
  type EditResult,
  type SourceFacts,
  type SourceInfo,
} from './timeline';

// ── fixtures ────────────────────────────────────────────────────────────────

const assets: Record<string, SourceFacts> = {
  v12: { kind: 'video', durationSec: 12 },
  /** Not a whole number of frames at any of our rates. */
  v337: { kind: 'video', durationSec: 3.37 },
  img: { kind: 'image', durationSec: null },
  music: { kind: 'audio', durationSec: 20 },
  blip: { kind: 'audio', durationSec: 0.01 },
};
const info: SourceInfo = (id) => assets[id];

let n = 0;
const idFor = (p: string) => `${p}-${++n}`;

function ok(r: EditResult): VideoDraft {
  if (!r.ok) throw new Error(`edit refused: ${r.reason}: ${r.message}`);
  return r.draft;
}
function refused(r: EditResult): string {
  if (r.ok) throw new Error('expected the edit to be refused');
  return r.reason;
}

/** A fresh draft with tracks main, overlay, text, music, voiceover. */
function blank(fps: Fps = 30): VideoDraft {
  return newVideoDraft('t', '9:16', fps, idFor);
}
const trackId = (d: VideoDraft, i: number) => d.tracks[i]!.id;
const clipsOf = (d: VideoDraft, i: number) => d.tracks[i]!.clips;
const media = (d: VideoDraft, i: number, j: number) => d.tracks[i]!.clips[j] as MediaClip;
const MAIN = 0;
const OVERLAY = 1;
const TEXT = 2;
const MUSIC = 3;

function clipOf(assetId: string, over: Partial<MediaClip> = {}): MediaClip {
  return { ...newMediaClip({ id: assetId, ...assets[assetId]! }, 0, idFor), ...over };
}

/** Appends clips to the main track in order. */
function mainWith(d: VideoDraft, ...clips: MediaClip[]): VideoDraft {
  for (const c of clips) d = ok(insertClip(d, trackId(d, MAIN), c, 1e6, info));
  return d;
}

const spans = (d: VideoDraft, i: number) => clipsOf(d, i).map((c) => [round(c.start), round(clipEnd(c))]);
const round = (t: number) => Math.round(t * 1e6) / 1e6;

// ── new clips ───────────────────────────────────────────────────────────────

describe('newMediaClip', () => {
  it('shows the whole source of a video or audio file at full volume, filling the canvas', () => {
    const c = newMediaClip({ id: 'v12', kind: 'video', durationSec: 12 }, 4, idFor);
    expect(c).toMatchObject({ type: 'media', assetId: 'v12', start: 4, in: 0, out: 12, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transitionIn: null });
    expect(c.transform).toMatchObject({ reframe: 'fill', scale: 1, x: 0.5, y: 0.5, opacity: 1 });
    expect(newMediaClip({ id: 'm', kind: 'audio', durationSec: 20 }, 0, idFor).out).toBe(20);
  });
  it('shows an image for 3 s, and a source of unknown length for 3 s rather than a guess', () => {
    expect(newMediaClip({ id: 'img', kind: 'image', durationSec: null }, 0, idFor).out).toBe(3);
    expect(newMediaClip({ id: 'v', kind: 'video', durationSec: null }, 0, idFor).out).toBe(3);
  });
  it('text: 3 s, centred, valid', () => {
    const d = blank();
    const t = newTextClip('Hello', 1, idFor);
    const d2 = ok(insertClip(d, trackId(d, TEXT), t, 1, info));
    expect(VideoDraft.parse(d2)).toEqual(d2);
    expect(clipsOf(d2, TEXT)[0]).toMatchObject({ start: 1, duration: 3, x: 0.5, y: 0.5 });
  });
});

// ── insert ──────────────────────────────────────────────────────────────────

describe('insertClip', () => {
  it('main: appends, packs from 0 without gaps, and the input draft is untouched', () => {
    const d0 = blank();
    const before = JSON.stringify(d0);
    const d = mainWith(d0, clipOf('v12', { start: 7 }), clipOf('img', { start: 50 }));
    expect(spans(d, MAIN)).toEqual([[0, 12], [12, 15]]);
    expect(JSON.stringify(d0)).toBe(before);
  });

  it('main: inserts at the clip boundary nearest to the drop point', () => {
    const d = mainWith(blank(), clipOf('v12', { out: 5 }), clipOf('v12', { out: 5 }));
    const [a, b] = clipsOf(d, MAIN).map((c) => c.id);
    const c = clipOf('img');
    expect(clipsOf(ok(insertClip(d, trackId(d, MAIN), c, 6.2, info)), MAIN).map((x) => x.id)).toEqual([a, c.id, b]);
    expect(clipsOf(ok(insertClip(d, trackId(d, MAIN), c, 2.4, info)), MAIN).map((x) => x.id)).toEqual([c.id, a, b]);
    expect(clipsOf(ok(insertClip(d, trackId(d, MAIN), c, 8, info)), MAIN).map((x) => x.id)).toEqual([a, b, c.id]);
  });

  it('fits a source that is not a whole number of frames: the clip ends on the last whole frame inside it', () => {
    for (const fps of [24, 30, 60] as const) {
      const d = mainWith(blank(fps), clipOf('v337'));
      const c = media(d, MAIN, 0);
      expect(c.out).toBeLessThanOrEqual(3.37);
      expect(c.out).toBeGreaterThan(3.37 - 1 / fps);
      expect(clipDuration(c) * fps).toBeCloseTo(Math.floor(3.37 * fps), 9);
    }
  });

  it('refuses media shorter than one frame', () => {
    const d = blank();
    expect(refused(insertClip(d, trackId(d, MUSIC), clipOf('blip'), 0, info))).toBe('too_short');
  });

  it('other tracks: places at the drop time on the frame grid', () => {
    const d = blank(24);
    const r = ok(insertClip(d, trackId(d, OVERLAY), clipOf('img'), 1.03, info));
    expect(clipsOf(r, OVERLAY)[0]!.start).toBe(25 / 24);
  });

  it('other tracks: a drop onto a clip moves to the next free spot that fits, and clips stay sorted', () => {
    let d = blank();
    const o = trackId(d, OVERLAY);
    d = ok(insertClip(d, o, clipOf('img'), 2, info)); // 2..5
    d = ok(insertClip(d, o, clipOf('img'), 6, info)); // 6..9
    d = ok(insertClip(d, o, clipOf('img'), 3, info)); // overlaps 2..5; 5..8 would hit 6..9 → 9..12
    expect(spans(d, OVERLAY)).toEqual([[2, 5], [6, 9], [9, 12]]);
    const short = clipOf('img', { out: 1 });
    d = ok(insertClip(d, o, short, 4, info)); // fits in the 5..6 gap
    expect(spans(d, OVERLAY)).toEqual([[2, 5], [5, 6], [6, 9], [9, 12]]);
  });

  it('other tracks: refuses, as a value, when no spot is free before the end of the timeline', () => {
    let d = blank();
    const o = trackId(d, OVERLAY);
    d = ok(insertClip(d, o, clipOf('img', { out: MAX_TIMELINE_SEC - 1 }), 0, info));
    const r = insertClip(d, o, clipOf('img'), 10, info);
    expect(r).toMatchObject({ ok: false, reason: 'track_busy' });
    if (!r.ok) expect(r.message).toMatch(/room/);
  });

  it('refuses what a track kind does not take, with a reason', () => {
    const d = blank();
    expect(refused(insertClip(d, trackId(d, MAIN), clipOf('music'), 0, info))).toBe('wrong_track');
    expect(refused(insertClip(d, trackId(d, MUSIC), clipOf('v12'), 0, info))).toBe('wrong_track'); // a video's sound stays with the video
    expect(refused(insertClip(d, trackId(d, MUSIC), clipOf('img'), 0, info))).toBe('wrong_track');
    expect(refused(insertClip(d, trackId(d, TEXT), clipOf('img'), 0, info))).toBe('wrong_track');
    expect(refused(insertClip(d, trackId(d, MAIN), newTextClip('x', 0, idFor), 0, info))).toBe('wrong_track');
    expect(refused(insertClip(d, trackId(d, OVERLAY), clipOf('img', { assetId: 'gone' }), 0, info))).toBe('unknown_asset');
    expect(refused(insertClip(d, 'no-such-track', clipOf('img'), 0, info))).toBe('not_found');
  });

  it('refuses a clip whose id is already used', () => {
    const c = clipOf('img');
    const d = mainWith(blank(), c);
    expect(refused(insertClip(d, trackId(d, OVERLAY), c, 0, info))).toBe('invalid_value');
  });

  it('drops a transition from a clip placed off the main track', () => {
    const d = blank();
    const r = ok(insertClip(d, trackId(d, OVERLAY), clipOf('img', { transitionIn: { kind: 'fade', duration: 0.5 } }), 0, info));
    expect(media(r, OVERLAY, 0).transitionIn).toBeNull();
  });
});

// ── move ────────────────────────────────────────────────────────────────────

describe('moveClip', () => {
  it('reorders the main track and keeps it packed', () => {
    const d = mainWith(blank(), clipOf('v12', { out: 4 }), clipOf('img'), clipOf('v12', { out: 2 }));
    const [a, b, c] = clipsOf(d, MAIN).map((x) => x.id) as [string, string, string];
    const r = ok(moveClip(d, a, trackId(d, MAIN), 4.6, info)); // without a: b 0..3, c 3..5 → nearest boundary 5
    expect(clipsOf(r, MAIN).map((x) => x.id)).toEqual([b, c, a]);
    expect(spans(r, MAIN)).toEqual([[0, 3], [3, 5], [5, 9]]);
  });

  it('main → overlay: the main track closes up, the clip lands at the time and loses its transition', () => {
    let d = mainWith(blank(), clipOf('v12', { out: 4 }), clipOf('v12', { out: 4 }), clipOf('img'));
    const [, b] = clipsOf(d, MAIN).map((x) => x.id) as [string, string, string];
    d = ok(setTransition(d, b, { kind: 'fade', duration: 1 }));
    const r = ok(moveClip(d, b, trackId(d, OVERLAY), 1.5, info));
    expect(spans(r, MAIN)).toEqual([[0, 4], [4, 7]]);
    expect(media(r, OVERLAY, 0)).toMatchObject({ id: b, start: 1.5, transitionIn: null });
  });

  it('overlay → main inserts at the nearest boundary', () => {
    let d = mainWith(blank(), clipOf('v12', { out: 4 }), clipOf('v12', { out: 4 }));
    d = ok(insertClip(d, trackId(d, OVERLAY), clipOf('img'), 10, info));
    const img = clipsOf(d, OVERLAY)[0]!.id;
    const r = ok(moveClip(d, img, trackId(d, MAIN), 3.9, info));
    expect(clipsOf(r, OVERLAY)).toEqual([]);
    expect(clipsOf(r, MAIN)[1]!.id).toBe(img);
    expect(spans(r, MAIN)).toEqual([[0, 4], [4, 7], [7, 11]]);
  });

  it('on a non-main track leaves a gap behind and moves past clips in the way', () => {
    let d = blank();
    const o = trackId(d, OVERLAY);
    d = ok(insertClip(d, o, clipOf('img'), 0, info));
    d = ok(insertClip(d, o, clipOf('img'), 5, info));
    const first = clipsOf(d, OVERLAY)[0]!.id;
    expect(spans(ok(moveClip(d, first, o, 1, info)), OVERLAY)).toEqual([[1, 4], [5, 8]]);
    expect(spans(ok(moveClip(d, first, o, 4, info)), OVERLAY)).toEqual([[5, 8], [8, 11]]);
  });

  it('refuses an incompatible track and leaves the draft as it was', () => {
    let d = blank();
    d = ok(insertClip(d, trackId(d, MUSIC), clipOf('music'), 0, info));
    const m = clipsOf(d, MUSIC)[0]!.id;
    const r = moveClip(d, m, trackId(d, OVERLAY), 0, info);
    expect(r).toMatchObject({ ok: false, reason: 'wrong_track' });
    expect(refused(moveClip(d, 'nope', trackId(d, MUSIC), 0, info))).toBe('not_found');
  });

  it('a refused move to a busy spot keeps the clip where it was', () => {
    let d = blank();
    const o = trackId(d, OVERLAY);
    d = ok(insertClip(d, o, clipOf('img', { out: MAX_TIMELINE_SEC - 2 }), 0, info));
    d = ok(insertClip(d, trackId(d, OVERLAY + 0), clipOf('img', { out: 1 }), MAX_TIMELINE_SEC - 1, info));
    const small = clipsOf(d, OVERLAY)[1]!.id;
    // Moving a 3 s image onto the long one finds no room before the end of the timeline.
    d = ok(insertClip(d, trackId(d, MAIN), clipOf('img'), 0, info));
    const mainImg = clipsOf(d, MAIN)[0]!.id;
    expect(refused(moveClip(d, mainImg, o, 5, info))).toBe('track_busy');
    expect(findClip(d, small)).not.toBeNull();
  });
});

// ── trim ────────────────────────────────────────────────────────────────────

describe('trimClip', () => {
  it('start edge moves in and start together: the picture at a later time does not change', () => {
    let d = blank();
    d = ok(insertClip(d, trackId(d, OVERLAY), clipOf('v12', { in: 2, out: 10 }), 1, info));
    const id = clipsOf(d, OVERLAY)[0]!.id;
    const atFive = activeLayersAt(d, 5).find((l) => l.clip.id === id)!.sourceTime;
    const r = ok(trimClip(d, id, 'start', 3, info));
    expect(media(r, OVERLAY, 0)).toMatchObject({ start: 3, in: 4, out: 10 });
    expect(activeLayersAt(r, 5).find((l) => l.clip.id === id)!.sourceTime).toBeCloseTo(atFive!, 9);
  });

  it('start edge is speed-aware and stops at the source start', () => {
    let d = blank();
    d = ok(insertClip(d, trackId(d, OVERLAY), clipOf('v12', { in: 2, out: 10, speed: 2 }), 4, info)); // 4..8
    const id = clipsOf(d, OVERLAY)[0]!.id;
    expect(media(ok(trimClip(d, id, 'start', 5, info)), OVERLAY, 0)).toMatchObject({ start: 5, in: 4, out: 10 });
    // in = 2 at speed 2 allows extending 1 s to the left, no more.
    expect(media(ok(trimClip(d, id, 'start', 0, info)), OVERLAY, 0)).toMatchObject({ start: 3, in: 0, out: 10 });
  });

  it('end edge stops at the source end (speed 0.25) and keeps at least one frame', () => {
    let d = blank(60);
    d = ok(insertClip(d, trackId(d, OVERLAY), clipOf('v12', { in: 10, out: 11, speed: 0.25 }), 0, info)); // 0..4
    const id = clipsOf(d, OVERLAY)[0]!.id;
    const long = media(ok(trimClip(d, id, 'end', 100, info)), OVERLAY, 0);
    expect(long.out).toBe(12);
    expect(clipEnd(long)).toBeCloseTo(8, 9);
    const short = media(ok(trimClip(d, id, 'end', -5, info)), OVERLAY, 0);
    expect(clipDuration(short)).toBeCloseTo(1 / 60, 9);
    expect(short.out - short.in).toBeCloseTo(0.25 / 60, 9);
    const startMax = media(ok(trimClip(d, id, 'start', 99, info)), OVERLAY, 0);
    expect(clipDuration(startMax)).toBeCloseTo(1 / 60, 9);
  });

  it('speed 4: the end edge moves out four times as far as the timeline edge', () => {
    let d = blank(24);
    d = ok(insertClip(d, trackId(d, OVERLAY), clipOf('v12', { in: 0, out: 8, speed: 4 }), 0, info)); // 0..2
    const id = clipsOf(d, OVERLAY)[0]!.id;
    expect(media(ok(trimClip(d, id, 'end', 1, info)), OVERLAY, 0).out).toBe(4);
    expect(media(ok(trimClip(d, id, 'end', 10, info)), OVERLAY, 0).out).toBe(12); // source ends at 12 → timeline 3
  });

  it('stops at neighbouring clips on non-main tracks', () => {
    let d = blank();
    const o = trackId(d, OVERLAY);
    d = ok(insertClip(d, o, clipOf('img'), 0, info)); // 0..3
    d = ok(insertClip(d, o, clipOf('v12', { in: 5, out: 7 }), 4, info)); // 4..6
    d = ok(insertClip(d, o, clipOf('img'), 7, info)); // 7..10
    const mid = clipsOf(d, OVERLAY)[1]!.id;
    expect(spans(ok(trimClip(d, mid, 'start', 1, info)), OVERLAY)[1]).toEqual([3, 6]);
    expect(spans(ok(trimClip(d, mid, 'end', 9, info)), OVERLAY)[1]).toEqual([4, 7]);
  });

  it('images have no source limit: the end edge runs free and the start edge keeps in at 0', () => {
    let d = blank();
    d = ok(insertClip(d, trackId(d, OVERLAY), clipOf('img'), 5, info)); // 5..8
    const id = clipsOf(d, OVERLAY)[0]!.id;
    expect(media(ok(trimClip(d, id, 'end', 30, info)), OVERLAY, 0)).toMatchObject({ start: 5, in: 0, out: 25 });
    expect(media(ok(trimClip(d, id, 'start', 1, info)), OVERLAY, 0)).toMatchObject({ start: 1, in: 0, out: 7 });
  });

  it('main track: trimming is a ripple edit; the clip keeps its place and later clips follow', () => {
    const d = mainWith(blank(), clipOf('v12', { in: 2, out: 8 }), clipOf('img'));
    const [a, b] = clipsOf(d, MAIN).map((x) => x.id) as [string, string];
    const startTrim = ok(trimClip(d, a, 'start', 1, info));
    expect(media(startTrim, MAIN, 0)).toMatchObject({ start: 0, in: 3, out: 8 });
    expect(spans(startTrim, MAIN)).toEqual([[0, 5], [5, 8]]);
    const extend = ok(trimClip(d, b, 'start', 4, info)); // images extend to the left freely
    expect(spans(extend, MAIN)).toEqual([[0, 6], [6, 11]]);
    const head = ok(trimClip(d, a, 'start', -1.5, info)); // the first clip grows its head: 1.5 s more, capped at in = 0
    expect(media(head, MAIN, 0)).toMatchObject({ start: 0, in: 0.5, out: 8 });
    expect(spans(ok(trimClip(d, a, 'start', -9, info)), MAIN)).toEqual([[0, 8], [8, 11]]);
    const endTrim = ok(trimClip(d, a, 'end', 4, info));
    expect(spans(endTrim, MAIN)).toEqual([[0, 4], [4, 7]]);
  });

  it('snaps the edge to the frame grid', () => {
    let d = blank(30);
    d = ok(insertClip(d, trackId(d, OVERLAY), clipOf('v12'), 0, info));
    const id = clipsOf(d, OVERLAY)[0]!.id;
    const r = media(ok(trimClip(d, id, 'end', 2.0149, info)), OVERLAY, 0);
    expect(r.out).toBe(60 / 30);
  });

  it('a trim that changes nothing returns the same draft (no undo step)', () => {
    const d = mainWith(blank(), clipOf('v12', { in: 0 }));
    const id = clipsOf(d, MAIN)[0]!.id;
    expect(ok(trimClip(d, id, 'start', 0, info))).toBe(d);
  });

  it('text: at least 0.1 s, and fades shrink with the clip', () => {
    let d = blank(24);
    d = ok(insertClip(d, trackId(d, TEXT), { ...newTextClip('Hi', 0, idFor), fadeIn: 1, fadeOut: 1 }, 0, info));
    const id = clipsOf(d, TEXT)[0]!.id;
    const t = clipsOf(ok(trimClip(d, id, 'end', 0, info)), TEXT)[0] as TextClip;
    expect(t.duration).toBe(3 / 24); // 0.1 s rounds up to 3 frames at 24 fps
    expect(t.fadeIn).toBe(3 / 24);
    expect(t.fadeOut).toBe(3 / 24);
  });
});

// ── split ───────────────────────────────────────────────────────────────────

describe('splitClip', () => {
  it('cuts the source where the timeline is cut, at speed 0.25 and 4', () => {
    for (const speed of [0.25, 4]) {
      let d = blank();
      d = ok(insertClip(d, trackId(d, OVERLAY), clipOf('v12', { in: 2, out: 10, speed }), 1, info));
      const c = media(d, OVERLAY, 0);
      const r = ok(splitClip(d, c.id, 1.5, idFor));
      const [a, b] = clipsOf(r, OVERLAY) as [MediaClip, MediaClip];
      expect(a).toMatchObject({ start: 1, in: 2, out: 2 + 0.5 * speed });
      expect(b).toMatchObject({ start: 1.5, in: 2 + 0.5 * speed, out: 10 });
      expect(clipEnd(b)).toBeCloseTo(clipEnd(c), 9);
    }
  });

  it('the first part keeps fade-in and transition, the second keeps fade-out; main stays packed', () => {
    let d = mainWith(blank(), clipOf('v12', { out: 6 }), clipOf('v12', { out: 6, fadeIn: 1, fadeOut: 2 }));
    const second = clipsOf(d, MAIN)[1]!.id;
    d = ok(setTransition(d, second, { kind: 'wipeleft', duration: 1 }));
    const r = splitClip(d, second, 8, () => 'part-2');
    const d2 = ok(r);
    if (r.ok) expect(r.clipId).toBe('part-2');
    const [, a, b] = clipsOf(d2, MAIN) as [MediaClip, MediaClip, MediaClip];
    expect(a).toMatchObject({ id: second, fadeIn: 1, fadeOut: 0, transitionIn: { kind: 'wipeleft', duration: 1 } });
    expect(b).toMatchObject({ id: 'part-2', fadeIn: 0, fadeOut: 2, transitionIn: null, start: 8 });
    expect(spans(d2, MAIN)).toEqual([[0, 6], [5, 8], [8, 11]]);
  });

  it('refuses within one frame of an edge and snaps the cut to a frame', () => {
    let d = blank(60);
    d = ok(insertClip(d, trackId(d, OVERLAY), clipOf('v12', { out: 2 }), 0, info));
    const id = clipsOf(d, OVERLAY)[0]!.id;
    expect(refused(splitClip(d, id, 0.005))).toBe('near_edge');
    expect(refused(splitClip(d, id, 1.995))).toBe('near_edge');
    expect(refused(splitClip(d, id, 5))).toBe('near_edge');
    const r = ok(splitClip(d, id, 1 / 60 + 0.001));
    expect(clipsOf(r, OVERLAY)[1]!.start).toBe(1 / 60);
    expect(refused(splitClip(d, 'nope', 1))).toBe('not_found');
  });

  it('without an id source the second part gets an unused id', () => {
    let d = blank();
    d = ok(insertClip(d, trackId(d, OVERLAY), clipOf('img'), 0, info));
    const r = ok(splitClip(d, clipsOf(d, OVERLAY)[0]!.id, 1));
    const ids = r.tracks.flatMap((t) => t.clips.map((c) => c.id));
    expect(new Set(ids).size).toBe(2);
  });

  it('splits text by duration', () => {
    let d = blank();
    d = ok(insertClip(d, trackId(d, TEXT), newTextClip('Hi', 0, idFor), 2, info));
    const r = ok(splitClip(d, clipsOf(d, TEXT)[0]!.id, 3, idFor));
    expect(clipsOf(r, TEXT).map((c) => [c.start, (c as TextClip).duration, (c as TextClip).text])).toEqual([[2, 1, 'Hi'], [3, 2, 'Hi']]);
  });
});

// ── delete, duplicate ───────────────────────────────────────────────────────

describe('deleteClips', () => {
  function busy(): VideoDraft {
    let d = mainWith(blank(), clipOf('img'), clipOf('img'), clipOf('img'));
    const o = trackId(d, OVERLAY);
    d = ok(insertClip(d, o, clipOf('img', { out: 1 }), 1, info));
    d = ok(insertClip(d, o, clipOf('img', { out: 2 }), 3, info));
    d = ok(insertClip(d, o, clipOf('img', { out: 1 }), 8, info));
    d = ok(insertClip(d, trackId(d, TEXT), newTextClip('T', 0, idFor), 6, info));
    return d;
  }

  it('the main track always closes up', () => {
    const d = busy();
    const r = ok(deleteClips(d, [clipsOf(d, MAIN)[0]!.id], { ripple: false }));
    expect(spans(r, MAIN)).toEqual([[0, 3], [3, 6]]);
  });

  it('without ripple other tracks keep their gaps', () => {
    const d = busy();
    const r = ok(deleteClips(d, [clipsOf(d, OVERLAY)[1]!.id], { ripple: false }));
    expect(spans(r, OVERLAY)).toEqual([[1, 2], [8, 9]]);
  });

  it('ripple closes the deleted time on the affected track only', () => {
    const d = busy();
    const ids = [clipsOf(d, OVERLAY)[0]!.id, clipsOf(d, OVERLAY)[1]!.id];
    const r = ok(deleteClips(d, ids, { ripple: true }));
    expect(spans(r, OVERLAY)).toEqual([[5, 6]]); // 8 − 1 − 2
    expect(r.tracks[TEXT]).toBe(d.tracks[TEXT]); // untouched tracks keep their identity
  });

  it('refuses when none of the clips exists', () => {
    expect(refused(deleteClips(busy(), ['nope'], { ripple: true }))).toBe('not_found');
    expect(refused(deleteClips(busy(), [], { ripple: true }))).toBe('not_found');
  });
});

describe('duplicateClip', () => {
  it('main: the copy follows the original, without a transition into it', () => {
    let d = mainWith(blank(), clipOf('v12', { out: 4 }), clipOf('img'));
    const b = clipsOf(d, MAIN)[1]!.id;
    d = ok(setTransition(d, b, { kind: 'fade', duration: 1 }));
    const r = duplicateClip(d, b, () => 'copy');
    const d2 = ok(r);
    if (r.ok) expect(r.clipId).toBe('copy');
    expect(clipsOf(d2, MAIN).map((c) => c.id)).toEqual([clipsOf(d, MAIN)[0]!.id, b, 'copy']);
    expect(media(d2, MAIN, 2).transitionIn).toBeNull();
    expect(spans(d2, MAIN)).toEqual([[0, 4], [3, 6], [6, 9]]);
  });

  it('other tracks: right after the original, or the next free spot', () => {
    let d = blank();
    const o = trackId(d, OVERLAY);
    d = ok(insertClip(d, o, clipOf('img'), 0, info));
    d = ok(insertClip(d, o, clipOf('img', { out: 1 }), 4, info));
    const first = clipsOf(d, OVERLAY)[0]!.id;
    expect(spans(ok(duplicateClip(d, first, idFor)), OVERLAY)).toEqual([[0, 3], [4, 5], [5, 8]]);
    const d2 = ok(moveClip(d, clipsOf(d, OVERLAY)[1]!.id, o, 6, info)); // 6..7 leaves exactly 3..6 free
    expect(spans(ok(duplicateClip(d2, first, idFor)), OVERLAY)).toEqual([[0, 3], [3, 6], [6, 7]]);
  });

  it('refuses an id that is already used', () => {
    const d = mainWith(blank(), clipOf('img'));
    const id = clipsOf(d, MAIN)[0]!.id;
    expect(refused(duplicateClip(d, id, () => id))).toBe('invalid_value');
  });
});

// ── speed, transitions, inspector ───────────────────────────────────────────

describe('setSpeed', () => {
  it('keeps the source range and changes the length; the main track packs', () => {
    const d = mainWith(blank(), clipOf('v12', { in: 2, out: 10 }), clipOf('img'));
    const id = clipsOf(d, MAIN)[0]!.id;
    const fast = ok(setSpeed(d, id, 4));
    expect(media(fast, MAIN, 0)).toMatchObject({ speed: 4, in: 2, out: 10 });
    expect(spans(fast, MAIN)).toEqual([[0, 2], [2, 5]]);
    const slow = ok(setSpeed(d, id, 0.25));
    expect(spans(slow, MAIN)).toEqual([[0, 32], [32, 35]]);
  });

  it('clamps to 0.25..4', () => {
    const d = mainWith(blank(), clipOf('v12'));
    const id = clipsOf(d, MAIN)[0]!.id;
    expect(media(ok(setSpeed(d, id, 0.01)), MAIN, 0).speed).toBe(0.25);
    expect(media(ok(setSpeed(d, id, 99)), MAIN, 0).speed).toBe(4);
    expect(refused(setSpeed(d, id, Number.NaN))).toBe('invalid_value');
  });

  it('keeps the length a whole number of frames by moving out down by less than a frame', () => {
    const d = mainWith(blank(24), clipOf('v12', { out: 1 }));
    const id = clipsOf(d, MAIN)[0]!.id;
    const c = media(ok(setSpeed(d, id, 3)), MAIN, 0); // 1/3 s = 8 frames exactly at 24 fps
    expect(c.out).toBeCloseTo(1, 9);
    const odd = media(ok(setSpeed(d, id, 1.7)), MAIN, 0); // 14.1 frames → 14
    expect(clipDuration(odd) * 24).toBeCloseTo(14, 9);
    expect(1 - odd.out).toBeGreaterThanOrEqual(0);
    expect(1 - odd.out).toBeLessThan(1.7 / 24);
  });

  it('on other tracks slows down only until the next clip', () => {
    let d = blank();
    const o = trackId(d, OVERLAY);
    d = ok(insertClip(d, o, clipOf('v12', { out: 2 }), 0, info)); // 0..2
    d = ok(insertClip(d, o, clipOf('img'), 3, info)); // 3..6
    const id = clipsOf(d, OVERLAY)[0]!.id;
    const c = media(ok(setSpeed(d, id, 0.25)), OVERLAY, 0);
    expect(c.speed).toBe(0.67); // 2 s into 3 s of room, rounded up to 0.01
    expect(clipEnd(c)).toBeLessThanOrEqual(3);
  });

  it('refuses text', () => {
    let d = blank();
    d = ok(insertClip(d, trackId(d, TEXT), newTextClip('Hi', 0, idFor), 0, info));
    expect(refused(setSpeed(d, clipsOf(d, TEXT)[0]!.id, 2))).toBe('invalid_value');
  });
});

describe('setTransition', () => {
  it('overlaps the clips by the transition and clamps it to half the shorter clip', () => {
    const d = mainWith(blank(), clipOf('v12', { out: 6 }), clipOf('img', { out: 2 }));
    const b = clipsOf(d, MAIN)[1]!.id;
    const r = ok(setTransition(d, b, { kind: 'circleopen', duration: 3 }));
    expect(media(r, MAIN, 1).transitionIn).toEqual({ kind: 'circleopen', duration: 1 });
    expect(spans(r, MAIN)).toEqual([[0, 6], [5, 7]]);
    expect(spans(ok(setTransition(r, b, null)), MAIN)).toEqual([[0, 6], [6, 8]]);
  });

  it('snaps the duration to frames, at least 0.1 s (3 frames at 24 fps)', () => {
    const d = mainWith(blank(24), clipOf('img'), clipOf('img'));
    const b = clipsOf(d, MAIN)[1]!.id;
    expect(media(ok(setTransition(d, b, { kind: 'fade', duration: 0.01 })), MAIN, 1).transitionIn!.duration).toBe(3 / 24);
    expect(media(ok(setTransition(d, b, { kind: 'fade', duration: 0.52 })), MAIN, 1).transitionIn!.duration).toBe(12 / 24);
  });

  it('refuses the first clip, clips off the main track, and clips too short for any transition', () => {
    let d = mainWith(blank(), clipOf('img'), clipOf('img', { out: 0.1 }));
    const [a, b] = clipsOf(d, MAIN).map((c) => c.id) as [string, string];
    expect(refused(setTransition(d, a, { kind: 'fade', duration: 1 }))).toBe('first_clip');
    expect(refused(setTransition(d, b, { kind: 'fade', duration: 1 }))).toBe('too_short');
    d = ok(insertClip(d, trackId(d, OVERLAY), clipOf('img'), 0, info));
    expect(refused(setTransition(d, clipsOf(d, OVERLAY)[0]!.id, { kind: 'fade', duration: 1 }))).toBe('not_main');
    expect(refused(setTransition(d, b, { kind: 'spin' as 'fade', duration: 1 }))).toBe('invalid_value');
  });

  it('a later trim that shortens a clip shrinks its transition with it', () => {
    let d = mainWith(blank(), clipOf('v12', { out: 6 }), clipOf('v12', { out: 6 }));
    const b = clipsOf(d, MAIN)[1]!.id;
    d = ok(setTransition(d, b, { kind: 'fade', duration: 2 }));
    d = ok(trimClip(d, b, 'end', 6, info)); // b: starts at 4, now 2 s long
    expect(media(d, MAIN, 1).transitionIn!.duration).toBe(1);
    expect(spans(d, MAIN)).toEqual([[0, 6], [5, 7]]);
  });
});

describe('updateClip', () => {
  it('clamps volume and fades (fades to the clip length, in frames)', () => {
    const d = mainWith(blank(), clipOf('v12', { out: 2 }));
    const id = clipsOf(d, MAIN)[0]!.id;
    const c = media(ok(updateClip(d, id, { volume: 5, fadeIn: 0.51, fadeOut: 9 })), MAIN, 0);
    expect(c).toMatchObject({ volume: 2, fadeIn: 15 / 30, fadeOut: 2 });
    expect(media(ok(updateClip(d, id, { volume: -1 })), MAIN, 0).volume).toBe(0);
  });

  it('merges transform fields and keeps at least a tenth of the source after cropping', () => {
    const d = mainWith(blank(), clipOf('v12'));
    const id = clipsOf(d, MAIN)[0]!.id;
    const c = media(ok(updateClip(d, id, { transform: { reframe: 'blur', scale: 20, crop: { left: 0.5 } } })), MAIN, 0);
    expect(c.transform).toMatchObject({ reframe: 'blur', scale: 8, x: 0.5, crop: { left: 0.5, right: 0 } });
    const c2 = media(ok(updateClip({ ...d, tracks: d.tracks.map((t, i) => (i === MAIN ? { ...t, clips: [c] } : t)) }, id, { transform: { crop: { right: 0.7 } } })), MAIN, 0);
    expect(c2.transform.crop.left + c2.transform.crop.right).toBeCloseTo(0.9, 9);
    expect(c2.transform.crop.left).toBe(0.5);
  });

  it('edits text fields and refuses media fields on text (and the reverse)', () => {
    let d = blank();
    d = ok(insertClip(d, trackId(d, TEXT), newTextClip('Hi', 0, idFor), 0, info));
    const id = clipsOf(d, TEXT)[0]!.id;
    const t = clipsOf(ok(updateClip(d, id, { text: 'Hello', style: { color: '#ff0000', size: 1000 }, x: 0.3, maxWidth: 5 })), TEXT)[0] as TextClip;
    expect(t).toMatchObject({ text: 'Hello', x: 0.3, maxWidth: 1, style: { color: '#ff0000', size: 400, font: 'DejaVu Sans' } });
    expect(refused(updateClip(d, id, { volume: 1 }))).toBe('invalid_value');
    expect(refused(updateClip(d, id, { text: '   ' }))).toBe('invalid_value');
    expect(refused(updateClip(d, id, { style: { color: 'red' } }))).toBe('invalid_value');
    const m = mainWith(blank(), clipOf('img'));
    expect(refused(updateClip(m, clipsOf(m, MAIN)[0]!.id, { text: 'x' }))).toBe('invalid_value');
    expect(refused(updateClip(m, clipsOf(m, MAIN)[0]!.id, { transform: { padColor: 'blue' } }))).toBe('invalid_value');
    expect(refused(updateClip(m, clipsOf(m, MAIN)[0]!.id, { volume: Number.NaN }))).toBe('invalid_value');
  });
});

// ── preview ─────────────────────────────────────────────────────────────────

describe('activeLayersAt', () => {
  function scene(): VideoDraft {
    let d = mainWith(blank(), clipOf('v12', { in: 1, out: 5 }), clipOf('v12', { in: 0, out: 8, speed: 2 })); // 0..4, 4..8
    d = ok(insertClip(d, trackId(d, OVERLAY), clipOf('img', { fadeIn: 1, fadeOut: 1 }), 1, info)); // 1..4
    d = ok(insertClip(d, trackId(d, TEXT), newTextClip('Hi', 0, idFor), 2, info)); // 2..5
    d = ok(insertClip(d, trackId(d, MUSIC), clipOf('music'), 0, info));
    return d;
  }

  it('lists visual clips bottom to top with source times (speed-aware)', () => {
    const d = scene();
    const at3 = activeLayersAt(d, 3);
    expect(at3.map((l) => l.trackKind)).toEqual(['main', 'overlay', 'text']);
    expect(at3[0]!.sourceTime).toBe(4);
    expect(at3[2]!.sourceTime).toBeNull();
    expect(activeLayersAt(d, 5)[0]!.sourceTime).toBe(2); // 0 + (5 − 4) · 2
  });

  it('a clip is on screen from its start up to (not including) its end', () => {
    const d = scene();
    expect(activeLayersAt(d, 4).filter((l) => l.trackKind === 'main').map((l) => l.clip.id)).toEqual([clipsOf(d, MAIN)[1]!.id]);
    expect(activeLayersAt(d, 1).some((l) => l.trackKind === 'overlay')).toBe(true);
    expect(activeLayersAt(d, 8)).toEqual([]);
  });

  it('skips hidden tracks and includes audio only when asked', () => {
    const d = scene();
    const hidden = { ...d, tracks: d.tracks.map((t, i) => (i === OVERLAY ? { ...t, hidden: true } : t)) };
    expect(activeLayersAt(hidden, 3).map((l) => l.trackKind)).toEqual(['main', 'text']);
    expect(activeLayersAt(d, 3, { includeAudio: true }).map((l) => l.trackKind)).toEqual(['main', 'overlay', 'text', 'audio']);
  });

  it('gives fade factors', () => {
    const d = scene();
    const overlayAt = (t: number) => activeLayersAt(d, t).find((l) => l.trackKind === 'overlay')!.opacityFactor;
    expect(overlayAt(1)).toBe(0);
    expect(overlayAt(1.5)).toBeCloseTo(0.5, 9);
    expect(overlayAt(2.5)).toBe(1);
    expect(overlayAt(3.75)).toBeCloseTo(0.25, 9);
    expect(fadeFactor({ ...clipsOf(d, OVERLAY)[0]!, fadeIn: 3, fadeOut: 3 }, 2.5)).toBeCloseTo(0.5 * 0.5, 9);
  });

  it('returns both clips of a transition with its progress', () => {
    let d = scene();
    d = ok(setTransition(d, clipsOf(d, MAIN)[1]!.id, { kind: 'fadeblack', duration: 1 })); // b: 3..7
    const main = (t: number) => activeLayersAt(d, t).filter((l) => l.trackKind === 'main');
    const mid = main(3.25);
    expect(mid.map((l) => l.transition)).toEqual([
      { kind: 'fadeblack', progress: 0.25, role: 'from' },
      { kind: 'fadeblack', progress: 0.25, role: 'to' },
    ]);
    expect(mid[1]!.sourceTime).toBeCloseTo(0.5, 9);
    expect(main(4.5).map((l) => l.transition)).toEqual([null]);
    expect(main(2.9).map((l) => l.transition)).toEqual([null]);
  });

  it('finds the clip that starts on the frame at that frame’s time (no float gaps)', () => {
    let d = blank(30);
    d = mainWith(d, clipOf('v337'), clipOf('v337'), clipOf('v337'));
    for (let f = 0; f < 300; f++) expect(activeLayersAt(d, f / 30).filter((l) => l.trackKind === 'main').length).toBe(1);
  });
});

// ── whole drafts ────────────────────────────────────────────────────────────

describe('normalizeDraft / setCanvasFps', () => {
  it('puts a hand-written draft on the grid: main packed, overlaps pushed later, clips inside their sources', () => {
    const d = blank(30);
    const foreign: VideoDraft = {
      ...d,
      tracks: d.tracks.map((t, i) =>
        i === MAIN
          ? { ...t, clips: [clipOf('v12', { start: 3, out: 4.01 }), clipOf('v12', { start: 0.5, in: 11, out: 13 })] }
          : i === OVERLAY
            ? { ...t, clips: [clipOf('img', { start: 2.02 }), clipOf('img', { start: 0.004, transitionIn: { kind: 'fade', duration: 1 } })] }
            : t,
      ),
    };
    const r = normalizeDraft(foreign, info);
    expect(spans(r, MAIN)).toEqual([[0, 4], [4, 5]]);
    expect(media(r, MAIN, 1)).toMatchObject({ in: 11, out: 12 });
    expect(spans(r, OVERLAY)).toEqual([[0, 3], [3, 6]]);
    expect(media(r, OVERLAY, 0).transitionIn).toBeNull();
    expect(VideoDraft.parse(r)).toEqual(r);
  });

  it('a clip whose asset is unknown keeps its source range and still lands on the grid', () => {
    const d = blank(24);
    const c = clipOf('img', { assetId: 'elsewhere', start: 1.01, out: 2.5 });
    const r = normalizeDraft({ ...d, tracks: d.tracks.map((t, i) => (i === OVERLAY ? { ...t, clips: [c] } : t)) }, info);
    expect(media(r, OVERLAY, 0)).toMatchObject({ start: 1, in: 0, out: 2.5 });
  });

  it('changing 30 → 24 fps moves cuts onto the new grid; the same rate returns the same draft', () => {
    const d = mainWith(blank(30), clipOf('v12', { out: 1.1 }), clipOf('img'));
    const r = ok(setCanvasFps(d, 24, info));
    expect(r.canvas.fps).toBe(24);
    expect(media(r, MAIN, 0).out).toBe(26 / 24); // 1.1 s = 26.4 frames at 24 fps → 26
    expect(spans(r, MAIN)).toEqual([[0, round(26 / 24)], [round(26 / 24), round(26 / 24 + 3)]]);
    expect(ok(setCanvasFps(d, 30, info))).toBe(d);
  });
});

describe('updateClip: the kit role of a text clip', () => {
  it('sets and clears styleRole with a style, and refuses it on media', () => {
    let k = 0;
    const idf = (p: string) => `${p}-r${++k}`;
    const d0 = newVideoDraft('roles', '9:16', 30, idf);
    const text = d0.tracks.find((t) => t.kind === 'text')!;
    const r0 = insertClip(d0, text.id, newTextClip('Hi', 0, idf), 0, () => null);
    if (!r0.ok) throw new Error(r0.message);
    const id = r0.clipId!;
    const r1 = updateClip(r0.draft, id, { style: { color: '#e4002b' }, styleRole: 'title' });
    if (!r1.ok) throw new Error(r1.message);
    expect(findClip(r1.draft, id)!.clip).toMatchObject({ styleRole: 'title', style: { color: '#e4002b' } });
    const r2 = updateClip(r1.draft, id, { style: { size: 40 } });
    expect(r2.ok && findClip(r2.draft, id)!.clip).toMatchObject({ styleRole: 'title' });
    const r3 = updateClip(r1.draft, id, { styleRole: null });
    expect(r3.ok && findClip(r3.draft, id)!.clip).toMatchObject({ styleRole: null });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Clip, newVideoDraft, type Track, type TrackKind, type VideoDraft } from './draft';
import { addLogo, addWatermark, type Kit, WATERMARK_TRACK_NAME } from './kit-apply';
import { overlayInsertIndex, overlaySlot, spanFree } from './overlay-slot';
import { clipFrames, findClip, insertClip, newMediaClip, newTextClip, type SourceFacts, type SourceInfo, toFrames } from './timeline';

const facts: Record<string, SourceFacts & { width: number; height: number }> = {
  still: { kind: 'image', durationSec: null, width: 1080, height: 1920 },
  logo: { kind: 'image', durationSec: null, width: 600, height: 200 },
  song: { kind: 'audio', durationSec: 30, width: 0, height: 0 },
};
const info: SourceInfo = (id) => facts[id];
const sizeOf = (id: string) => (facts[id] && facts[id].width > 0 ? { width: facts[id].width, height: facts[id].height } : null);
const kit: Kit = { id: 'kit', name: 'Acme', textStyles: [], logos: { light: 'logo', dark: null }, watermark: null, intro: null, outro: null };

type Spec = { kind: Exclude<TrackKind, 'main'>; clips: { at: number; frames: number }[] };

/** A draft with a main track holding one still, then `specs` tracks with clips placed by insertClip (never overlapping). */
function build(specs: Spec[], mainFrames: number): { draft: VideoDraft; idFor: (p: string) => string } {
  let n = 0;
  const idFor = (p: string) => `${p}-${++n}`;
  const base = newVideoDraft('P', '9:16', 30, idFor);
  const track = (kind: TrackKind): Track => ({ id: idFor('track'), kind, name: kind, muted: false, hidden: false, role: null, ducking: null, clips: [] });
  let d: VideoDraft = { ...base, tracks: [track('main'), ...specs.map((s) => track(s.kind))] };
  const add = (trackId: string, clip: Clip, at: number) => {
    const r = insertClip(d, trackId, clip, at, info);
    if (r.ok) d = r.draft;
  };
  add(d.tracks[0]!.id, { ...newMediaClip({ id: 'still', kind: 'image', durationSec: null }, 0, idFor), out: mainFrames / 30 }, 0);
  specs.forEach((s, i) => {
    const id = d.tracks[i + 1]!.id;
    for (const c of s.clips) {
      const at = c.at / 30;
      if (s.kind === 'text') add(id, { ...newTextClip('t', at, idFor), duration: Math.max(3, c.frames) / 30 }, at);
      else if (s.kind === 'audio') add(id, { ...newMediaClip({ id: 'song', kind: 'audio', durationSec: 30 }, at, idFor), out: c.frames / 30 }, at);
      else add(id, { ...newMediaClip({ id: 'still', kind: 'image', durationSec: null }, at, idFor), out: c.frames / 30 }, at);
    }
  });
  return { draft: d, idFor };
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  kind: fc.constantFrom('overlay' as const, 'text' as const, 'audio' as const),
  clips: fc.array(fc.record({ at: fc.integer({ min: 0, max: 600 }), frames: fc.integer({ min: 1, max: 240 }) }), { maxLength: 6 }),
});

/** No two clips of a non-main track share a frame. */
function noOverlaps(track: Track, fps: number): boolean {
  const spans = track.clips.map((c) => [toFrames(c.start, fps), toFrames(c.start, fps) + clipFrames(c, fps)] as const).sort((a, b) => a[0] - b[0]);
  return spans.every((s, i) => i === 0 || spans[i - 1]![1] <= s[0]);
}

/** Every clip that was in `before` is in `after` unchanged, on a track with the same id. */
function othersKept(before: VideoDraft, after: VideoDraft, except: string | null): boolean {
  return before.tracks.every((t) => t.clips.every((c) => c.id === except || JSON.stringify(findClip(after, c.id)?.clip) === JSON.stringify(c)));
}

describe('overlaySlot', () => {
  it('picks the first overlay lane free for the span, prefers the given track, else adds one after the overlays', () => {
    const { draft, idFor } = build([{ kind: 'overlay', clips: [{ at: 30, frames: 60 }] }, { kind: 'text', clips: [] }, { kind: 'audio', clips: [] }], 300);
    const overlay = draft.tracks[1]!;
    expect(overlaySlot(draft, 3, 1, 'X', idFor)).toMatchObject({ ok: true, trackId: overlay.id, newTrack: false });
    expect(spanFree(overlay, 0, 30, 30)).toBe(true);
    expect(spanFree(overlay, 0, 31, 30)).toBe(false);
    const busy = overlaySlot(draft, 0, 2, 'Logo', idFor);
    expect(busy.ok && busy.newTrack).toBe(true);
    if (busy.ok) expect(busy.draft.tracks.map((t) => t.name)).toEqual(['main', 'overlay', 'Logo', 'text', 'audio']);
    expect(overlayInsertIndex([])).toBe(0);
  });

  it('refuses at the track limit with a message that says what to do', () => {
    const { draft, idFor } = build(Array.from({ length: 31 }, () => ({ kind: 'overlay' as const, clips: [{ at: 0, frames: 90 }] })), 90);
    const r = overlaySlot(draft, 0, 1, 'Logo', idFor);
    expect(r).toMatchObject({ ok: false, reason: 'track_busy' });
    if (!r.ok) expect(r.message).toMatch(/Remove an empty track/);
  });

  it('property: Add logo lands at the playhead on an overlay-kind track, overlapping nothing, others untouched', () => {
    fc.assert(
      fc.property(fc.array(specArb, { maxLength: 8 }), fc.integer({ min: 1, max: 900 }), fc.integer({ min: 0, max: 900 }), (specs, mainFrames, atF) => {
        const { draft, idFor } = build(specs, mainFrames);
        const r = addLogo(draft, kit, sizeOf, atF / 30, info, idFor);
        if (!r.ok) throw new Error(r.message);
        const found = findClip(r.draft, r.clipId!)!;
        expect(found.track.kind).toBe('overlay');
        expect(toFrames(found.clip.start, 30)).toBe(atF);
        expect(noOverlaps(found.track, 30)).toBe(true);
        expect(othersKept(draft, r.draft, null)).toBe(true);
        expect(r.draft.tracks.length - draft.tracks.length).toBeLessThanOrEqual(1);
        if (r.draft.tracks.length > draft.tracks.length) {
          // A new track only when every overlay lane was busy then, and it sits right after the overlays.
          expect(draft.tracks.filter((t) => t.kind === 'overlay').every((t) => !spanFree(t, atF, 90, 30))).toBe(true);
          expect(found.trackIndex).toBe(overlayInsertIndex(draft.tracks));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property: Add watermark spans the draft on an overlay-kind track, overlapping nothing; again keeps one', () => {
    fc.assert(
      fc.property(fc.array(specArb, { maxLength: 8 }), fc.integer({ min: 1, max: 900 }), (specs, mainFrames) => {
        const { draft, idFor } = build(specs, mainFrames);
        const r = addWatermark(draft, kit, sizeOf, info, idFor);
        if (!r.ok) throw new Error(r.message);
        const found = findClip(r.draft, r.clipId!)!;
        expect(found.track.kind).toBe('overlay');
        expect(found.clip.start).toBe(0);
        expect(noOverlaps(found.track, 30)).toBe(true);
        expect(othersKept(draft, r.draft, null)).toBe(true);
        if (found.track.name === WATERMARK_TRACK_NAME) expect(found.trackIndex).toBe(overlayInsertIndex(draft.tracks));
        const again = addWatermark(r.draft, kit, sizeOf, info, idFor);
        if (!again.ok) throw new Error(again.message);
        expect(again.draft.tracks).toHaveLength(r.draft.tracks.length);
        expect(again.draft.tracks.flatMap((t) => t.clips).filter((c) => c.type === 'media' && c.brand === 'watermark')).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipDuration, clipEnd, newVideoDraft, transitionKinds, VideoDraft, type Clip, type Fps } from './draft';
import {
  activeLayersAt,
  deleteClips,
  duplicateClip,
  insertClip,
  moveClip,
  newMediaClip,
  newTextClip,
  setCanvasFps,
  setSpeed,
  setTransition,
  splitClip,
  trackRefusal,
  trimClip,
  updateClip,
  type EditResult,
  type SourceFacts,
  type SourceInfo,
} from './timeline';

/**
 * Random edit sequences against the invariants every edit promises (see timeline.ts). Each step's input draft
 * is deep-frozen, so an edit that mutated its input would throw here.
 */

const assets: Record<string, SourceFacts> = {
  v12: { kind: 'video', durationSec: 12 },
  v337: { kind: 'video', durationSec: 3.37 },
  v05: { kind: 'video', durationSec: 0.5 },
  img: { kind: 'image', durationSec: null },
  music: { kind: 'audio', durationSec: 20 },
  vo: { kind: 'audio', durationSec: 1.01 },
};
const assetIds = Object.keys(assets);
const info: SourceInfo = (id) => assets[id];

type Op =
  | { k: 'insert'; asset: number; track: number; at: number }
  | { k: 'append'; asset: number }
  | { k: 'text'; at: number; len: number }
  | { k: 'move'; clip: number; track: number; at: number }
  | { k: 'trim'; clip: number; edge: 'start' | 'end'; pos: number }
  | { k: 'split'; clip: number; pos: number }
  | { k: 'delete'; clip: number; also: number | null; ripple: boolean }
  | { k: 'duplicate'; clip: number }
  | { k: 'speed'; clip: number; speed: number }
  | { k: 'transition'; clip: number; kind: number; duration: number | null }
  | { k: 'fade'; clip: number; fadeIn: number; fadeOut: number };

// fc.double favours its bounds and 0, which would put nearly every cut on a clip edge: spread them instead.
const time = fc.integer({ min: -2000, max: 40000 }).map((ms) => ms / 1000);
/** Where in a clip an edge or cut lands, as a fraction of its length (outside 0..1 tests the clamps). */
const pos = fc.integer({ min: -500, max: 1500 }).map((x) => x / 1000);
const pick = fc.nat(1000);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('insert' as const), asset: pick, track: pick, at: time }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('append' as const), asset: pick }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('text' as const), at: time, len: fc.double({ min: 0, max: 6, noNaN: true }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('move' as const), clip: pick, track: pick, at: time }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('trim' as const), clip: pick, edge: fc.constantFrom('start' as const, 'end' as const), pos }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('split' as const), clip: pick, pos }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), clip: pick, also: fc.option(pick), ripple: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('duplicate' as const), clip: pick }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('speed' as const), clip: pick, speed: fc.double({ min: 0.05, max: 6, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('transition' as const), clip: pick, kind: pick, duration: fc.option(fc.integer({ min: 0, max: 4000 }).map((ms) => ms / 1000)) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('fade' as const), clip: pick, fadeIn: fc.double({ min: 0, max: 8, noNaN: true }), fadeOut: fc.double({ min: 0, max: 8, noNaN: true }) }) },
);

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

function apply(d: VideoDraft, op: Op, idFor: (p: string) => string): EditResult | null {
  const all = d.tracks.flatMap((t) => t.clips);
  const clip = (i: number): Clip | undefined => all[i % Math.max(1, all.length)];
  const track = (i: number) => d.tracks[i % d.tracks.length]!;
  switch (op.k) {
    case 'insert': {
      const id = assetIds[op.asset % assetIds.length]!;
      return insertClip(d, track(op.track).id, newMediaClip({ id, ...assets[id]! }, op.at, idFor), op.at, info);
    }
    case 'append': {
      // Video or image onto the main track, so it is busy enough for transitions and ripples.
      const id = ['v12', 'v337', 'v05', 'img'][op.asset % 4]!;
      return insertClip(d, d.tracks[0]!.id, newMediaClip({ id, ...assets[id]! }, 0, idFor), op.asset % 3 === 0 ? 0 : 1e6, info);
    }
    case 'text': {
      const t = d.tracks.find((x) => x.kind === 'text')!;
      return insertClip(d, t.id, { ...newTextClip('Title', op.at, idFor), duration: Math.max(0.1, op.len) }, op.at, info);
    }
  }
  const c = clip(op.clip);
  if (!c) return null;
  const at = (p: number) => c.start + p * clipDuration(c);
  switch (op.k) {
    case 'move':
      return moveClip(d, c.id, track(op.track).id, op.at, info);
    case 'trim':
      return trimClip(d, c.id, op.edge, at(op.pos), info);
    case 'split':
      return splitClip(d, c.id, at(op.pos), idFor);
    case 'delete':
      return deleteClips(d, op.also === null ? [c.id] : [c.id, clip(op.also)!.id], { ripple: op.ripple });
    case 'duplicate':
      return duplicateClip(d, c.id, idFor);
    case 'speed':
      return setSpeed(d, c.id, op.speed);
    case 'transition': {
      // Mostly main-track clips after the first (the ones that can take one); sometimes any clip.
      const main = d.tracks[0]!.clips;
      const target = op.kind % 5 !== 0 && main.length > 1 ? main[1 + (op.clip % (main.length - 1))]! : c;
      return setTransition(d, target.id, op.duration === null ? null : { kind: transitionKinds[op.kind % transitionKinds.length]!, duration: op.duration });
    }
    case 'fade':
      return updateClip(d, c.id, { fadeIn: op.fadeIn, fadeOut: op.fadeOut });
  }
}

const onGrid = (t: number, fps: number) => Math.abs(t * fps - Math.round(t * fps)) < 1e-6;

function checkInvariants(d: VideoDraft): void {
  const fps = d.canvas.fps;
  // (5) still a valid draft
  expect(VideoDraft.safeParse(d).success).toBe(true);
  const ids = d.tracks.flatMap((t) => t.clips.map((c) => c.id));
  expect(new Set(ids).size).toBe(ids.length);

  for (const track of d.tracks) {
    track.clips.forEach((c, i) => {
      expect(trackRefusal(track.kind, c, info)).toBeNull();
      // (4) starts on the frame grid; lengths are whole frames too, so ends are as well
      expect(onGrid(c.start, fps)).toBe(true);
      expect(onGrid(clipDuration(c), fps)).toBe(true);
      expect(c.fadeIn).toBeLessThanOrEqual(clipDuration(c) + 1e-9);
      expect(c.fadeOut).toBeLessThanOrEqual(clipDuration(c) + 1e-9);
      if (c.type === 'media') {
        // (3) inside the source
        const facts = assets[c.assetId]!;
        expect(c.in).toBeGreaterThanOrEqual(0);
        expect(c.out).toBeGreaterThan(c.in);
        if (facts.kind !== 'image') expect(c.out).toBeLessThanOrEqual(facts.durationSec! + 1e-9);
        if (track.kind !== 'main' || i === 0) expect(c.transitionIn).toBeNull();
      }
      if (track.kind === 'main') {
        // (1) packed: each start is the previous end minus its transition
        const prev = track.clips[i - 1];
        const tr = c.type === 'media' && c.transitionIn ? c.transitionIn.duration : 0;
        expect(c.start).toBeCloseTo(prev ? clipEnd(prev) - tr : 0, 9);
        if (prev && tr > 0) {
          expect(onGrid(tr, fps)).toBe(true);
          expect(tr).toBeLessThanOrEqual(Math.min(clipDuration(prev), clipDuration(c)) / 2 + 1e-9);
        }
      } else if (i > 0) {
        // (2) no overlaps (and sorted by start)
        expect(c.start).toBeGreaterThanOrEqual(clipEnd(track.clips[i - 1]!) - 1e-9);
      }
    });
  }
}

describe('timeline invariants under random edits', () => {
  it('hold after any sequence of insert/move/trim/split/delete/duplicate/speed/transition/fade', () => {
    fc.assert(
      fc.property(fc.constantFrom<Fps>(24, 30, 60), fc.array(opArb, { minLength: 1, maxLength: 40, size: 'max' }), (fps, ops) => {
        let n = 0;
        const idFor = (p: string) => `${p}-${++n}`;
        let d = deepFreeze(newVideoDraft('prop', '9:16', fps, idFor));
        for (const op of ops) {
          const r = apply(d, op, idFor);
          if (r?.ok) {
            d = deepFreeze(r.draft);
            checkInvariants(d);
          } else if (r) {
            expect(r.message.length).toBeGreaterThan(10);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hold after the frame rate changes (every time moves onto the new grid)', () => {
    fc.assert(
      fc.property(fc.constantFrom<Fps>(24, 30, 60), fc.constantFrom<Fps>(24, 30, 60), fc.array(opArb, { minLength: 1, maxLength: 30, size: 'max' }), (from, to, ops) => {
        let n = 0;
        const idFor = (p: string) => `${p}-${++n}`;
        let d = newVideoDraft('prop', '9:16', from, idFor);
        for (const op of ops) {
          const r = apply(d, op, idFor);
          if (r?.ok) d = r.draft;
        }
        const r = setCanvasFps(deepFreeze(d), to, info);
        if (!r.ok) throw new Error(r.message);
        expect(r.draft.canvas.fps).toBe(to);
        checkInvariants(r.draft);
        expect(r.draft.tracks.map((t) => t.clips.map((c) => c.id))).toEqual(d.tracks.map((t) => t.clips.map((c) => c.id)));
      }),
      { numRuns: 100 },
    );
  });

  it('the main track shows exactly one clip (two during a transition) on every frame up to its end', () => {
    fc.assert(
      fc.property(fc.constantFrom<Fps>(24, 30, 60), fc.array(opArb, { minLength: 1, maxLength: 25 }), (fps, ops) => {
        let n = 0;
        const idFor = (p: string) => `${p}-${++n}`;
        let d = newVideoDraft('prop', '9:16', fps, idFor);
        for (const op of ops) {
          const r = apply(d, op, idFor);
          if (r?.ok) d = r.draft;
        }
        const main = d.tracks[0]!;
        const last = main.clips[main.clips.length - 1];
        const frames = last ? Math.round(clipEnd(last) * fps) : 0;
        for (let f = 0; f < frames; f++) {
          const layers = activeLayersAt(d, f / fps).filter((l) => l.trackId === main.id);
          if (layers.length === 2) {
            expect(layers.map((l) => l.transition?.role)).toEqual(['from', 'to']);
            expect(layers[0]!.transition!.progress).toBe(layers[1]!.transition!.progress);
          } else {
            expect(layers.length).toBe(1);
            expect(layers[0]!.transition).toBeNull();
          }
          for (const l of layers) {
            if (l.clip.type === 'media') {
              expect(l.sourceTime!).toBeGreaterThanOrEqual(l.clip.in);
              expect(l.sourceTime!).toBeLessThanOrEqual(l.clip.out);
            }
            expect(l.opacityFactor).toBeGreaterThanOrEqual(0);
            expect(l.opacityFactor).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a split keeps what is on screen: the same source time at every frame', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Fps>(24, 30, 60),
        fc.constantFrom(0.25, 0.5, 1, 1.5, 4),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (fps, speed, p) => {
          let n = 0;
          const idFor = (x: string) => `${x}-${++n}`;
          let d = newVideoDraft('prop', '9:16', fps, idFor);
          const r = insertClip(d, d.tracks[1]!.id, { ...newMediaClip({ id: 'v12', ...assets.v12! }, 0, idFor), in: 1, out: 9, speed }, 0.5, info);
          if (!r.ok) throw new Error(r.message);
          d = r.draft;
          const c = d.tracks[1]!.clips[0]!;
          const s = splitClip(d, c.id, c.start + p * clipDuration(c), idFor);
          if (!s.ok) return; // within a frame of an edge
          const frames = Math.round(clipEnd(c) * fps);
          for (let f = Math.round(c.start * fps); f < frames; f++) {
            const before = activeLayersAt(d, f / fps)[0]!.sourceTime!;
            const after = activeLayersAt(s.draft, f / fps)[0]!.sourceTime!;
            expect(after).toBeCloseTo(before, 9);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClipLook, defaultTransform, DRAFT_SCHEMA_VERSION, LOOK_RANGES, newVideoDraft, type MediaClip, type AdjustKey } from './draft';
import { migrateDraft } from './draft-migrate';

/**
 * Version 5 (looks): any valid version-4 draft still reads, with no look on any clip (a stray `look` key is
 * dropped); a version-5 look survives a save and load; out-of-range values are refused with a message naming
 * the field.
 */

let n = 0;
const id = (p: string) => `${p}-${++n}`;
const frac = fc.double({ min: 0, max: 1, noNaN: true });

const adjustArb = fc.record(
  Object.fromEntries(Object.entries(LOOK_RANGES).map(([k, [min, max]]) => [k, fc.double({ min, max, noNaN: true }).map((v) => v + 0)])) as Record<AdjustKey, fc.Arbitrary<number>>,
  { requiredKeys: [] },
);
const lookArb = fc.record({ adjust: adjustArb, lut: fc.option(fc.record({ id: fc.constantFrom('warm', 'asset-12'), strength: frac.map((v) => v + 0) })) });

const clipArb = (stray: boolean): fc.Arbitrary<Record<string, unknown>> =>
  fc.record({
    start: fc.integer({ min: 0, max: 600 }),
    in: fc.integer({ min: 0, max: 20 }),
    len: fc.integer({ min: 1, max: 20 }),
    speed: fc.constantFrom(0.5, 1, 2),
    rotation: fc.double({ min: -180, max: 180, noNaN: true }),
    opacity: frac,
    look: stray ? fc.option(fc.anything()) : fc.constant(null),
    keyed: fc.boolean(),
  }).map((c) => {
    const clip: Record<string, unknown> = {
      id: id('c'), type: 'media', assetId: 'a1', start: c.start, in: c.in, out: c.in + c.len, speed: c.speed, volume: 1, fadeIn: 0, fadeOut: 0,
      transform: { ...defaultTransform(), rotation: c.rotation, opacity: c.opacity }, transitionIn: null, brand: null,
      ...(c.keyed ? { keyframes: { opacity: [{ t: 0, value: 0, easing: 'linear' }, { t: 1, value: 1, easing: 'hold' }] } } : {}),
    };
    if (c.look !== null) clip.look = c.look;
    return clip;
  });

const v4Arb = fc.tuple(fc.array(clipArb(true), { maxLength: 4 }), fc.array(clipArb(true), { maxLength: 3 })).map(([main, overlay]) => {
  const d = newVideoDraft('v4', '9:16', 30, id);
  const json = JSON.parse(JSON.stringify(d)) as { tracks: { clips: unknown[] }[] } & Record<string, unknown>;
  json.tracks[0]!.clips = main;
  json.tracks[1]!.clips = overlay;
  return { ...json, schemaVersion: 4 };
});

describe('draft version 5: looks', () => {
  it('any valid version 4 draft migrates and validates, with no look on any clip', () => {
    fc.assert(
      fc.property(v4Arb, (v4) => {
        const read = migrateDraft(v4);
        if (read.kind !== 'video') throw new Error('video');
        expect(read.schemaVersion).toBe(DRAFT_SCHEMA_VERSION);
        for (const clip of read.tracks.flatMap((t) => t.clips)) expect('look' in clip).toBe(false);
        // Everything else survives: the same clips in the same places.
        expect(read.tracks.map((t) => t.clips.map((c) => c.id))).toEqual(v4.tracks.map((t) => (t.clips as { id: string }[]).map((c) => c.id)));
      }),
      { numRuns: 150 },
    );
  });

  it('a version 5 look survives a save and load unchanged', () => {
    fc.assert(
      fc.property(lookArb, (look) => {
        const d = newVideoDraft('v5', '9:16', 30, id);
        const clip: MediaClip = {
          id: 'c', type: 'media', assetId: 'a', start: 0, in: 0, out: 2, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0,
          transform: defaultTransform(), transitionIn: null, brand: null, look,
        };
        const doc = { ...d, tracks: [{ ...d.tracks[0]!, clips: [clip] }, ...d.tracks.slice(1)] };
        const read = migrateDraft(JSON.parse(JSON.stringify(doc)));
        expect(read.kind === 'video' && read.tracks[0]!.clips[0]).toEqual(clip);
      }),
    );
  });

  it('refuses any adjustment outside its range, naming the field and the range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(LOOK_RANGES) as AdjustKey[])), fc.boolean(), fc.double({ min: 1e-6, max: 100, noNaN: true }), (key, above, by) => {
        const [min, max] = LOOK_RANGES[key];
        const r = ClipLook.safeParse({ adjust: { [key]: above ? max + by : min - by }, lut: null });
        expect(r.success).toBe(false);
        if (!r.success) {
          expect(r.error.issues[0]!.path).toEqual(['adjust', key]);
          expect(r.error.issues[0]!.message).toBe(`${key} must be between ${min} and ${max}`);
        }
      }),
    );
    expect(ClipLook.safeParse({ adjust: {}, lut: { id: 'warm', strength: 1.5 } }).success).toBe(false);
    expect(ClipLook.safeParse({ adjust: {}, lut: { id: '', strength: 1 } }).success).toBe(false);
    expect(ClipLook.safeParse({ adjust: { exposure: Number.NaN } }).success).toBe(false);
    expect(ClipLook.parse({})).toEqual({ adjust: {}, lut: null });
  });

  it('a draft with a broken look says where', () => {
    const d = newVideoDraft('v5', '9:16', 30, id);
    const clip = { id: 'c', type: 'media', assetId: 'a', start: 0, in: 0, out: 2, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null, look: { adjust: { saturation: 3 }, lut: null } };
    const doc = { ...d, tracks: [{ ...d.tracks[0]!, clips: [clip] }, ...d.tracks.slice(1)] };
    expect(() => migrateDraft(doc)).toThrow(/tracks\.0\.clips\.0\.look\.adjust\.saturation: saturation must be between -1 and 1/);
  });
});

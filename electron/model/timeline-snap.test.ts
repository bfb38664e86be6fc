import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTransform, newVideoDraft, type MediaClip, type VideoDraft } from './draft';
import { formatTimecode, frame, frameAtX, snap, snapCandidates, snapDrop, snapSpan, snapToFrame, timeToX, toFrames, xToTime } from './timeline-snap';

const fpsArb = fc.constantFrom(24, 30, 60);

describe('frame grid', () => {
  it('a frame is 1/fps', () => {
    expect(frame(24)).toBeCloseTo(0.041666, 5);
    expect(frame(30) * 30).toBe(1);
    expect(frame(60)).toBe(1 / 60);
  });

  it('snaps to the nearest frame at 24, 30 and 60 fps', () => {
    expect(snapToFrame(1.02, 24)).toBe(1); // 24.48 frames
    expect(snapToFrame(1.03, 24)).toBe(25 / 24); // 24.72 frames
    expect(snapToFrame(0.049, 30)).toBe(1 / 30);
    expect(snapToFrame(0.051, 30)).toBe(2 / 30);
    expect(snapToFrame(10.0083, 60)).toBe(600 / 60);
    expect(snapToFrame(10.0084, 60)).toBe(601 / 60);
  });

  it('never returns -0 (it would not round-trip through JSON as the same value)', () => {
    expect(Object.is(snapToFrame(-0.001, 30), 0)).toBe(true);
    expect(Object.is(toFrames(-0.001, 30), 0)).toBe(true);
  });

  it('property: snapping is idempotent, moves by at most half a frame and lands on a whole frame', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 3600, noNaN: true }), fpsArb, (t, fps) => {
        const s = snapToFrame(t, fps);
        expect(snapToFrame(s, fps)).toBe(s);
        expect(Math.abs(s - t)).toBeLessThanOrEqual(0.5 / fps + 1e-9);
        expect(s * fps).toBeCloseTo(Math.round(s * fps), 6);
      }),
    );
  });
});

describe('time ↔ pixels', () => {
  it('converts both ways at a zoom level', () => {
    expect(timeToX(2.5, 100)).toBe(250);
    expect(xToTime(250, 100)).toBe(2.5);
  });
  it('treats a drag past the left edge as time 0', () => {
    expect(xToTime(-40, 100)).toBe(0);
  });
  it('property: x → time → x is the identity for x ≥ 0', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 2000, noNaN: true }), (x, pps) => {
        expect(timeToX(xToTime(x, pps), pps)).toBeCloseTo(x, 6);
      }),
    );
  });
});

describe('frameAtX (the frame under a pixel)', () => {
  const zooms = [8, 37.5, 80, 250, 600];
  it('the start of the ruler (anywhere in frame 0\'s span, or left of it) is frame 0 at every zoom and frame rate', () => {
    for (const pps of zooms) {
      for (const fps of [24, 30, 60]) {
        const width = pps / fps;
        for (const x of [-3, 0, width * 0.5, width * 0.999]) expect(frameAtX(x, pps, fps)).toBe(0);
      }
    }
  });
  it('anywhere in a frame\'s span lands on that frame, not the nearest boundary', () => {
    // Zoomed in, a frame is 20 px wide at 30 fps: a click 12 px in is still frame 0 (rounding said frame 1).
    expect(frameAtX(12, 600, 30)).toBe(0);
    expect(frameAtX(19.9, 600, 30)).toBe(0);
    expect(frameAtX(20, 600, 30)).toBe(1 / 30);
  });
  it('property: a pixel inside frame n gives frame n, and a frame\'s own start maps back to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 108_000 }), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.constantFrom(...zooms), fpsArb, (n, within, pps, fps) => {
        const x0 = timeToX(n / fps, pps);
        const width = pps / fps;
        expect(frameAtX(x0, pps, fps)).toBe(n / fps);
        expect(frameAtX(x0 + within * width, pps, fps)).toBe(n / fps);
      }),
    );
  });
});

describe('formatTimecode', () => {
  it('shows hours, minutes, seconds and frames', () => {
    expect(formatTimecode(62.5, 30)).toBe('00:01:02:15');
    expect(formatTimecode(3661, 24)).toBe('01:01:01:00');
    expect(formatTimecode(0, 60)).toBe('00:00:00:00');
    expect(formatTimecode(23 / 24, 24)).toBe('00:00:00:23');
  });
  it('rounds to the nearest frame (so 59.999 s at 60 fps is a whole minute) and clamps below 0', () => {
    expect(formatTimecode(59.999, 60)).toBe('00:01:00:00');
    expect(formatTimecode(-3, 30)).toBe('00:00:00:00');
  });
  it('property: the timecode names the frame toFrames gives', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 36000, noNaN: true }), fpsArb, (t, fps) => {
        const [h, m, s, f] = formatTimecode(t, fps).split(':').map(Number) as [number, number, number, number];
        expect(f).toBeLessThan(fps);
        expect(((h * 60 + m) * 60 + s) * fps + f).toBe(toFrames(t, fps));
      }),
    );
  });
});

describe('snapping', () => {
  let n = 0;
  const id = (p: string) => `${p}-${++n}`;
  const media = (start: number, length: number): MediaClip => ({
    id: id('clip'), type: 'media', assetId: 'a', start, in: 0, out: length, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null,
  });
  const draft = (): VideoDraft => {
    const d = newVideoDraft('snap', '9:16', 30, id);
    return { ...d, tracks: d.tracks.map((t, i) => (i === 0 ? { ...t, clips: [media(0, 2), media(2, 3)] } : i === 1 ? { ...t, clips: [media(1.5, 1)] } : t)) };
  };

  it('collects 0, the playhead and every clip edge, sorted and without duplicates', () => {
    expect(snapCandidates(draft(), { playhead: 4.2 })).toEqual([0, 1.5, 2, 2.5, 4.2, 5]);
  });

  it('leaves out the clips being dragged', () => {
    const d = draft();
    const dragged = d.tracks[1]!.clips[0]!.id;
    expect(snapCandidates(d, { excludeClipIds: [dragged] })).toEqual([0, 2, 5]);
  });

  it('snaps to the nearest candidate within the threshold, else keeps the time', () => {
    const c = [0, 1.5, 2, 5];
    expect(snap(1.9, c, 0.2)).toEqual({ time: 2, target: 2 });
    expect(snap(1.7, c, 0.25)).toEqual({ time: 1.5, target: 1.5 });
    expect(snap(3.4, c, 0.2)).toEqual({ time: 3.4, target: null });
    expect(snap(0.1, [], 1)).toEqual({ time: 0.1, target: null });
  });

  it('judges the reach from the frame an edge lands on: no edge lands a reach from a candidate undrawn (walk #53)', () => {
    // The music's end trimmed toward the video's end (2 s) at 80 px a second, 8 px of reach (0.1 s), 30 fps.
    const reach = xToTime(8, 80);
    const video = [0, 2];
    // Let go 8 px past (4 s − 152 px): 0.1 s and float noise away; it lands on frame 63, 0.1 s past, and is drawn.
    expect(snap(4 + xToTime(152, 80) * -1, video, reach, 30)).toEqual({ time: 2, target: 2 });
    // 8.8 px past: the trim lands on the same frame (2.1 s), so it is drawn too.
    expect(snap(2.11, video, reach, 30)).toEqual({ time: 2, target: 2 });
    // 10 px past lands on frame 64 (2.133 s), beyond the reach: left where it is.
    expect(snap(2.125, video, reach, 30)).toEqual({ time: 2.125, target: null });
    // Property: wherever an edge is let go, where it lands is either the candidate or more than a reach from it.
    fc.assert(
      fc.property(fpsArb, fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 20, max: 400 }), (fps, t, end, pps) => {
        const v = end / fps;
        const r = snap(t, [v], xToTime(8, pps), fps);
        const lands = snapToFrame(r.time, fps);
        return lands === v || Math.abs(lands - v) > xToTime(8, pps);
      }),
    );
  });

  it('snaps a dragged clip by whichever edge is closer to a candidate', () => {
    // The clip is 1 s long; its end (4.95) is 0.05 from 5, its start (3.95) is 0.45 from nothing near.
    expect(snapSpan(3.95, 1, [0, 2, 5], 0.1)).toEqual({ time: 4, target: 5 });
    expect(snapSpan(1.97, 1, [0, 2, 5], 0.1)).toEqual({ time: 2, target: 2 });
    expect(snapSpan(3.5, 1, [0, 2, 5], 0.1)).toEqual({ time: 3.5, target: null });
  });

  describe('a drop from the bin', () => {
    // 80 px a second (the default zoom); 8 px of snap reach is 0.1 s.
    const pps = 80;
    const reach = 8 / pps;

    it('a logo dropped a few pixels from the start lands at 0, not a frame in', () => {
      for (const x of [1, 3, 5, 7]) expect(snapDrop(draft(), x, pps, 3, { thresholdSec: reach }).time, `${x} px in`).toBe(0);
    });

    it('lands on a clip edge or the playhead near the pointer, by its head or its tail', () => {
      // Head near 2 (the end of the first main clip).
      expect(snapDrop(draft(), 2.05 * pps, pps, 1, { thresholdSec: reach })).toEqual({ time: 2, target: 2 });
      // Head near the playhead at 3.3 s.
      expect(snapDrop(draft(), 3.35 * pps, pps, 10, { playhead: 3.3, thresholdSec: reach })).toEqual({ time: 3.3, target: 3.3 });
      // A 1 s clip whose tail falls 0.05 s short of the draft end (5 s) ends there.
      expect(snapDrop(draft(), 3.95 * pps, pps, 1, { thresholdSec: reach })).toEqual({ time: 4, target: 5 });
    });

    it('away from every candidate, or with snapping off, the frame under the pointer', () => {
      expect(snapDrop(draft(), 3.5 * pps, pps, 0.2, { thresholdSec: reach })).toEqual({ time: 3.5, target: null });
      expect(snapDrop(draft(), 5, pps, 3, { thresholdSec: 0 })).toEqual({ time: 1 / 30, target: null });
    });

    it('property: on the frame grid, never before 0, and within the reach of the pointer or of a candidate', () => {
      fc.assert(
        fc.property(fc.double({ min: -50, max: 2000, noNaN: true }), fc.double({ min: 1 / 30, max: 20, noNaN: true }), fc.option(fc.double({ min: 0, max: 20, noNaN: true })), (x, duration, playhead) => {
          const r = snapDrop(draft(), x, pps, duration, { playhead, thresholdSec: reach });
          expect(r.time).toBeGreaterThanOrEqual(0);
          expect(r.time * 30).toBeCloseTo(Math.round(r.time * 30), 6);
          const pointer = frameAtX(x, pps, 30);
          if (r.target === null) expect(r.time).toBe(pointer);
          else expect(Math.min(Math.abs(r.target - pointer), Math.abs(r.target - (pointer + duration)))).toBeLessThanOrEqual(reach + 1e-9);
        }),
      );
    });
  });
});

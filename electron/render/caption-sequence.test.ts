import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captionFrameAt } from '../model/caption-frames';
import { captionBand, concatList } from './caption-sequence';
import { compileExport } from './compiler';
import { draft, media, track, videoFacts } from './test-drafts';

describe('caption image sequence', () => {
  it('puts every picture on one even band inside the canvas', () => {
    expect(captionBand([{ left: 101, top: 1201, width: 300, height: 81 }, { left: 51, top: 1250, width: 100, height: 80 }], { width: 1080, height: 1920 })).toEqual({ left: 50, top: 1200, width: 352, height: 130 });
    expect(captionBand([{ left: -10, top: 1900, width: 50, height: 50 }], { width: 1080, height: 1920 })).toEqual({ left: 0, top: 1900, width: 40, height: 20 });
    expect(captionBand([], { width: 1080, height: 1920 })).toBeNull();
  });
  it('writes whole frames, blanks in the gaps, and the last entry twice', () => {
    const list = concatList([{ file: '/c/a.png', startSec: 0.5, endSec: 1.01 }, { file: "/c/it's.png", startSec: 1.01, endSec: 2 }], '/c/blank.png', 3, 30);
    expect(list.split('\n')).toEqual([
      'ffconcat version 1.0',
      "file '/c/blank.png'", 'option framerate 30', 'duration 0.500000',
      "file '/c/a.png'", 'option framerate 30', 'duration 0.533333', // 1.01 s is first seen on frame 31
      "file '/c/it'\\''s.png'", 'option framerate 30', 'duration 0.966667',
      "file '/c/blank.png'", 'option framerate 30', 'duration 1.000000',
      "file '/c/blank.png'", 'option framerate 30',
      '',
    ]);
  });
  it('shows on every frame the picture the preview draws for that frame (captionFrameAt), at any time within it', () => {
    // Segments as trackSegments makes them: in order, not overlapping, some shorter than a frame, some gaps.
    const segments = fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 900 })), { minLength: 1, maxLength: 12 }).map((parts) => {
      let t = 0;
      return parts.map(([gap, len], i) => {
        const startSec = (t += gap / 1000);
        return { file: `/c/${i}.png`, startSec, endSec: (t += len / 1000) };
      });
    });
    fc.assert(
      fc.property(segments, fc.constantFrom(24, 25, 30, 60), fc.double({ min: 0, max: 0.999, noNaN: true }), (segs, fps, within) => {
        const total = segs.at(-1)!.endSec + 0.5;
        // The list as the frames ffmpeg makes of it: each entry held for its duration in whole frames.
        const lines = concatList(segs, '/c/blank.png', total, fps).split('\n');
        const shown: string[] = [];
        for (let i = 1; i + 2 < lines.length; i += 3) {
          if (!lines[i + 2]!.startsWith('duration ')) break;
          const n = Math.round(Number(lines[i + 2]!.slice('duration '.length)) * fps);
          for (let k = 0; k < n; k++) shown.push(lines[i]!.slice('file \''.length, -1));
        }
        for (let n = 0; n < shown.length; n++) {
          for (const t of [n / fps, (n + within) / fps]) expect(captionFrameAt(segs, t, fps)?.file ?? '/c/blank.png', `frame ${n} at ${t}`).toBe(shown[n]);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('compiles each burned-in track as ONE concat input and one overlay, however many words it has', () => {
    const d = draft([track('main', 'main', [media('c1', 'a', 0, 0, 3)])]);
    const c = compileExport(d, new Map([['a', videoFacts('/m/a.mp4', 1080, 1920)]]), new Map(), { height: 'canvas', fps: 'canvas', quality: 'standard' }, '/o.mp4', null, [
      { listPath: '/tmp/en.ffconcat', left: 40, top: 1200 },
      { listPath: '/tmp/fi.ffconcat', left: 40, top: 100 },
    ]);
    expect(c.args.filter((a) => a === 'concat')).toHaveLength(2);
    const graph = c.args[c.args.indexOf('-filter_complex') + 1]!;
    expect(graph).toContain('[1:v]overlay=40:1200:eof_action=repeat');
    expect(graph).toContain('[2:v]overlay=40:100:eof_action=repeat');
  });
});

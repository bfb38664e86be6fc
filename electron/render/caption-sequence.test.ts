import { describe, expect, it } from 'vitest';
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

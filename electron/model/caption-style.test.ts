import { describe, expect, it } from 'vitest';
import { blockTop, captionPlacement, captionZones, cueWordTimes, resolveCaptionStyle, shownStyleFor, trackSegments } from './caption-style';
import { safeZones } from './safe-zones';

const vertical = { width: 1080, height: 1920 };

describe('caption style presets', () => {
  it('take the kit caption style and accent colour, scaled to the canvas; without a kit, the default look', () => {
    const kit = {
      palette: [{ name: 'Pop', color: '#FF3366', role: 'accent' as const }],
      textStyles: [{ role: 'caption' as const, style: { font: 'Liberation Sans', size: 50, color: '#111111', bold: false, italic: false, align: 'center' as const, stroke: null, box: { color: '#ffffff', opacity: 1, padding: 10, radius: 8 } }, placement: { x: 0.5, y: 0.2, maxWidth: 0.7 } }],
    };
    const s = resolveCaptionStyle('karaoke', kit, 1920);
    expect(s.animation).toBe('highlight');
    expect(s.text.font).toBe('Liberation Sans');
    expect(s.text.size).toBe(Math.round((50 * 1920) / 1080));
    expect(s.highlightColor).toBe('#ff3366');
    expect(s.position).toMatchObject({ anchor: 'top', maxWidth: 0.7 });
    expect(resolveCaptionStyle('line-box', kit, 1080).text.box).toBeNull();
    expect(resolveCaptionStyle('static', null, 1080).text.font).toBe('DejaVu Sans');
    expect(resolveCaptionStyle('one-word', null, 1080).text.size).toBeGreaterThan(resolveCaptionStyle('static', null, 1080).text.size);
  });
  it('refuse an unknown style id with what to do', () => {
    expect(() => resolveCaptionStyle('wobble', null, 1080)).toThrow(/Pick one of static, karaoke/);
  });
});

describe('the style a new track shows with', () => {
  it('is Karaoke when any cue has timed words, else Static (typed, imported, empty)', () => {
    expect(shownStyleFor([])).toBe('static');
    expect(shownStyleFor([{}, { words: [] }])).toBe('static');
    expect(shownStyleFor([{}, { words: [{ text: 'Hi', startSec: 0, endSec: 0.3 }] }])).toBe('karaoke');
  });
});

describe('word times without timings', () => {
  it('share the cue out by word length, end to end', () => {
    const w = cueWordTimes({ text: 'a bcd', startSec: 1, endSec: 7 });
    expect(w).toEqual([
      { text: 'a', startSec: 1, endSec: 3 },
      { text: 'bcd', startSec: 3, endSec: 7 },
    ]);
  });
});

describe('caption placement', () => {
  it('on a vertical canvas keeps the block above every app caption band and clear of every button column', () => {
    const p = captionPlacement({ anchor: 'bottom', margin: 0.02, maxWidth: 0.9 }, vertical, captionZones(vertical));
    const zones = Object.values(safeZones).flat();
    const bandTop = Math.min(...zones.filter((z) => z.label === 'caption').map((z) => z.y));
    expect(p.edgeY).toBeLessThanOrEqual(bandTop * vertical.height);
    const right = (p.centerX + (p.maxWidth * vertical.width) / 2) / vertical.width;
    for (const z of zones.filter((z) => z.label === 'buttons')) expect(right).toBeLessThanOrEqual(z.x + 1e-9);
    // The block's bottom edge sits on edgeY.
    expect(blockTop(p, 200) + 200).toBe(p.edgeY);
  });
  it('uses one channel when named, and nothing on a square canvas', () => {
    const tiktok = captionPlacement({ anchor: 'top', margin: 0.03, maxWidth: 0.9 }, vertical, captionZones(vertical, 'tiktok'));
    expect(tiktok.edgeY).toBe(Math.round((0.07 + 0.03) * 1920));
    expect(tiktok.maxWidth).toBe(0.9); // the buttons stand lower than a top caption
    const square = captionPlacement({ anchor: 'bottom', margin: 0.05, maxWidth: 0.9 }, { width: 1080, height: 1080 }, captionZones({ width: 1080, height: 1080 }));
    expect(square).toEqual({ centerX: 540, edgeY: Math.round(0.95 * 1080), anchor: 'bottom', maxWidth: 0.9 });
  });
});

describe('track segments', () => {
  it('karaoke: one segment per spoken word, the later of two overlapping cues taking over', () => {
    const cues = [
      { id: 'a', text: 'one two', startSec: 0, endSec: 2, words: [{ text: 'one', startSec: 0, endSec: 0.5 }, { text: 'two', startSec: 1, endSec: 1.5 }] },
      { id: 'b', text: 'three', startSec: 1.5, endSec: 3 },
    ];
    const segs = trackSegments({ cues }, () => 'highlight');
    expect(segs.map((s) => [s.cueId, s.startSec, s.endSec, s.state.words.map((w) => w.highlighted)])).toEqual([
      ['a', 0, 1, [true, false]],
      ['a', 1, 1.5, [false, true]],
      ['b', 1.5, 3, [true]],
    ]);
    expect(trackSegments({ cues }, () => 'static').map((s) => [s.cueId, s.startSec, s.endSec])).toEqual([
      ['a', 0, 1.5],
      ['b', 1.5, 3],
    ]);
  });
});

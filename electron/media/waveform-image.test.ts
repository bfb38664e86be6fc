import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { waveformSvg } from './waveform-image';

const heights = (svg: string) => [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"/g)].map((m) => Number(m[1]));

describe('waveformSvg', () => {
  it('draws one bar per peak, taller for louder peaks, scaled to the loudest', () => {
    const h = heights(waveformSvg([0.1, 0.5, 0.25], { width: 300, height: 100, bars: 60, background: '#000', color: '#fff' }));
    expect(h).toHaveLength(3);
    expect(h[1]).toBeCloseTo(76, 0); // the loudest bar spans 76 % of the height
    expect(h[0]! < h[2]! && h[2]! < h[1]!).toBe(true);
  });
  it('folds long waveforms into at most `bars` bars, keeping the peaks', () => {
    const peaks = Array.from({ length: 1000 }, (_, i) => (i === 500 ? 1 : 0.1));
    const h = heights(waveformSvg(peaks, { width: 480, height: 270, bars: 50, background: '#000', color: '#fff' }));
    expect(h.length).toBeLessThanOrEqual(50);
    expect(Math.max(...h)).toBeCloseTo(270 * 0.76, 0);
  });
  it('renders to an image sharp can encode', async () => {
    const png = await sharp(Buffer.from(waveformSvg([0.2, 0.8, 0.4]))).png().toBuffer();
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([480, 270]);
    // The middle row crosses the bars: some pixels are the accent colour (more green than red).
    const row = Math.floor(info.height / 2) * info.width * info.channels;
    let accent = 0;
    for (let x = 0; x < info.width; x++) if (data[row + x * info.channels + 1]! > 150 && data[row + x * info.channels]! < 100) accent++;
    expect(accent).toBeGreaterThan(20);
  });
  it('draws silence as a flat line, not nothing', () => {
    expect(heights(waveformSvg([0, 0, 0])).every((v) => v >= 1)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_PEAKS, PeakAccumulator, downsample } from './waveform';

/** Signed 16-bit little-endian PCM, as ffmpeg's `-f s16le -ac 1` writes it. */
function pcm(samples: readonly number[]): Uint8Array {
  const b = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => b.writeInt16LE(s, i * 2));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function pushInChunks(acc: PeakAccumulator, bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) acc.push(bytes.subarray(i, i + size));
}

describe('PeakAccumulator', () => {
  it('gives peaks of 1 for a full-scale square wave', () => {
    const square = Array.from({ length: 1000 }, (_, i) => (Math.floor(i / 5) % 2 ? 32767 : -32768));
    const acc = new PeakAccumulator(1000, 50);
    acc.push(pcm(square));
    const w = acc.finish();
    expect(w.peaksPerSecond).toBe(50);
    expect(w.peaks).toHaveLength(50);
    for (const p of w.peaks) expect(p).toBeCloseTo(1, 3);
  });

  it('gives the same peaks whatever the chunking, also when chunks split a sample', () => {
    // Bucket i peaks at i*1000, half of them negative, so both sign and odd-byte carry are exercised.
    const samples = Array.from({ length: 400 }, (_, i) => {
      const bucket = Math.floor(i / 20);
      const v = i % 20 === 7 ? bucket * 1000 : (bucket * 1000) / 4;
      return bucket % 2 ? -v : v;
    });
    const bytes = pcm(samples);
    const expected = Array.from({ length: 20 }, (_, b) => Math.round(((b * 1000) / 32768) * 1000) / 1000);

    const whole = new PeakAccumulator(1000, 50);
    whole.push(bytes);
    expect(whole.finish().peaks).toEqual(expected);

    for (const size of [1, 3, 7, 333]) {
      const acc = new PeakAccumulator(1000, 50);
      pushInChunks(acc, bytes, size);
      acc.push(new Uint8Array(0)); // empty chunks are harmless
      expect(acc.finish().peaks, `chunks of ${size}`).toEqual(expected);
    }
  });

  it('reassembles a negative sample split across two chunks', () => {
    const acc = new PeakAccumulator(1, 1); // one sample per peak
    const bytes = pcm([-16384, 8192]); // 00 c0 | 00 20
    acc.push(bytes.subarray(0, 1));
    acc.push(bytes.subarray(1, 3));
    acc.push(bytes.subarray(3));
    expect(acc.finish().peaks).toEqual([0.5, 0.25]);
  });

  it('keeps a last partial bucket and reports the real peak rate', () => {
    const acc = new PeakAccumulator(44_100);
    acc.push(pcm(Array.from({ length: 882 + 10 }, (_, i) => (i === 885 ? 3277 : 0))));
    const w = acc.finish();
    expect(w.peaksPerSecond).toBe(50);
    expect(w.peaks).toEqual([0, 0.1]);
  });

  it('caps long recordings at MAX_PEAKS without losing the loudest moment', () => {
    const peaks = MAX_PEAKS * 2 + 3; // two samples per peak at 100 Hz / 50 pps
    const samples = new Array<number>(peaks * 2).fill(100);
    samples[70_001] = -32768;
    const acc = new PeakAccumulator(100, 50);
    pushInChunks(acc, pcm(samples), 65_537);
    const w = acc.finish();
    expect(w.peaks.length).toBeLessThanOrEqual(MAX_PEAKS);
    expect(w.peaks.length).toBe(Math.ceil(peaks / 3));
    expect(w.peaksPerSecond).toBeCloseTo(50 / 3, 6);
    expect(Math.max(...w.peaks)).toBe(1);
    expect(w.peaks.indexOf(1)).toBe(Math.floor(70_001 / 2 / 3));
  });

  it('does not downsample at exactly MAX_PEAKS', () => {
    const acc = new PeakAccumulator(50, 50);
    acc.push(pcm(new Array<number>(MAX_PEAKS).fill(0)));
    const w = acc.finish();
    expect(w.peaks).toHaveLength(MAX_PEAKS);
    expect(w.peaksPerSecond).toBe(50);
  });
});

describe('downsample', () => {
  it('keeps the maximum of each group, including a short last group', () => {
    expect(downsample([0.1, 0.5, 0.2, 0.9, 0.3], 2)).toEqual([0.5, 0.9, 0.3]);
    expect(downsample([0.1, 0.5], 1)).toEqual([0.1, 0.5]);
    expect(downsample([], 3)).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEAT_RATE, TEMPO_MIN_SPAN_SEC, TEMPO_RANGE, detectBeats, pcmFromF32le, tempoOf } from './beats';

/** A click track: a short decaying noise-and-tone burst every 60/bpm s from `offset`, over a quiet pad. */
function clicks(bpm: number, seconds: number, offset = 0.2, seed = 1): { pcm: Float32Array; times: number[] } {
  const pcm = new Float32Array(Math.round(seconds * BEAT_RATE));
  let x = seed;
  const noise = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  // A steady pad under the clicks: its spectrum does not change, so it must not make beats of its own.
  for (let i = 0; i < pcm.length; i++) pcm[i] = 0.05 * Math.sin((2 * Math.PI * 220 * i) / BEAT_RATE);
  const times: number[] = [];
  for (let t = offset; t < seconds - 0.1; t += 60 / bpm) {
    times.push(t);
    const start = Math.round(t * BEAT_RATE);
    for (let k = 0; k < 0.04 * BEAT_RATE && start + k < pcm.length; k++) {
      const env = Math.exp(-k / (0.008 * BEAT_RATE));
      pcm[start + k]! += 0.6 * env * (0.5 * noise() + 0.5 * Math.sin((2 * Math.PI * 1800 * k) / BEAT_RATE));
    }
  }
  return { pcm, times };
}

describe('detectBeats on click tracks at known tempos', () => {
  it.each([90, 120, 128, 150])('%i BPM: every click found within 25 ms, nothing else', (bpm) => {
    const { pcm, times } = clicks(bpm, 8);
    const { beats, bpm: found } = detectBeats(pcm);
    expect(beats.length).toBe(times.length);
    beats.forEach((b, i) => expect(Math.abs(b - times[i]!), `beat ${i}`).toBeLessThanOrEqual(0.025));
    expect(Math.abs(found! - bpm) / bpm).toBeLessThan(0.03);
  });

  it('any tempo from 70 to 180 BPM at any start: the count and tempo are right', () => {
    fc.assert(
      fc.property(fc.integer({ min: 70, max: 180 }), fc.double({ min: 0.1, max: 0.6, noNaN: true }), (bpm, offset) => {
        const { pcm, times } = clicks(bpm, 6, offset, bpm);
        const { beats, bpm: found } = detectBeats(pcm);
        expect(beats.length).toBe(times.length);
        expect(Math.abs(found! - bpm) / bpm).toBeLessThan(0.03);
      }),
      { numRuns: 12 },
    );
  });

  it('silence and a steady tone have no beats', () => {
    expect(detectBeats(new Float32Array(BEAT_RATE * 3)).beats).toEqual([]);
    const tone = new Float32Array(BEAT_RATE * 3).map((_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / BEAT_RATE));
    expect(detectBeats(tone).beats.length).toBeLessThanOrEqual(1);
  });
});

describe('helpers', () => {
  it('tempo is the median spacing; too few onsets, or onsets over under 4 s, give none', () => {
    expect(tempoOf([0, 0.5, 1, 1.5, 2.4, 3, 3.5, 4])).toBe(120);
    expect(tempoOf([0, 0.5, 1])).toBeNull();
    // Onsets an eighth note apart name the beat, not the hits: 300 → 150.
    expect(tempoOf([0, 0.2, 0.4, 0.6, 0.8, 4])).toBe(150);
    expect(tempoOf([0, 1.5, 3, 4.5])).toBe(80); // every other beat heard: 40 → 80
    // A 2 s loop with ten hits (the walk's "10 beats · 323 BPM"): no tempo.
    expect(tempoOf([0.05, 0.24, 0.42, 0.61, 0.79, 0.98, 1.17, 1.35, 1.54, 1.72])).toBeNull();
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 10, noNaN: true }), fc.integer({ min: 4, max: 60 }), (gap, n) => {
        const beats = Array.from({ length: n }, (_, i) => i * gap);
        const bpm = tempoOf(beats);
        if (beats[n - 1]! < TEMPO_MIN_SPAN_SEC) return bpm === null;
        return bpm !== null && bpm >= TEMPO_RANGE.min && bpm < TEMPO_RANGE.max;
      }),
    );
  });
  it('reads little-endian f32 PCM', () => {
    const f = new Float32Array([0.5, -1, 0.25]);
    expect([...pcmFromF32le(new Uint8Array(f.buffer))]).toEqual([0.5, -1, 0.25]);
  });
});

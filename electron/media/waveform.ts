export type Waveform = { peaksPerSecond: number; peaks: number[] };

export const PEAKS_PER_SECOND = 50;
/** Long recordings get coarser peaks so the file stays small (≈ 24k values at most). */
export const MAX_PEAKS = 24_000;

/**
 * Folds signed 16-bit little-endian mono PCM, chunk by chunk, into absolute peaks (0..1) per bucket.
 * Chunks may split a sample in two; the odd byte is carried over.
 */
export class PeakAccumulator {
  private readonly samplesPerPeak: number;
  private carry: number | null = null;
  private current = 0;
  private count = 0;
  private readonly peaks: number[] = [];

  constructor(private readonly sampleRate: number, peaksPerSecond = PEAKS_PER_SECOND) {
    this.samplesPerPeak = Math.max(1, Math.round(sampleRate / peaksPerSecond));
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    if (this.carry !== null && chunk.length > 0) {
      this.sample(((chunk[0]! << 8) | this.carry) << 16 >> 16);
      this.carry = null;
      i = 1;
    }
    for (; i + 1 < chunk.length; i += 2) this.sample(((chunk[i + 1]! << 8) | chunk[i]!) << 16 >> 16);
    if (i < chunk.length) this.carry = chunk[i]!;
  }

  private sample(v: number): void {
    const a = Math.abs(v) / 32768;
    if (a > this.current) this.current = a;
    if (++this.count === this.samplesPerPeak) {
      this.peaks.push(this.current);
      this.current = 0;
      this.count = 0;
    }
  }

  finish(): Waveform {
    if (this.count > 0) this.peaks.push(this.current);
    let peaks = this.peaks;
    let pps = this.sampleRate / this.samplesPerPeak;
    if (peaks.length > MAX_PEAKS) {
      const factor = Math.ceil(peaks.length / MAX_PEAKS);
      peaks = downsample(peaks, factor);
      pps /= factor;
    }
    return { peaksPerSecond: pps, peaks: peaks.map((p) => Math.round(p * 1000) / 1000) };
  }
}

export function downsample(peaks: readonly number[], factor: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < peaks.length; i += factor) out.push(Math.max(...peaks.slice(i, i + factor)));
  return out;
}

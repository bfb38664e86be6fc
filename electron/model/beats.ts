/**
 * Beat markers for music (issue 14 §4): onsets found offline by spectral flux on mono PCM (ffmpeg decodes the
 * asset to f32le; electron/media does the I/O). Pure: samples in, beat times out.
 *
 * Method: frames of FRAME samples every HOP; magnitude spectrum by a radix-2 FFT on a Hann window; the flux of a
 * frame is the sum of the positive magnitude increases since the previous frame (log-compressed, so a soft
 * hi-hat and a loud kick both register). A frame is an onset when its flux is a local maximum above an adaptive
 * threshold (the local mean plus a share of the local spread) and at least MIN_GAP_SEC after the last onset.
 */

export const BEAT_RATE = 22_050;
const FRAME = 1024;
const HOP = 256;
/** Two beats closer than this are one (faster than 240 BPM eighth notes is a roll, not a beat to cut on). */
export const MIN_GAP_SEC = 0.12;
/** The threshold's window: half a second each side adapts to a quiet verse and a loud chorus alike. */
const WINDOW_SEC = 0.5;
/** How far above the local mean a peak must rise, in local standard deviations. */
const SPREAD_K = 1.0;
/**
 * The least flux an onset has: the log-spectrum rising by this much in all (a click rises by hundreds; a steady
 * tone's frame-to-frame wobble by far less than one), so silence and drones give no markers.
 */
const MIN_FLUX = 5;

export type BeatAnalysis = {
  /** Onset times in seconds, ascending. */
  beats: number[];
  /** The tempo the onsets suggest (median spacing), or null with fewer than 4 onsets. */
  bpm: number | null;
};

/** In-place iterative radix-2 FFT (re, im of length n, a power of two). */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b]! * cr - im[b]! * ci;
        const ti = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
        const ncr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = ncr;
      }
    }
  }
}

/** How many flux frames `sampleCount` samples make (index i is the frame starting at i·HOP). */
export function fluxFrameCount(sampleCount: number): number {
  return sampleCount < FRAME ? 0 : Math.floor((sampleCount - FRAME) / HOP) + 1;
}

const HANN = (() => {
  const w = new Float64Array(FRAME);
  for (let i = 0; i < FRAME; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (FRAME - 1));
  return w;
})();

/** Log-compressed magnitude spectrum of the frame starting at sample `off`. */
function magnitudes(samples: Float32Array, off: number, re: Float64Array, im: Float64Array): Float64Array {
  for (let i = 0; i < FRAME; i++) {
    re[i] = samples[off + i]! * HANN[i]!;
    im[i] = 0;
  }
  fft(re, im);
  const mag = new Float64Array(FRAME / 2);
  for (let k = 0; k < mag.length; k++) mag[k] = Math.log1p(100 * Math.hypot(re[k]!, im[k]!));
  return mag;
}

/**
 * Fills `into[from..to)` with the spectral flux of those frames of `samples` (the frame before `from` is read
 * again for its spectrum), so a long file can be analysed in slices between which a job checks for cancel and
 * reports progress. Slices give exactly what one pass gives.
 */
export function spectralFluxInto(samples: Float32Array, into: Float64Array, from: number, to: number): void {
  const re = new Float64Array(FRAME);
  const im = new Float64Array(FRAME);
  let prev = from > 0 ? magnitudes(samples, (from - 1) * HOP, re, im) : null;
  for (let f = from; f < to; f++) {
    const mag = magnitudes(samples, f * HOP, re, im);
    let sum = 0;
    if (prev) {
      for (let k = 0; k < mag.length; k++) {
        const d = mag[k]! - prev[k]!;
        if (d > 0) sum += d;
      }
    }
    into[f] = sum;
    prev = mag;
  }
}

/** Spectral flux per hop of `samples` (mono, any rate). Index i is the frame starting at i·HOP. */
export function spectralFlux(samples: Float32Array): Float64Array {
  const flux = new Float64Array(fluxFrameCount(samples.length));
  spectralFluxInto(samples, flux, 0, flux.length);
  return flux;
}

/** Onsets of mono PCM at `rate` Hz: peaks of the spectral flux over an adaptive threshold. */
export function detectBeats(samples: Float32Array, rate: number = BEAT_RATE): BeatAnalysis {
  return onsetsOf(spectralFlux(samples), rate);
}

/** Onsets from a spectral flux computed at `rate` Hz (see detectBeats). */
export function onsetsOf(flux: Float64Array, rate: number = BEAT_RATE): BeatAnalysis {
  const n = flux.length;
  const hopSec = HOP / rate;
  const w = Math.max(1, Math.round(WINDOW_SEC / hopSec));
  const minGap = Math.round(MIN_GAP_SEC / hopSec);
  let peakMax = 0;
  for (let i = 0; i < n; i++) peakMax = Math.max(peakMax, flux[i]!);
  const beats: number[] = [];
  let last = -Infinity;
  // Prefix sums for the local mean and spread in O(1) a frame.
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    s1[i + 1] = s1[i]! + flux[i]!;
    s2[i + 1] = s2[i]! + flux[i]! * flux[i]!;
  }
  for (let i = 1; i < n - 1; i++) {
    const v = flux[i]!;
    if (v < flux[i - 1]! || v < flux[i + 1]!) continue;
    const a = Math.max(0, i - w);
    const b = Math.min(n, i + w + 1);
    const mean = (s1[b]! - s1[a]!) / (b - a);
    const sd = Math.sqrt(Math.max(0, (s2[b]! - s2[a]!) / (b - a) - mean * mean));
    // Silence and steady tones have no peaks worth a marker: a floor relative to the loudest onset.
    if (v <= mean + SPREAD_K * sd || v < 0.1 * peakMax || v < MIN_FLUX) continue;
    if (i - last < minGap) continue;
    last = i;
    // The onset is where the frame's window centre sits: the frame starts HOP·i samples in and spans FRAME.
    beats.push(Math.round(((i * HOP + FRAME / 2) / rate) * 1000) / 1000);
  }
  return { beats, bpm: tempoOf(beats) };
}

/** Tempos are named in this range: onsets an eighth note apart say 300, which no song is; the beat is 150. */
export const TEMPO_RANGE = { min: 60, max: 200 } as const;

/**
 * Onsets must span this long before a tempo is named: a 2 s loop's handful of hits says little about its tempo (it
 * named 323 BPM), and a short sound has no tempo a creator cuts to.
 */
export const TEMPO_MIN_SPAN_SEC = 4;

/**
 * Median spacing of onsets as beats per minute, halved or doubled into TEMPO_RANGE (off-beat hits or only every
 * other beat heard give a multiple of the tempo), or null with fewer than four onsets or onsets over less than
 * TEMPO_MIN_SPAN_SEC.
 */
export function tempoOf(beats: readonly number[]): number | null {
  if (beats.length < 4 || beats[beats.length - 1]! - beats[0]! < TEMPO_MIN_SPAN_SEC) return null;
  const gaps = beats.slice(1).map((b, i) => b - beats[i]!).sort((x, y) => x - y);
  const mid = gaps[Math.floor(gaps.length / 2)]!;
  if (!(mid > 0)) return null;
  let bpm = 60 / mid;
  while (bpm >= TEMPO_RANGE.max) bpm /= 2;
  while (bpm < TEMPO_RANGE.min) bpm *= 2;
  return Math.round(bpm * 10) / 10;
}

/** Little-endian f32 PCM bytes (ffmpeg `-f f32le`) as samples. */
export function pcmFromF32le(bytes: Uint8Array): Float32Array {
  const n = Math.floor(bytes.byteLength / 4);
  const out = new Float32Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, n * 4);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

import { z } from 'zod';

/**
 * Loudness normalisation of an export (EBU R128 via ffmpeg's `loudnorm`), in two passes: a measure pass
 * (`print_format=json`, output discarded) reads the mix's integrated loudness, true peak, loudness range and
 * gating threshold; the second pass hands those back (`measured_*`, `offset`) with `linear=true`, so the whole
 * file gets one gain instead of the single-pass mode's riding gain (which pumps music under speech).
 * Pure: the filter strings and the parsing of the measure pass; electron/render/loudness.ts runs them.
 */

export const LoudnessTarget = z.object({
  /** Integrated loudness, LUFS (loudnorm's I: -70..-5). */
  integratedLufs: z.number().min(-70).max(-5),
  /** Maximum true peak, dBTP (loudnorm's TP: -9..0). */
  truePeakDbtp: z.number().min(-9).max(0),
});
export type LoudnessTarget = z.infer<typeof LoudnessTarget>;

/** What the measure pass found (loudnorm's `input_*` and `target_offset`). */
export type LoudnessMeasure = {
  integratedLufs: number;
  truePeakDbtp: number;
  lraLu: number;
  thresholdLufs: number;
  targetOffsetLu: number;
};

/**
 * Below this the mix is silence (or nearly): there is nothing to bring up, and a +60 dB gain would only
 * raise the noise floor. Such an export is left as it was mixed.
 */
export const SILENT_LUFS = -70;
/**
 * The loudness range the measure pass is asked for. It changes nothing in what is measured; the second pass
 * asks for at least the measured range, because loudnorm only keeps linear mode when the target range is
 * not narrower than the input's (otherwise it compresses).
 */
export const DEFAULT_LRA = 11;
const MAX_LRA = 50;

/** loudnorm's numbers: two decimals are below anything audible and keep the filter string short. */
const n2 = (x: number) => {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The measure pass's filter: analyses and prints JSON; what it outputs is thrown away (`-f null`). */
export function measureFilter(target: LoudnessTarget): string {
  return `loudnorm=I=${n2(target.integratedLufs)}:TP=${n2(target.truePeakDbtp)}:LRA=${DEFAULT_LRA}:print_format=json`;
}

/**
 * The second pass's filter, or null when the mix is silent. Measured values are clamped into the ranges
 * loudnorm accepts (it refuses the whole graph otherwise). loudnorm works at 192 kHz inside: the caller
 * resamples its output to the export's rate.
 */
export function normaliseFilter(target: LoudnessTarget, m: LoudnessMeasure): string | null {
  if (!isAudible(m)) return null;
  const lra = clamp(Math.max(DEFAULT_LRA, Math.ceil(m.lraLu * 10) / 10 + 0.1), 1, MAX_LRA);
  return [
    `loudnorm=I=${n2(target.integratedLufs)}`,
    `TP=${n2(target.truePeakDbtp)}`,
    `LRA=${n2(lra)}`,
    `measured_I=${n2(clamp(m.integratedLufs, -99, 0))}`,
    `measured_TP=${n2(clamp(m.truePeakDbtp, -99, 99))}`,
    `measured_LRA=${n2(clamp(m.lraLu, 0, 99))}`,
    `measured_thresh=${n2(clamp(m.thresholdLufs, -99, 0))}`,
    `offset=${n2(clamp(m.targetOffsetLu, -99, 99))}`,
    'linear=true',
    'print_format=summary',
  ].join(':');
}

export function isAudible(m: LoudnessMeasure): boolean {
  return Number.isFinite(m.integratedLufs) && m.integratedLufs > SILENT_LUFS;
}

/** loudnorm prints "-inf" for silence and quotes every number. */
function numberOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return NaN;
  const s = v.trim();
  if (s === '-inf') return -Infinity;
  if (s === 'inf' || s === '+inf') return Infinity;
  return s === '' ? NaN : Number(s);
}

/**
 * The measure pass's numbers from ffmpeg's stderr: the LAST `{ … }` block (loudnorm prints it when the
 * stream ends, after everything else). Null when there is none or a field is missing: the caller says the
 * measurement failed rather than normalising with made-up values.
 */
export function parseLoudnormJson(stderr: string): LoudnessMeasure | null {
  const end = stderr.lastIndexOf('}');
  if (end < 0) return null;
  const start = stderr.lastIndexOf('{', end);
  if (start < 0) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(stderr.slice(start, end + 1));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  const m: LoudnessMeasure = {
    integratedLufs: numberOf(o.input_i),
    truePeakDbtp: numberOf(o.input_tp),
    lraLu: numberOf(o.input_lra),
    thresholdLufs: numberOf(o.input_thresh),
    targetOffsetLu: numberOf(o.target_offset),
  };
  // -inf is a real answer (silence); NaN means the field was missing or unreadable.
  if (Object.values(m).some((x) => Number.isNaN(x))) return null;
  return m;
}

/** "−14 LUFS, −1 dBTP": how a target is written for people (true minus signs). */
export function loudnessLabel(t: LoudnessTarget): string {
  const s = (x: number) => (x < 0 ? `\u2212${Math.abs(x)}` : String(x));
  return `${s(t.integratedLufs)} LUFS, ${s(t.truePeakDbtp)} dBTP`;
}

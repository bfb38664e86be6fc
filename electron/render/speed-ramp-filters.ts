import type { MediaClip } from '../model/draft';
import { rampSegments, rampTimeAt } from '../model/speed-ramp-time';

/**
 * ffmpeg filters that play a clip along its speed ramp (docs/speed-ramps.md). The picture: `setpts` with the
 * model's closed-form timeline time of each source frame (rampSegments), so the export shows the frame the preview
 * shows. The sound: atempo (pitch kept), whose tempo is changed by timed commands every RAMP_AUDIO_STEP of source,
 * each piece at its exact mean speed so the pieces add up to the clip's length.
 */

/** Source seconds per audio tempo step: short enough that a step is not heard, long enough to stay a few frames. */
export const RAMP_AUDIO_STEP = 0.05;
/** The most tempo steps one clip gets (a long clip takes longer steps). */
const RAMP_AUDIO_STEPS_MAX = 400;

/** Twelve significant digits: the expression must land on the model's frame, not 6 decimals of it. */
const x = (v: number): string => {
  const r = Number(v.toPrecision(12));
  if (Object.is(r, -0) || r === 0) return '0';
  // Never an exponent (1e-7): written out in full, which every ffmpeg expression and option parser reads.
  return Math.abs(r) < 1e-6 ? r.toFixed(20).replace(/0+$/, '') : String(r);
};

/**
 * `setpts` for a ramped clip: σ = the frame's source offset (from the trimmed input's first frame), PTS = τ(σ) + `at`
 * seconds. Piecewise over the ramp's segments: τ₀ + ln(1 + k(σ − s₀)/v₀)/k, or τ₀ + (σ − s₀)/v₀ where the speed is flat.
 */
export function rampSetpts(c: MediaClip, at: number): string {
  const ramp = c.speedRamp!;
  const span = c.out - c.in;
  const segs = rampSegments(ramp, span).filter((g) => g.s1 > g.s0);
  const piece = (g: (typeof segs)[number]) =>
    g.k === 0 ? `${x(g.t0)}+(ld(0)-${x(g.s0)})/${x(g.v0)}` : `${x(g.t0)}+log(1+${x(g.k / g.v0)}*(ld(0)-${x(g.s0)}))/${x(g.k)}`;
  let expr = piece(segs[segs.length - 1]!);
  for (let i = segs.length - 2; i >= 0; i--) expr = `if(lt(ld(0),${x(segs[i]!.s1)}),${piece(segs[i]!)},${expr})`;
  const shift = at > 0 ? `+${x(at)}` : '';
  // setpts truncates to whole time-base ticks: + 0.5 rounds instead, so a frame due exactly on a canvas frame lands on it.
  return `setpts='st(0,clip((PTS-STARTPTS)*TB,0,${x(span)}));(${expr}${shift})/TB+0.5'`;
}

/**
 * The frame-rate filter after a ramped clip's setpts: `round=up` shows each source frame from the first canvas frame
 * at or after its time, as the preview does (the last frame that starts at or before the playhead's source time).
 */
export const rampFps = (fps: number): string => `fps=${fps}:round=up`;

/** A name ffmpeg accepts as a filter instance (letters, digits, underscores). */
const instance = (c: MediaClip) => `ramp_${c.id.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** The tempo steps of a ramped clip's sound: [source offset where the step starts, its mean speed]. */
export function rampTempoSteps(c: MediaClip): [number, number][] {
  const ramp = c.speedRamp!;
  const span = c.out - c.in;
  const n = Math.max(1, Math.min(RAMP_AUDIO_STEPS_MAX, Math.ceil(span / RAMP_AUDIO_STEP)));
  const steps: [number, number][] = [];
  let t0 = 0;
  for (let i = 0; i < n; i++) {
    const s0 = (span * i) / n;
    const s1 = (span * (i + 1)) / n;
    const t1 = rampTimeAt(ramp, span, s1);
    steps.push([s0, (s1 - s0) / (t1 - t0)]);
    t0 = t1;
  }
  return steps;
}

/**
 * The sound of a ramped clip lasting `dur` timeline seconds: two atempo stages (each takes √speed, so 0.25×..4× stays
 * inside the 0.5..2 range where atempo sounds clean), retuned by asendcmd at each step's source time, then padded or
 * cut to exactly `dur` (atempo's windows round each step by a few samples).
 */
export function rampAudioFilters(c: MediaClip, dur: number): string[] {
  const name = instance(c);
  const steps = rampTempoSteps(c);
  const cmds = steps.map(([s, v]) => `${x(s)} atempo@${name}_a tempo ${x(Math.sqrt(v))},atempo@${name}_b tempo ${x(Math.sqrt(v))}`);
  const first = x(Math.sqrt(steps[0]![1]));
  return ['asetpts=PTS-STARTPTS', `asendcmd=c='${cmds.join(';')}'`, `atempo@${name}_a=${first}`, `atempo@${name}_b=${first}`, `apad=whole_dur=${x(dur)}`, `atrim=end=${x(dur)}`];
}

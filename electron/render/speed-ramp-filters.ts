import type { MediaClip } from '../model/draft';
import { rampSegments, rampTimeAt } from '../model/speed-ramp-time';

/**
 * ffmpeg filters that play a clip along its speed ramp (docs/speed-ramps.md). The picture: `setpts` with the
 * model's closed-form timeline time of each source frame (rampSegments), so the export shows the frame the preview
 * shows. The sound (pitch kept): rubberband, whose tempo is changed by timed commands every RAMP_AUDIO_STEP of
 * source, each step at its exact mean speed so the steps add up to the clip's length (RampSound below).
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
 * How a ramped clip's sound is stretched (pitch kept). ffmpeg's `atempo` cannot follow a curve: in ffmpeg 5.1 its
 * `tempo` command resets the filter and drops the sound it holds (~40 ms a command), so a curve retuned every 50 ms
 * lost over half its sound and ran ahead of the picture (speed-ramp-sound.ffmpeg.test.ts caught it); cutting the
 * sound into pieces stretched one by one loses as much at every join.
 * - 'rubberband': one `rubberband` filter retuned by `asendcmd` at each step; it keeps its stream across a change.
 *   Used when the ffmpeg has it (Debian's, Ubuntu's, Homebrew's and the common static builds: ffmpeg-abilities.ts).
 * - 'mean': an ffmpeg without it plays the clip's sound at the curve's mean speed (atempo, nothing lost, the right
 *   length, in step with the picture at the clip's start and end only); the export's log says so.
 */
export type RampSound = 'rubberband' | 'mean';

/**
 * Source seconds a tempo command is sent AFTER its step starts. rubberband applies a new tempo to the sound it
 * already holds, so a change sent on time stretches the last few tens of ms before it at the new speed, and a
 * slow-motion stretch came out up to 155 ms late; sent 30 ms later, every burst of the test lands between 0 and
 * ~80 ms after its picture (sound after the picture by under 125 ms is not noticed: ITU-R BT.1359).
 */
export const RUBBERBAND_COMMAND_DELAY = 0.03;

/** The exact-length tail of a ramped clip's sound (stretchers round their windows by a few samples). */
const exactLength = (dur: number) => [`apad=whole_dur=${x(dur)}`, `atrim=end=${x(dur)}`];

/** The sound of a ramped clip lasting `dur` timeline seconds, as one chain (see RampSound). */
export function rampAudioFilters(c: MediaClip, dur: number, how: RampSound): string[] {
  if (how === 'mean') return ['asetpts=PTS-STARTPTS', ...atempoSteps((c.out - c.in) / dur), ...exactLength(dur)];
  const name = instance(c);
  const steps = mergedTempoSteps(c);
  const cmds = steps.slice(1).map(([s, v]) => `${x(s + RUBBERBAND_COMMAND_DELAY)} rubberband@${name} tempo ${x(v)}`);
  const retune = cmds.length ? [`asendcmd=c='${cmds.join(';')}'`] : [];
  return ['asetpts=PTS-STARTPTS', ...retune, `rubberband@${name}=tempo=${x(steps[0]![1])}`, ...exactLength(dur)];
}

/** Tempo steps with neighbours of the same speed (a curve's flat stretches) joined: fewer commands or pieces. */
function mergedTempoSteps(c: MediaClip): [number, number][] {
  const out: [number, number][] = [];
  for (const step of rampTempoSteps(c)) {
    const last = out[out.length - 1];
    if (last && Math.abs(step[1] - last[1]) <= 1e-9 * last[1]) continue;
    out.push(step);
  }
  return out;
}

/**
 * atempo keeps pitch; chained in steps inside 0.5..2 (the range that sounds clean on every ffmpeg). `fmt` writes
 * the last factor (the compiler's six decimals for a constant speed; twelve digits for a ramp's piece).
 */
export function atempoSteps(speed: number, fmt: (v: number) => string = x): string[] {
  if (Math.abs(speed - 1) < 1e-9) return [];
  const steps: string[] = [];
  let s = speed;
  while (s > 2 + 1e-9) {
    steps.push('atempo=2');
    s /= 2;
  }
  while (s < 0.5 - 1e-9) {
    steps.push('atempo=0.5');
    s /= 0.5;
  }
  if (Math.abs(s - 1) > 1e-9) steps.push(`atempo=${fmt(s)}`);
  return steps;
}

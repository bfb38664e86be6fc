import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sourceOffsetAt as sourceOffset } from '../model/clip-speed';
import { clipDuration, type MediaClip } from '../model/draft';
import { rampPreset } from '../model/speed-ramp-time';
import { rampArb } from '../model/__tests__/ramp-arb';
import { compileExport } from './compiler';
import { RUBBERBAND_COMMAND_DELAY, rampAudioFilters, rampSetpts, rampTempoSteps } from './speed-ramp-filters';
import { SOFTWARE_ENCODER } from '../model/video-encoder';
import { checkExportArgs } from './test-graph';
import { audioFacts, draft, media, track, videoFacts } from './test-drafts';

/** A tiny evaluator for the setpts expression rampSetpts writes (numbers, + − × ÷, ld(0), if, lt, log), to check it against the model. */
function evalSetpts(filter: string, sourceOffset: number): number {
  const body = /^setpts='st\(0,clip\(\(PTS-STARTPTS\)\*TB,0,([\d.]+)\)\);(.*)\/TB\+0\.5'$/.exec(filter);
  if (!body) throw new Error(`unexpected ${filter}`);
  const ld = Math.min(Math.max(sourceOffset, 0), Number(body[1]));
  const src = body[2]!;
  let i = 0;
  const eat = (t: string) => {
    if (!src.startsWith(t, i)) throw new Error(`expected ${t} at ${i} in ${src}`);
    i += t.length;
  };
  const atom = (): number => {
    if (src[i] === '(') {
      eat('(');
      const v = sum();
      eat(')');
      return v;
    }
    if (src[i] === '-') {
      eat('-');
      return -atom();
    }
    const fn = /^(ld|if|lt|log)\(/.exec(src.slice(i));
    if (fn) {
      eat(fn[0]);
      const args = [sum()];
      while (src[i] === ',') {
        eat(',');
        args.push(sum());
      }
      eat(')');
      if (fn[1] === 'ld') return ld;
      if (fn[1] === 'if') return args[0] ? args[1]! : args[2]!;
      if (fn[1] === 'lt') return args[0]! < args[1]! ? 1 : 0;
      return Math.log(args[0]!);
    }
    const num = /^[\d.]+/.exec(src.slice(i))![0];
    i += num.length;
    return Number(num);
  };
  const product = (): number => {
    let v = atom();
    while (src[i] === '*' || src[i] === '/') v = src[i++] === '*' ? v * atom() : v / atom();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (src[i] === '+' || src[i] === '-') v = src[i++] === '+' ? v + product() : v - product();
    return v;
  };
  const v = sum();
  expect(i).toBe(src.length);
  return v;
}

const clip = (extra: Partial<MediaClip> = {}) => media('r', 'v', 2, 1, 6, { speedRamp: rampPreset('hero'), ...extra });

describe('speed ramp filters', () => {
  it('setpts puts every source offset at the timeline time the model gives', () => {
    fc.assert(
      fc.property(rampArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (speedRamp, f, at) => {
        const c = clip({ speedRamp });
        const s = f * (c.out - c.in);
        const t = evalSetpts(rampSetpts(c, at), s);
        // τ(s) from the model's inverse: source at τ equals s.
        expect(Math.abs(t - at - timeOf(c, s))).toBeLessThan(1e-6);
      }),
    );
  });

  it('tempo steps add up to the clip’s length and stay inside 0.25×..4×', () => {
    fc.assert(
      fc.property(rampArb, (speedRamp) => {
        const c = clip({ speedRamp });
        const steps = rampTempoSteps(c);
        const span = c.out - c.in;
        const total = steps.reduce((sum, [s0, v], i) => sum + ((steps[i + 1]?.[0] ?? span) - s0) / v, 0);
        expect(total).toBeCloseTo(clipDuration(c), 9);
        for (const [, v] of steps) expect(v >= 0.25 - 1e-9 && v <= 4 + 1e-9).toBe(true);
      }),
    );
  });

  it('rubberband is retuned at each change of speed, a little after the step starts; mean speed is one atempo chain', () => {
    const c = clip();
    const dur = clipDuration(c);
    const chain = rampAudioFilters(c, dur, 'rubberband').join(',');
    const cmds = /asendcmd=c='([^']*)'/.exec(chain)![1]!.split(';');
    const steps = rampTempoSteps(c);
    // Hero has flat stretches: one command per change, none for a step at the speed before it.
    const changes = steps.filter(([, v], i) => i > 0 && Math.abs(v - steps[i - 1]![1]) > 1e-9 * v);
    expect(cmds).toHaveLength(changes.length);
    cmds.forEach((cmd, i) => {
      const [at, target, , tempo] = cmd.split(' ');
      expect(target).toBe('rubberband@ramp_r');
      expect(Number(at)).toBeCloseTo(changes[i]![0] + RUBBERBAND_COMMAND_DELAY, 9);
      expect(Number(tempo)).toBeCloseTo(changes[i]![1], 9);
    });
    expect(chain).toContain(`rubberband@ramp_r=tempo=${steps[0]![1]}`);
    expect(chain).toMatch(/apad=whole_dur=[\d.]+,atrim=end=[\d.]+$/);
    const mean = rampAudioFilters(c, dur, 'mean');
    expect(mean.filter((f) => f.startsWith('atempo=')).length).toBeGreaterThan(0);
    expect(mean.join(',')).not.toContain('asendcmd');
  });

  it('a ramped clip on every kind of track compiles to a graph ffmpeg takes', () => {
    const sources = new Map([['v', videoFacts('/m/v.mp4', 1080, 1920, { durationSec: 12 })], ['a', audioFacts('/m/a.m4a', 12)]]);
    const d = draft([
      track('m', 'main', [clip({ start: 0 })]),
      track('o', 'overlay', [clip({ id: 'o1', start: 1 })]),
      track('au', 'audio', [media('a1', 'a', 0, 0, 4, { speedRamp: rampPreset('flashOut') })]),
    ]);
    const { args } = compileExport(d, sources, new Map(), { height: 'canvas', fps: 'canvas', quality: 'standard' }, '/o.mp4', null, [], SOFTWARE_ENCODER, 'rubberband');
    const streams = (file: string) => ({ video: file.endsWith('.mp4') && file.startsWith('/m/v'), audio: true });
    expect(checkExportArgs(args, streams)).toEqual([]);
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    expect(graph.match(/setpts='st\(0/g)).toHaveLength(2);
    expect(graph.match(/asendcmd/g)).toHaveLength(3);
    expect(graph).toContain('fps=30:round=up');
  });
});

function timeOf(c: MediaClip, s: number): number {
  // Bisection on the model's forward map (sourceOffsetAt is increasing): independent of rampTimeAt.
  let lo = 0;
  let hi = clipDuration(c);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (sourceOffset(c, mid) < s) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

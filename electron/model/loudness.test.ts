import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelLimits } from './channels';
import { type LoudnessMeasure, isAudible, loudnessLabel, measureFilter, normaliseFilter, parseLoudnormJson } from './loudness';
import { planVariant, variantKey } from './render-variant';

// ffmpeg 5.1's loudnorm report, as it prints it at the end of stderr.
const report = (i: string, tp = '-18.06', lra = '3.20', thresh = '-31.75', offset = '-0.05') => `size=N/A time=00:00:03.00 bitrate=N/A speed=8.19x
video:0kB audio:1125kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown
[Parsed_loudnorm_0 @ 0x556aa8812d00]
{
	"input_i" : "${i}",
	"input_tp" : "${tp}",
	"input_lra" : "${lra}",
	"input_thresh" : "${thresh}",
	"output_i" : "-13.95",
	"output_tp" : "-10.27",
	"output_lra" : "0.00",
	"output_thresh" : "-23.95",
	"normalization_type" : "dynamic",
	"target_offset" : "${offset}"
}
`;

const target = { integratedLufs: -14, truePeakDbtp: -1 };

describe('parseLoudnormJson', () => {
  it('reads the measure pass report', () => {
    expect(parseLoudnormJson(report('-21.75'))).toEqual({ integratedLufs: -21.75, truePeakDbtp: -18.06, lraLu: 3.2, thresholdLufs: -31.75, targetOffsetLu: -0.05 });
  });
  it('reads silence as -Infinity, which is not audible', () => {
    const m = parseLoudnormJson(report('-inf', '-inf', '0.00', '-70.00', 'inf'))!;
    expect(m.integratedLufs).toBe(-Infinity);
    expect(isAudible(m)).toBe(false);
    expect(normaliseFilter(target, m)).toBeNull();
  });
  it('gives null for no report, broken JSON or a missing field', () => {
    expect(parseLoudnormJson('ffmpeg exited')).toBeNull();
    expect(parseLoudnormJson('{ "input_i" : "-20", ')).toBeNull();
    expect(parseLoudnormJson(report('-20').replace(/"input_thresh".*\n/, ''))).toBeNull();
  });
});

describe('loudnorm filters', () => {
  it('measure: the target and JSON output', () => {
    expect(measureFilter(target)).toBe('loudnorm=I=-14:TP=-1:LRA=11:print_format=json');
  });
  it('normalise: measured values handed back, linear', () => {
    const m = parseLoudnormJson(report('-21.75'))!;
    expect(normaliseFilter(target, m)).toBe('loudnorm=I=-14:TP=-1:LRA=11:measured_I=-21.75:measured_TP=-18.06:measured_LRA=3.2:measured_thresh=-31.75:offset=-0.05:linear=true:print_format=summary');
  });
  it('normalise: the target range is never narrower than the measured one (linear mode holds)', () => {
    fc.assert(
      fc.property(fc.double({ min: -69, max: -1, noNaN: true }), fc.double({ min: -60, max: 20, noNaN: true }), fc.double({ min: 0, max: 80, noNaN: true }), (i, tp, lra) => {
        const m: LoudnessMeasure = { integratedLufs: i, truePeakDbtp: tp, lraLu: lra, thresholdLufs: i - 10, targetOffsetLu: 0 };
        const f = normaliseFilter(target, m)!;
        const lraTarget = Number(/:LRA=([\d.]+)/.exec(f)![1]);
        expect(lraTarget).toBeGreaterThanOrEqual(Math.min(50, lra));
        expect(lraTarget).toBeLessThanOrEqual(50);
        const measuredTp = Number(/measured_TP=(-?[\d.]+)/.exec(f)![1]);
        expect(measuredTp).toBeGreaterThanOrEqual(-99);
        expect(measuredTp).toBeLessThanOrEqual(99);
      }),
    );
  });
  it('labels targets with true minus signs', () => {
    expect(loudnessLabel(target)).toBe('\u221214 LUFS, \u22121 dBTP');
  });
});

describe('channel loudness targets', () => {
  it('every channel that takes video has a target with a source; the others none', () => {
    for (const c of Object.values(channelLimits)) {
      if (c.video) {
        expect(c.loudness?.target.integratedLufs, c.id).toBe(-14);
        expect(c.loudness?.target.truePeakDbtp, c.id).toBe(-1);
        expect(c.loudness?.source.page.length, c.id).toBeGreaterThan(10);
      } else expect(c.loudness, c.id).toBeNull();
    }
  });
  it('a video variant carries its channel target and the key tells levelled from not', () => {
    const plan = planVariant({ width: 1080, height: 1920, fps: 30 }, 20, 'tiktok');
    expect(plan.loudness).toEqual(target);
    expect(variantKey(plan)).not.toBe(variantKey({ ...plan, loudness: null }));
  });
});

import { describe, expect, it } from 'vitest';
import type { ExportPreset } from '../model/draft-record';
import type { VariantPlan } from '../model/render-variant';
import { compileExport, compileOutputs } from './compiler';
import { draft, media, track, videoFacts } from './test-drafts';

// The one-pass graph: one composition, split into one branch per output, one `-map … file` group per output.
const standard: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'standard' };
const sources = new Map([['a', videoFacts('/m/a.mp4', 1080, 1920)]]);
const d = draft([track('main', 'main', [media('c', 'a', 0, 0, 10)])]);
const plan = (width: number, height: number, extra: Partial<VariantPlan> = {}): VariantPlan => ({ width, height, reframe: 'fill', maxDurationSec: null, videoBitrateKbps: null, fps: 30, ...extra });
const graphOf = (args: string[]) => args[args.indexOf('-filter_complex') + 1]!;

describe('compileOutputs', () => {
  it('with one output is exactly compileExport', () => {
    const p = plan(720, 1280);
    expect(compileOutputs(d, sources, new Map(), standard, [{ variant: p, outputPath: '/o.mp4' }]).args).toEqual(compileExport(d, sources, new Map(), standard, '/o.mp4', p).args);
  });

  it('decodes each source once and splits picture and sound into one branch per output', () => {
    const r = compileOutputs(d, sources, new Map(), standard, [
      { variant: plan(1080, 1920), outputPath: '/a.mp4' },
      { variant: plan(720, 1280, { fps: 24, videoBitrateKbps: 2500 }), outputPath: '/b.mp4' },
      { variant: plan(540, 960, { maxDurationSec: 4 }), outputPath: '/c.mp4' },
    ]);
    expect(r.args.filter((a) => a === '-i')).toHaveLength(1);
    const g = graphOf(r.args);
    expect(g).toMatch(/split=3\[o\d+\]\[o\d+\]\[o\d+\]/);
    expect(g).toMatch(/asplit=3/);
    expect(g).toMatch(/\[o\d+\]fps=24\[v\d+\];\[v\d+\]scale=720:1280,setsar=1/);
    expect(g).toMatch(/scale=540:960,setsar=1/);
    // The composition lasts as long as the longest output; each output has its own cut, rate and file.
    expect(r.durationSec).toBe(10);
    expect(r.outputs.map((o) => [o.outputPath, o.width, o.height, o.fps, o.durationSec])).toEqual([['/a.mp4', 1080, 1920, 30, 10], ['/b.mp4', 720, 1280, 24, 10], ['/c.mp4', 540, 960, 30, 4]]);
    const files = ['/a.mp4', '/b.mp4', '/c.mp4'].map((f) => r.args.indexOf(f));
    const group = (i: number) => r.args.slice(i === 0 ? r.args.indexOf('-filter_complex') + 2 : files[i - 1]! + 1, files[i]);
    expect(group(0)).not.toContain('-maxrate');
    expect(group(1)).toEqual(expect.arrayContaining(['-maxrate', '2500k']));
    expect(group(2)[group(2).indexOf('-t') + 1]).toBe('4');
    for (const i of [0, 1, 2]) expect(group(i).filter((a) => a === '-map')).toHaveLength(2);
  });

  it('a hardware encoder sets its codec on every output (VAAPI: device and upload too)', () => {
    const r = compileOutputs(d, sources, new Map(), standard, [{ variant: plan(1080, 1920), outputPath: '/a.mp4' }, { variant: plan(720, 1280), outputPath: '/b.mp4' }], [], 'h264_vaapi');
    expect(r.args.slice(0, 3)).toEqual(['-hide_banner', '-vaapi_device', '/dev/dri/renderD128']);
    expect(r.args.filter((a) => a === 'h264_vaapi')).toHaveLength(2);
    expect(graphOf(r.args).match(/format=nv12,hwupload/g)).toHaveLength(2);
    expect(r.args).not.toContain('-pix_fmt');
  });
});

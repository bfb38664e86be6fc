import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveBinaries } from '../../electron/media/binaries';
import { MediaTools } from '../../electron/media/ffmpeg';
import type { ExportPreset } from '../../electron/model/draft-record';
import type { SourceFacts, TextLayerFile } from '../../electron/render/compiler';
import type { VariantPlan } from '../../electron/model/render-variant';
import { type ExportRequest, runExport, runVariantExport } from '../../electron/render/export';
import { benchDraft } from '../../electron/render/test-drafts';
import { rasterizeText } from '../../electron/render/text';
import { BENCH_DIR, warm } from './media';

/**
 * `npm run bench -- render`: the reference composition exported by Postframe (compile + run through
 * the media adapter, text rasterised once beforehand as the real export does) against ONE hand-written
 * ffmpeg command producing the same output, alternating, several runs each. Reports median wall-time and
 * peak-memory ratios (Postframe / hand-written). Peak memory is the ffmpeg process's VmHWM (peak RSS),
 * polled from /proc while it runs; Node's own memory is not counted on either side.
 */

export const GOALS = { wallRatio: 1.1, memoryRatio: 1.25, variantsOnePass: 0.6, variantsVsLargest: 1.5 } as const;
const VERSION = '1';
export const RENDER_DIR = path.join(BENCH_DIR, 'render');
const RUNS = Math.max(1, Number(process.env.POSTFRAME_BENCH_RENDER_RUNS ?? 3));
const preset: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'standard' };

export type RenderBenchResult = {
  render_wall_ratio: number;
  render_memory_ratio: number;
  postframe_wall_s: number;
  handwritten_wall_s: number;
  postframe_peak_mb: number;
  handwritten_peak_mb: number;
  runs: { postframe_s: number; handwritten_s: number; postframe_mb: number; handwritten_mb: number }[];
  output: { duration_s: number; width: number; height: number; streams: string[] };
  /** Three channel variants in ONE ffmpeg process / the three rendered separately (sum of wall times). */
  variants_one_pass_ratio: number;
  /** The same one-process export / the largest variant rendered alone. */
  variants_vs_largest_ratio: number;
  variants: {
    one_pass_s: number;
    separate_s: number;
    largest_s: number;
    sizes: string[];
    runs: { one_pass_s: number; separate_s: number; largest_s: number; one_pass_cpu_s: number; separate_cpu_s: number; largest_cpu_s: number }[];
    /**
     * The same two ratios from the CPU time ffmpeg used (user + system, all threads) instead of wall time: the work
     * each side does, which other processes on a shared machine change far less than the wall time.
     */
    cpu_one_pass_ratio: number;
    cpu_vs_largest_ratio: number;
  };
  /** The 1-minute load average when the bench ended: every wall time above shared the cores with it. */
  load_average: number;
  goals: {
    render_wall_ratio: { target: number; met: boolean };
    render_memory_ratio: { target: number; met: boolean };
    variants_one_pass_ratio: { target: number; met: boolean };
    variants_vs_largest_ratio: { target: number; met: boolean };
  };
};

/**
 * The three channel variants of the 1080x1920 reference draft: full size for TikTok/Reels (the largest), a 4:5
 * feed version on a blurred backdrop, and a 720p one at 24 fps under a bitrate cap (as a size-limited channel).
 */
export const BENCH_VARIANTS: VariantPlan[] = [
  { width: 1080, height: 1920, reframe: 'fill', maxDurationSec: null, videoBitrateKbps: null, fps: 30 },
  { width: 1080, height: 1350, reframe: 'blur', maxDurationSec: null, videoBitrateKbps: null, fps: 30 },
  { width: 720, height: 1280, reframe: 'fill', maxDurationSec: null, videoBitrateKbps: 2500, fps: 24 },
];

const bins = resolveBinaries({ env: process.env });

function ffmpeg(args: string[]): void {
  execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Three 12 s 1080p30 clips with stereo sound, and a 30 s music bed; cached under .fixtures/bench/render. */
export function ensureMedia(log: (msg: string) => void): { clips: string[]; music: string } {
  const clips = [1, 2, 3].map((i) => path.join(RENDER_DIR, `clip${i}.mp4`));
  const music = path.join(RENDER_DIR, 'music.m4a');
  const stamp = path.join(RENDER_DIR, `.version-${VERSION}`);
  if (!fs.existsSync(stamp)) {
    log(`generating render bench media in ${RENDER_DIR} (once; cached) …`);
    fs.rmSync(RENDER_DIR, { recursive: true, force: true });
    fs.mkdirSync(RENDER_DIR, { recursive: true });
    // Moving, detailed pictures (not flat colours) so the encoder does real work, as with camera footage.
    const pictures = [
      'testsrc2=size=1920x1080:rate=30,noise=alls=12:allf=t',
      'mandelbrot=size=1920x1080:rate=30',
      'life=size=1920x1080:rate=30:mold=10:ratio=0.3:life_color=#30c0ff:death_color=#202020,format=yuv420p,noise=alls=8:allf=t',
    ];
    pictures.forEach((pic, i) => {
      ffmpeg([
        '-f', 'lavfi', '-i', pic, '-f', 'lavfi', '-i', `sine=frequency=${300 + i * 150}:sample_rate=48000`,
        '-t', '12', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-g', '60',
        '-c:a', 'aac', '-b:a', '128k', '-ac', '2', clips[i]!,
      ]);
    });
    ffmpeg(['-f', 'lavfi', '-i', 'aevalsrc=0.3*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*2*t))|0.3*sin(2*PI*330*t):s=48000', '-t', '30', '-c:a', 'aac', '-b:a', '160k', music]);
    fs.writeFileSync(stamp, new Date().toISOString());
  }
  return { clips, music };
}

/** Highest VmHWM (kB) among ffmpeg processes that are children of this process, sampled until stopped. */
function peakMemoryWatcher(): { stop: () => number } {
  let peak = 0;
  const sample = () => {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        // "pid (comm) state ppid …": comm may hold spaces, so split after the last ')'.
        const close = stat.lastIndexOf(')');
        const comm = stat.slice(stat.indexOf('(') + 1, close);
        const ppid = Number(stat.slice(close + 2).split(' ')[1]);
        if (ppid !== process.pid || comm !== 'ffmpeg') continue;
        const hwm = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (hwm) peak = Math.max(peak, Number(hwm[1]));
      } catch {
        // the process ended between listing and reading
      }
    }
  };
  const timer = setInterval(sample, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

/**
 * The same composition as an ffmpeg expert writes it by hand: input seeking for the trims, crop the centre
 * 9:16 of each clip then scale it up, concat video and sound, the title PNG overlaid for 0–5 s, the music
 * at 30% mixed in without normalisation, the encode settings of the issue.
 */
export function handwrittenArgs(clips: string[], music: string, title: TextLayerFile, out: string): string[] {
  return [
    '-y',
    '-ss', '1', '-t', '8', '-i', clips[0]!,
    '-ss', '2', '-t', '10', '-i', clips[1]!,
    '-ss', '3', '-t', '6', '-i', clips[2]!,
    '-t', '24', '-i', music,
    '-i', title.path,
    '-filter_complex',
    '[0:v]crop=608:1080:656:0,scale=1080:1920,setsar=1[v0];' +
      '[1:v]crop=608:1080:656:0,scale=1080:1920,setsar=1[v1];' +
      '[2:v]crop=608:1080:656:0,scale=1080:1920,setsar=1[v2];' +
      '[v0][0:a][v1][1:a][v2][2:a]concat=n=3:v=1:a=1[v][a];' +
      `[v][4:v]overlay=${title.left}:${title.top}:enable='between(t,0,5)'[vo];` +
      '[3:a]volume=0.3[m];[a][m]amix=inputs=2:duration=first:normalize=0[ao]',
    '-map', '[vo]', '-map', '[ao]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '128k', '-ar', '48000',
    '-movflags', '+faststart',
    out,
  ];
}

function runHandwritten(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(bins.ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-4000);
    });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`hand-written ffmpeg failed (${code}): ${err}`))));
  });
}

function probeSummary(file: string): RenderBenchResult['output'] {
  const j = JSON.parse(execFileSync(bins.ffprobe, ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]).toString()) as {
    format: { duration: string };
    streams: { codec_name: string; width?: number; height?: number }[];
  };
  const v = j.streams.find((s) => s.width);
  return { duration_s: Number(Number(j.format.duration).toFixed(3)), width: v?.width ?? 0, height: v?.height ?? 0, streams: j.streams.map((s) => s.codec_name) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export async function renderBench(o: { log?: (msg: string) => void; runs?: number } = {}): Promise<RenderBenchResult> {
  const log = o.log ?? (() => {});
  const runs = o.runs ?? RUNS;
  const { clips, music } = ensureMedia(log);
  const tools = new MediaTools(bins);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-bench-render-'));
  try {
    const draft = benchDraft();
    // As the library knows them after import (ffprobe at import time), not measured per run.
    const sources = new Map<string, SourceFacts>();
    for (const [id, file] of [['clip1', clips[0]!], ['clip2', clips[1]!], ['clip3', clips[2]!], ['music', music]] as const) {
      const p = await tools.probe(file);
      const v = p.streams.find((s) => s.codec_type === 'video');
      const [n, d] = (v?.r_frame_rate ?? '0/1').split('/').map(Number);
      sources.set(id, {
        path: file, kind: v ? 'video' : 'audio', width: v?.width ?? null, height: v?.height ?? null, rotation: 0,
        durationSec: Number(p.format.duration), hasAudio: p.streams.some((s) => s.codec_type === 'audio'), fps: v && d ? n! / d : null,
      });
    }
    const titleClip = draft.tracks.flatMap((t) => t.clips).find((c) => c.type === 'text')!;
    if (titleClip.type !== 'text') throw new Error('bench draft has no title');
    const title = await rasterizeText(titleClip, draft.canvas, path.join(work, 'text'));
    warm([...clips, music, title.path]);

    const pfOut = path.join(work, 'postframe.mp4');
    const hwOut = path.join(work, 'handwritten.mp4');
    const hwArgs = handwrittenArgs(clips, music, title, hwOut);
    const rows: RenderBenchResult['runs'] = [];
    for (let i = 0; i < runs; i++) {
      // Alternate which side goes first so neither always gets the warmer machine.
      const order = i % 2 === 0 ? ['postframe', 'handwritten'] : ['handwritten', 'postframe'];
      const row = { postframe_s: 0, handwritten_s: 0, postframe_mb: 0, handwritten_mb: 0 };
      for (const side of order) {
        fs.rmSync(side === 'postframe' ? pfOut : hwOut, { force: true });
        const watch = peakMemoryWatcher();
        const t0 = process.hrtime.bigint();
        if (side === 'postframe') {
          await runExport(tools, { draft, sources, rasterize: async () => title, preset, outputPath: pfOut });
        } else {
          await runHandwritten(hwArgs);
        }
        const secs = Number(process.hrtime.bigint() - t0) / 1e9;
        const mb = watch.stop() / 1024;
        if (side === 'postframe') [row.postframe_s, row.postframe_mb] = [secs, mb];
        else [row.handwritten_s, row.handwritten_mb] = [secs, mb];
        log(`run ${i + 1}/${runs} ${side}: ${secs.toFixed(2)} s, peak ${mb.toFixed(0)} MB`);
      }
      rows.push(row);
    }
    const variants = await variantsBench(tools, { draft, sources, rasterize: async () => title, preset }, work, runs, log);
    const pf = probeSummary(pfOut);
    const hw = probeSummary(hwOut);
    if (JSON.stringify(pf) !== JSON.stringify(hw)) throw new Error(`The two outputs differ: postframe ${JSON.stringify(pf)} vs hand-written ${JSON.stringify(hw)}`);
    const wall = median(rows.map((r) => r.postframe_s / r.handwritten_s));
    const mem = median(rows.map((r) => r.postframe_mb / r.handwritten_mb));
    return {
      render_wall_ratio: r3(wall),
      render_memory_ratio: r3(mem),
      postframe_wall_s: r3(median(rows.map((r) => r.postframe_s))),
      handwritten_wall_s: r3(median(rows.map((r) => r.handwritten_s))),
      postframe_peak_mb: r3(median(rows.map((r) => r.postframe_mb))),
      handwritten_peak_mb: r3(median(rows.map((r) => r.handwritten_mb))),
      runs: rows.map((r) => ({ postframe_s: r3(r.postframe_s), handwritten_s: r3(r.handwritten_s), postframe_mb: r3(r.postframe_mb), handwritten_mb: r3(r.handwritten_mb) })),
      output: pf,
      variants_one_pass_ratio: variants.onePassRatio,
      variants_vs_largest_ratio: variants.vsLargestRatio,
      variants: variants.detail,
      load_average: Math.round(os.loadavg()[0]! * 10) / 10,
      goals: {
        render_wall_ratio: { target: GOALS.wallRatio, met: wall <= GOALS.wallRatio },
        render_memory_ratio: { target: GOALS.memoryRatio, met: mem <= GOALS.memoryRatio },
        variants_one_pass_ratio: { target: GOALS.variantsOnePass, met: variants.onePassRatio <= GOALS.variantsOnePass },
        variants_vs_largest_ratio: { target: GOALS.variantsVsLargest, met: variants.vsLargestRatio <= GOALS.variantsVsLargest },
      },
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

let clockTicks: number | null = null;
/** CPU seconds (user + system) of this process's finished children, from /proc/self/stat (cutime + cstime). */
function childCpuSeconds(): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  // After "pid (comm) ": state is field 3, cutime and cstime fields 16 and 17.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / clockTicks;
}

/** Wall and CPU seconds of `work` (the CPU of the ffmpeg processes it ran and waited for). */
const seconds = async (work: () => Promise<unknown>) => {
  const [t0, c0] = [process.hrtime.bigint(), childCpuSeconds()];
  await work();
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: childCpuSeconds() - c0 };
};

/**
 * The one-pass export of BENCH_VARIANTS against the three rendered one after another and against the largest
 * alone, `runs` times (the order rotates so no side always gets the warmer machine); ratios of the medians.
 */
async function variantsBench(
  tools: MediaTools,
  req: Omit<ExportRequest, 'variant' | 'outputPath'>,
  work: string,
  runs: number,
  log: (msg: string) => void,
): Promise<{ onePassRatio: number; vsLargestRatio: number; detail: RenderBenchResult['variants'] }> {
  const out = (name: string) => path.join(work, `${name}.mp4`);
  // POSTFRAME_BENCH_VARIANT_SEC cuts every variant there (all sides alike) when a full run is too slow for the machine.
  const cap = Number(process.env.POSTFRAME_BENCH_VARIANT_SEC ?? 0) > 0 ? Number(process.env.POSTFRAME_BENCH_VARIANT_SEC) : null;
  const plans = BENCH_VARIANTS.map((v) => ({ ...v, maxDurationSec: cap }));
  const outputs = plans.map((variant, i) => ({ variant, outputPath: out(`one-${i}`), label: `${variant.width}x${variant.height}` }));
  const sides = {
    one_pass_s: () => runVariantExport(tools, req, outputs),
    separate_s: async () => {
      for (const [i, variant] of plans.entries()) await runExport(tools, { ...req, variant, outputPath: out(`sep-${i}`) });
    },
    largest_s: () => runExport(tools, { ...req, variant: plans[0]!, outputPath: out('largest') }),
  };
  const names = Object.keys(sides) as (keyof typeof sides)[];
  const CPU_OF = { one_pass_s: 'one_pass_cpu_s', separate_s: 'separate_cpu_s', largest_s: 'largest_cpu_s' } as const;
  const rows: RenderBenchResult['variants']['runs'] = [];
  for (let i = 0; i < runs; i++) {
    const row = { one_pass_s: 0, separate_s: 0, largest_s: 0, one_pass_cpu_s: 0, separate_cpu_s: 0, largest_cpu_s: 0 };
    for (const k of [...names.slice(i % 3), ...names.slice(0, i % 3)]) {
      const { wall, cpu } = await seconds(sides[k]);
      row[k] = wall;
      row[CPU_OF[k]] = cpu;
      log(`variants run ${i + 1}/${runs} ${k.replace(/_s$/, '')}: ${wall.toFixed(2)} s (CPU ${cpu.toFixed(2)} s)`);
    }
    rows.push(row);
  }
  // The one-pass files must be the planned variants (size and duration), or the comparison means nothing.
  const sizes = outputs.map((o) => probeSummary(o.outputPath)).map((p) => `${p.width}x${p.height}`);
  const planned = BENCH_VARIANTS.map((v) => `${v.width}x${v.height}`);
  if (sizes.join() !== planned.join()) throw new Error(`The one-pass outputs are ${sizes.join(', ')}, not ${planned.join(', ')}`);
  const one = median(rows.map((r) => r.one_pass_s));
  const separate = median(rows.map((r) => r.separate_s));
  const largest = median(rows.map((r) => r.largest_s));
  return {
    onePassRatio: r3(median(rows.map((r) => r.one_pass_s / r.separate_s))),
    vsLargestRatio: r3(median(rows.map((r) => r.one_pass_s / r.largest_s))),
    detail: {
      one_pass_s: r3(one),
      separate_s: r3(separate),
      largest_s: r3(largest),
      sizes,
      runs: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, x]) => [k, r3(x)])) as typeof r),
      cpu_one_pass_ratio: r3(median(rows.map((r) => r.one_pass_cpu_s / r.separate_cpu_s))),
      cpu_vs_largest_ratio: r3(median(rows.map((r) => r.one_pass_cpu_s / r.largest_cpu_s))),
    },
  };
}

export function formatRenderBench(r: RenderBenchResult): string {
  const row = (k: string, v: string) => `  ${k.padEnd(30)} ${v}`;
  const goal = (name: string, met: boolean, detail: string) => `${met ? 'goal met   ' : 'goal MISSED'}  ${name}: ${detail}`;
  return [
    `render bench (reference composition: ${r.output.width}x${r.output.height}, ${r.output.duration_s} s, ${r.output.streams.join(' + ')}; ${r.runs.length} runs each, alternating)`,
    row('postframe export', `${r.postframe_wall_s.toFixed(2)} s · peak ${r.postframe_peak_mb.toFixed(0)} MB`),
    row('hand-written ffmpeg', `${r.handwritten_wall_s.toFixed(2)} s · peak ${r.handwritten_peak_mb.toFixed(0)} MB`),
    row('wall ratio (median)', `${r.render_wall_ratio.toFixed(3)}   [${r.runs.map((x) => (x.postframe_s / x.handwritten_s).toFixed(3)).join(', ')}]`),
    row('memory ratio (median)', `${r.render_memory_ratio.toFixed(3)}   [${r.runs.map((x) => (x.postframe_mb / x.handwritten_mb).toFixed(3)).join(', ')}]`),
    goal(`wall ≤ ${GOALS.wallRatio} × hand-written`, r.goals.render_wall_ratio.met, r.render_wall_ratio.toFixed(3)),
    goal(`peak memory ≤ ${GOALS.memoryRatio} × hand-written`, r.goals.render_memory_ratio.met, r.render_memory_ratio.toFixed(3)),
    row(`variants (${r.variants.sizes.join(', ')})`, `one pass ${r.variants.one_pass_s.toFixed(2)} s · separately ${r.variants.separate_s.toFixed(2)} s · largest alone ${r.variants.largest_s.toFixed(2)} s`),
    goal(`3 variants in one pass ≤ ${GOALS.variantsOnePass} × separately`, r.goals.variants_one_pass_ratio.met, r.variants_one_pass_ratio.toFixed(3)),
    goal(`3 variants in one pass ≤ ${GOALS.variantsVsLargest} × the largest alone`, r.goals.variants_vs_largest_ratio.met, r.variants_vs_largest_ratio.toFixed(3)),
    row('variants by CPU time', `one pass / separately ${r.variants.cpu_one_pass_ratio.toFixed(3)} · one pass / largest ${r.variants.cpu_vs_largest_ratio.toFixed(3)}`),
    row('machine load average', `${r.load_average} (every wall time above shared the cores with it)`),
  ].join('\n');
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveBinaries } from '../../electron/media/binaries';
import { MediaTools } from '../../electron/media/ffmpeg';
import type { CaptionCue, CaptionTrack } from '../../electron/model/caption-track';
import type { VideoDraft } from '../../electron/model/draft';
import type { ExportPreset } from '../../electron/model/draft-record';
import { rasterizeCaptionTrack } from '../../electron/render/caption';
import type { SourceFacts } from '../../electron/render/compiler';
import { runExport } from '../../electron/render/export';
import { draft, media, track, videoFacts } from '../../electron/render/test-drafts';
import { ensureMedia } from './render';

/**
 * The export cost of burned-in word-highlight captions (issue 12, `caption_export_overhead_ratio`): a 60 s
 * 1080×1920 draft of the render bench's clips exported with a karaoke caption track (20 cues of 6 timed words,
 * every caption PNG drawn from a cold cache, as a first export does) and without, side by side, alternating which goes first.
 * The ratio is median(with) / median(without); the goal is ≤ 1.15. The captions bench (`npm run bench --
 * captions`) calls `captionExportBench` and reports its numbers next to script sync's.
 */

export const CAPTION_EXPORT_GOAL = 1.15;
const RUNS = Math.max(1, Number(process.env.POSTFRAME_BENCH_CAPTION_RUNS ?? 2));
const preset: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'standard' };
const WORDS = 'we walked down to the harbour early and watched the boats come in while the sun rose over the water'.split(' ');

export type CaptionExportBenchResult = {
  caption_export_overhead_ratio: number;
  with_captions_s: number;
  without_captions_s: number;
  caption_states: number;
  runs: { with_s: number; without_s: number }[];
  goal: { target: number; met: boolean };
};

/** 20 cues of 3 s, each 6 words of 0.5 s: 120 words, one picture per spoken word. */
export function benchCaptionTrack(): CaptionTrack {
  const cues: CaptionCue[] = Array.from({ length: 20 }, (_, i) => {
    const words = Array.from({ length: 6 }, (_, k) => WORDS[(i * 6 + k) % WORDS.length]!);
    const start = i * 3;
    return { id: `cue-${i + 1}`, text: words.join(' '), startSec: start, endSec: start + 3, words: words.map((w, k) => ({ text: w, startSec: start + k * 0.5, endSec: start + k * 0.5 + 0.45 })) };
  });
  return { id: 'captions-1', language: 'en', name: 'English', styleId: 'karaoke', cues };
}

/** Five of the render bench's 12 s clips back to back (60 s), reframed to 9:16. */
function benchDraft60(): VideoDraft {
  const ids = ['clip1', 'clip2', 'clip3', 'clip1', 'clip2'];
  return draft([track('main', 'main', ids.map((id, i) => media(`c${i}`, id, i * 12, 0, 12)))]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

export async function captionExportBench(o: { log?: (msg: string) => void; runs?: number } = {}): Promise<CaptionExportBenchResult> {
  const log = o.log ?? (() => {});
  const runs = o.runs ?? RUNS;
  const { clips } = ensureMedia(log);
  const tools = new MediaTools(resolveBinaries({ env: process.env }));
  const sources = new Map<string, SourceFacts>(clips.map((file, i) => [`clip${i + 1}`, videoFacts(file, 1920, 1080)]));
  const plain = benchDraft60();
  const captioned: VideoDraft = { ...plain, captions: [benchCaptionTrack()] };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-bench-captions-'));
  const out: CaptionExportBenchResult['runs'] = [];
  let states = 0;
  try {
    for (let r = 0; r < runs; r++) {
      const time = async (d: VideoDraft, name: string) => {
        const cacheDir = path.join(work, `cache-${r}-${name}`); // cold: every caption PNG is drawn in the timed run
        const started = performance.now();
        await runExport(tools, {
          draft: d,
          sources,
          rasterize: () => Promise.reject(new Error('no text clips')),
          rasterizeCaptions: async (t) => {
            const raster = await rasterizeCaptionTrack(t, { kit: null, canvas: d.canvas, cacheDir });
            states = new Set(raster?.frames.map((f) => f.key)).size;
            return raster;
          },
          captionCacheDir: cacheDir,
          preset,
          outputPath: path.join(work, `${name}.mp4`),
        });
        return (performance.now() - started) / 1000;
      };
      // Alternate which goes first, so a machine getting busier or quieter during a run does not favour one side.
      let without_s: number;
      let with_s: number;
      if (r % 2 === 0) {
        without_s = await time(plain, 'plain');
        with_s = await time(captioned, 'captions');
      } else {
        with_s = await time(captioned, 'captions');
        without_s = await time(plain, 'plain');
      }
      log(`captions run ${r + 1}/${runs}: without ${without_s.toFixed(1)} s, with ${with_s.toFixed(1)} s`);
      out.push({ with_s, without_s });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const w = median(out.map((x) => x.with_s));
  const wo = median(out.map((x) => x.without_s));
  const ratio = Math.round((w / wo) * 1000) / 1000;
  return { caption_export_overhead_ratio: ratio, with_captions_s: w, without_captions_s: wo, caption_states: states, runs: out, goal: { target: CAPTION_EXPORT_GOAL, met: ratio <= CAPTION_EXPORT_GOAL } };
}

export function formatCaptionExportBench(r: CaptionExportBenchResult): string {
  return [
    'caption export (60 s 1080x1920, karaoke captions: 20 cues, 120 words)',
    `  without captions   ${r.without_captions_s.toFixed(2)} s`,
    `  with captions      ${r.with_captions_s.toFixed(2)} s  (${r.caption_states} caption pictures, drawn cold)`,
    `  overhead ratio     ${r.caption_export_overhead_ratio}  (goal ≤ ${r.goal.target}: ${r.goal.met ? 'goal met' : 'goal MISSED'})`,
  ].join('\n');
}

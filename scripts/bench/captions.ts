import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveAligner, syncScript } from '../../electron/media/aligner';
import { resolveBinaries } from '../../electron/media/binaries';
import { MediaTools } from '../../electron/media/ffmpeg';
import { MINUTE_SCRIPT, RECIPE_SCRIPT, type SpeechFixture, makeSpeech, speechFixtureUnavailable } from '../speech-fixture';
import type { SyncOutput } from '../../electron/media/aligner';
import { captionExportBench, type CaptionExportBenchResult, formatCaptionExportBench } from './caption-export';
import { BENCH_DIR } from './media';

/**
 * `npm run bench -- captions`: Sync to script on about a minute of espeak-ng narration with known sentence
 * starts (scripts/speech-fixture.ts): speed as audio seconds per wall second, and the p95 of |cue start − true
 * sentence start| over the sentences; the same error on a second script in another speed (RECIPE_SCRIPT at 130 words a
 * minute), so that accuracy is not tuned to one file. Then the export cost of word-highlight captions
 * (scripts/bench/caption-export.ts): `caption_export_overhead_ratio`, with and without captions side by side.
 */
export type CaptionsBenchResult = {
  script_sync_speed_x: number;
  script_sync_error_p95_s: number;
  /** The recipe narration at 130 words a minute. */
  second_script_error_p95_s: number;
  audio_sec: number;
  wall_sec: number;
  sentences: number;
  words_heard: number;
  words_total: number;
  caption_export_overhead_ratio: number;
  caption_export: CaptionExportBenchResult;
};

export async function captionsBench(o: { log: (m: string) => void }): Promise<CaptionsBenchResult> {
  const why = speechFixtureUnavailable();
  if (why) throw new Error(`captions bench needs espeak-ng and ffmpeg: ${why}`);
  const aligner = resolveAligner();
  o.log('making ~60 s of speech with espeak-ng');
  const f = makeSpeech(path.join(BENCH_DIR, 'captions', 'minute.wav'), MINUTE_SCRIPT, MINUTE_SCRIPT.map((_, i) => 0.6 + (i % 3) * 0.4));
  const tools = new MediaTools(resolveBinaries());
  const t0 = performance.now();
  const r = await syncScript(tools, aligner, { file: f.file, script: f.script, onProgress: (p, d) => o.log(`${Math.round(p * 100)}% ${d}`) });
  const wall = (performance.now() - t0) / 1000;
  const p95 = startErrorP95(f, r);
  o.log('second script: the recipe at 130 words a minute');
  const g = makeSpeech(path.join(BENCH_DIR, 'captions', 'recipe-130.wav'), RECIPE_SCRIPT, RECIPE_SCRIPT.map((_, i) => 0.6 + (i % 3) * 0.4), 130);
  const second = startErrorP95(g, await syncScript(tools, aligner, { file: g.file, script: g.script }));
  o.log('caption export: a 60 s draft with and without word-highlight captions');
  const exp = await captionExportBench({ log: o.log });
  return {
    script_sync_speed_x: Math.round((f.durationSec / wall) * 10) / 10,
    script_sync_error_p95_s: Math.round(p95 * 1000) / 1000,
    second_script_error_p95_s: Math.round(second * 1000) / 1000,
    audio_sec: Math.round(f.durationSec * 10) / 10,
    wall_sec: Math.round(wall * 100) / 100,
    sentences: f.sentences.length,
    words_heard: r.heardWords,
    words_total: r.totalWords,
    caption_export_overhead_ratio: exp.caption_export_overhead_ratio,
    caption_export: exp,
  };
}

/** p95 of |start of the cue word that begins each sentence − the sentence's true start| (cues may split sentences). */
function startErrorP95(f: SpeechFixture, r: SyncOutput): number {
  let w = 0;
  const errors: number[] = [];
  const words = r.cues.flatMap((c) => c.words ?? []);
  for (const s of f.sentences) {
    const word = words[w];
    errors.push(word ? Math.abs(word.startSec - s.startSec) : Infinity);
    w += s.text.split(/\s+/).length;
  }
  errors.sort((a, b) => a - b);
  return errors[Math.min(errors.length - 1, Math.ceil(errors.length * 0.95) - 1)] ?? NaN;
}

export function formatCaptionsBench(r: CaptionsBenchResult): string {
  return [
    `script sync: ${r.audio_sec} s of speech in ${r.wall_sec} s → ${r.script_sync_speed_x}× real time (goal: well under real time, > 1×: ${r.script_sync_speed_x > 1 ? 'goal met' : 'goal MISSED'})`,
    `cue start error p95: ${r.script_sync_error_p95_s} s over ${r.sentences} sentences (goal ≤ 0.2 s: ${r.script_sync_error_p95_s <= 0.2 ? 'goal met' : 'goal MISSED'})`,
    `second script (130 words a minute): cue start error p95 ${r.second_script_error_p95_s} s (goal ≤ 0.2 s: ${r.second_script_error_p95_s <= 0.2 ? 'goal met' : 'goal MISSED'})`,
    `words heard: ${r.words_heard}/${r.words_total} (the rest timed between neighbours)`,
    formatCaptionExportBench(r.caption_export),
  ].join('\n');
}

import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MediaTools } from '../media/ffmpeg';
import type { CaptionTrack } from '../model/caption-track';
import { type TextClip, type VideoDraft, draftDuration } from '../model/draft';
import type { ExportPreset } from '../model/draft-record';
import { AppError, clause, errorMessage, isAppError } from '../model/errors';
import type { LoudnessTarget } from '../model/loudness';
import type { LutSource } from '../model/look';
import type { VariantPlan } from '../model/render-variant';
import type { StreamFacts } from '../media/stream-facts';
import type { RasterizedCaptionTrack } from './caption';
import { writeCaptionSequence } from './caption-sequence';
import { type VideoEncoder, SOFTWARE_ENCODER } from '../model/video-encoder';
import { type CaptionSequenceFile, type CompiledOutputs, type OutputRequest, type SourceFacts, type TextLayerFile, compileOutputs } from './compiler';
import { needsRampSound, rampSoundFor } from './ffmpeg-abilities';
import type { RampSound } from './speed-ramp-filters';
import { writeLookFiles } from './look-files';
import { type LoudnessPhase, normaliseLoudness, withLosslessAudio } from './loudness';
import { copyCandidate, planStreamCopy, streamCopyCommand } from './smart-render';

/**
 * Export runner (I/O): rasterises the draft's text once, compiles the draft, and runs the one ffmpeg
 * process through the media adapter. Output goes to a hidden `.name.part.mp4` beside the target and is
 * renamed only when ffmpeg finished, so a crash or a cancel never leaves a file that looks complete.
 */

export type ExportRequest = {
  draft: VideoDraft;
  sources: Map<string, SourceFacts>;
  /** Rasterises one text clip for the draft's canvas (text.ts's rasterizeText, cached by content). */
  rasterize: (clip: TextClip) => Promise<TextLayerFile>;
  /**
   * Rasterises a caption track (caption.ts rasterizeCaptionTrack, cached by content); null when it is not burned
   * in. Without it, caption tracks are not burned in.
   */
  rasterizeCaptions?: (track: CaptionTrack) => Promise<RasterizedCaptionTrack | null>;
  /** Where band pictures of caption tracks are cached (the text cache); required with rasterizeCaptions. */
  captionCacheDir?: string;
  preset: ExportPreset;
  /** The tables of the looks clips name: shipped, and the library's imported .cube files; default shipped only. */
  luts?: LutSource;
  /** A channel's render variant (size, reframe, fps, duration and bitrate caps); null = the preset alone. */
  variant?: VariantPlan | null;
  outputPath: string;
  signal?: AbortSignal;
  /**
   * 0..1 over the whole export, with the pass it is in: the render, then (with a loudness target) the measure
   * and normalise passes.
   */
  onProgress?: (fraction: number, phase: ExportPhase) => void;
  /** Level the sound to this (two-pass loudnorm, render/loudness.ts); default: the variant's target, if any. */
  loudness?: LoudnessTarget | null;
  /**
   * Stream facts of a source (media/stream-facts.ts) for smart render; without it every export re-encodes.
   * Asked only when the draft's shape allows a copy at all.
   */
  streamFacts?: (assetId: string) => Promise<StreamFacts | null>;
  log?: (message: string) => void;
  /** The H.264 encoder (hw-encoders.ts picks it); libx264 when absent. A hardware one that fails falls back to it. */
  encoder?: VideoEncoder;
};

/** `copy`: joined by stream copy (smart render, no re-encoding); `encode`: rendered through the filter graph. */
export type ExportMethod = 'copy' | 'encode';
export type ExportPhase = 'render' | LoudnessPhase;
export type ExportOutcome = { outputPath: string; sizeBytes: number; durationSec: number; method: ExportMethod };

export const PART_SUFFIX = '.part.mp4';

/**
 * Shares of the progress bar when the sound is levelled after the render: the loudness passes read or copy
 * what the render made (sound alone, then the picture copied), so they take a small part of its time.
 */
const PHASE_SHARE: Record<ExportPhase, [start: number, size: number]> = { render: [0, 0.85], measure: [0.85, 0.1], normalise: [0.95, 0.05] };

/** One output's loudness target: the request's when it names one (null: as mixed), else its variant's channel target. */
function targetOf(req: Pick<ExportRequest, 'loudness'>, variant: VariantPlan | null): LoudnessTarget | null {
  return req.loudness !== undefined ? req.loudness : (variant?.loudness ?? null);
}

type PhaseReport = (phase: ExportPhase, fraction: number) => void;

/** Reports a pass's fraction as a share of the whole export; `levelled`: loudness passes follow the render. */
function reporter(req: Pick<ExportRequest, 'onProgress'>, levelled: boolean): PhaseReport {
  return (phase, fraction) => {
    const f = Math.min(1, Math.max(0, fraction));
    if (!levelled) return req.onProgress?.(f, phase);
    const [start, size] = PHASE_SHARE[phase];
    req.onProgress?.(start + size * f, phase);
  };
}

/** `/dir/Trip.mp4` → `/dir/.Trip.part.mp4`: hidden, and swept on the next open if a crash left it. */
export function partPathFor(outputPath: string): string {
  const dir = path.dirname(outputPath);
  const base = path.basename(outputPath, path.extname(outputPath));
  return path.join(dir, `.${base}${PART_SUFFIX}`);
}

export function isPartFile(name: string): boolean {
  return name.startsWith('.') && name.endsWith(PART_SUFFIX);
}

/** A file name from a draft name and a time: `Summer trip-20250102-030405.mp4`, safe on every file system. */
export function exportFileName(draftName: string, at: Date): string {
  const safe = draftName
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '')
    .slice(0, 80);
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  return `${safe || 'Export'}-${stamp}.mp4`;
}

/**
 * `dir/name`, or `dir/name-2.mp4`, `-3`, … when that name (or its part file) is taken: two exports of one draft
 * within the same second must not write over each other. Exports of a library run one at a time, so looking
 * is enough.
 */
export function freeExportPath(dir: string, fileName: string): string {
  const ext = path.extname(fileName);
  const base = fileName.slice(0, fileName.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? fileName : `${base}-${n}${ext}`);
    if (!existsSync(candidate) && !existsSync(partPathFor(candidate))) return candidate;
  }
}

/** What to tell a user when ffmpeg stopped with `detail` as its last words. */
export function exportError(detail: string, outputPath: string): AppError {
  if (/no space left/i.test(detail)) {
    return new AppError('internal', `The disk is full, so the export stopped. Free some space on the drive of ${path.dirname(outputPath)} and export again.`);
  }
  if (/permission denied|read-only file system/i.test(detail)) {
    return new AppError('internal', `Postframe cannot write to ${path.dirname(outputPath)}. Choose a folder you can write to and export again.`);
  }
  if (/no such file|does not exist/i.test(detail)) {
    return new AppError('not_found', `A file this draft uses is missing (${clause(detail)}). Put the media back or remove its clip, then export again.`);
  }
  return new AppError('unsupported_media', `The export failed: ${clause(detail)}. Check that the draft's media still plays in the library, then export again.`);
}

/**
 * Runs one export end to end; on failure or cancel nothing is left at the output path or its part file.
 * A draft that is only cuts of compatible clips is joined by stream copy first (smart-render.ts); if that
 * copy fails for any reason, the normal render runs, so smart render can only make an export faster.
 */
export async function runExport(tools: MediaTools, req: ExportRequest): Promise<ExportOutcome> {
  const copied = await tryStreamCopy(tools, req);
  if (copied) return copied;
  const [outcome] = await runOutputs(tools, req, [{ variant: req.variant ?? null, outputPath: req.outputPath, label: '' }]);
  return outcome!;
}

/** One output of a one-pass export; `label` names it in errors ("TikTok + Reels"). */
export type VariantOutput = OutputRequest & { label: string };

/**
 * Every variant of one draft in ONE ffmpeg process (compiler.ts compileOutputs): the draft is decoded and
 * composited once, then split into each output's size, fps and bitrate. Progress runs through the longest
 * output; cancel stops the one process; if any output fails, the job fails, naming the output, and no file is
 * left at any output path (all part files are removed). Outcomes in the order of `outputs`.
 */
export async function runVariantExport(tools: MediaTools, req: Omit<ExportRequest, 'variant' | 'outputPath'>, outputs: readonly VariantOutput[]): Promise<ExportOutcome[]> {
  if (outputs.length === 1) return [await runExport(tools, { ...req, variant: outputs[0]!.variant, outputPath: outputs[0]!.outputPath })];
  return runOutputs(tools, req, outputs);
}

async function runOutputs(tools: MediaTools, req: Omit<ExportRequest, 'variant' | 'outputPath'>, outputs: readonly VariantOutput[]): Promise<ExportOutcome[]> {
  const texts = new Map<string, TextLayerFile>();
  for (const t of req.draft.tracks) {
    if (t.hidden) continue;
    for (const c of t.clips) if (c.type === 'text') texts.set(c.id, await req.rasterize(c));
    if (req.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
  }
  await writeLookFiles(req.draft, req.luts);
  const listDir = await fs.mkdtemp(path.join(os.tmpdir(), 'postframe-captions-'));
  try {
    const captions = await captionSequences(req, listDir);
    const encoder = req.encoder ?? SOFTWARE_ENCODER;
    const rampSound = needsRampSound(req.draft) ? await rampSoundFor(tools, req.log) : 'mean';
    try {
      return await encode(tools, req, compileOrExplain(req, texts, outputs, captions, encoder, rampSound), outputs);
    } catch (e) {
      // A hardware encoder that passed its trial can still refuse a real job (a size it cannot do, a busy GPU):
      // the export then runs again in software, so hardware encoding can only make an export faster.
      if (encoder === SOFTWARE_ENCODER || req.signal?.aborted || (isAppError(e) && e.code !== 'unsupported_media')) throw e;
      req.log?.(`export: ${encoder} failed (${errorMessage(e)}); exporting again with ${SOFTWARE_ENCODER}`);
      return await encode(tools, req, compileOrExplain(req, texts, outputs, captions, SOFTWARE_ENCODER, rampSound), outputs);
    }
  } finally {
    await fs.rm(listDir, { recursive: true, force: true });
  }
}

/** Each burned-in caption track as one image-sequence input (caption-sequence.ts). */
async function captionSequences(req: Omit<ExportRequest, 'variant' | 'outputPath'>, listDir: string): Promise<CaptionSequenceFile[]> {
  const out: CaptionSequenceFile[] = [];
  if (!req.rasterizeCaptions || !req.captionCacheDir) return out;
  const total = draftDuration(req.draft);
  for (const track of req.draft.captions ?? []) {
    const raster = await req.rasterizeCaptions(track);
    if (req.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    if (!raster) continue;
    const seq = await writeCaptionSequence(raster, req.draft.canvas, req.draft.canvas.fps, total, req.captionCacheDir, listDir);
    if (seq) out.push(seq);
  }
  return out;
}

async function encode(tools: MediaTools, req: Omit<ExportRequest, 'variant' | 'outputPath'>, compiled: CompiledOutputs, outputs: readonly VariantOutput[]): Promise<ExportOutcome[]> {
  for (const o of outputs) await fs.mkdir(path.dirname(o.outputPath), { recursive: true });
  const parts = outputs.map((o) => partPathFor(o.outputPath));
  const targets = outputs.map((o) => targetOf(req, o.variant));
  const report = reporter(req, targets.some((t) => t !== null));
  // When every output is levelled afterwards the render keeps its sound lossless, so AAC is encoded only once.
  const args = targets.every((t) => t !== null) ? withLosslessAudio(compiled.args) : compiled.args;
  const renamed: string[] = [];
  let last: ExportPhase = 'render';
  try {
    await tools.run(args, {
      signal: req.signal,
      onProgress: ({ seconds }) => report('render', seconds / compiled.durationSec),
    });
    // ffmpeg can end well with an output it never wrote (one whose muxer gave up): every file must be there.
    for (const [i, part] of parts.entries()) {
      if (!(await fs.stat(part).then((st) => st.size > 0, () => false))) throw new Error(`${outputs[i]!.label || 'the output'} was not written`);
    }
    for (const [i, part] of parts.entries()) {
      // The loudness passes run output by output; each has its share of the bar.
      const share: PhaseReport = (phase, f) => report(phase, (i + f) / parts.length);
      last = await finishPart(tools, req, { part, outputPath: outputs[i]!.outputPath, target: targets[i]!, durationSec: compiled.outputs[i]!.durationSec }, share);
      renamed.push(outputs[i]!.outputPath);
    }
  } catch (e) {
    // All or nothing: a post is delivered with every channel's file or none, so no output survives a failure.
    await Promise.all(parts.map((p) => fs.rm(p, { force: true })));
    await Promise.all(renamed.map((o) => fs.rm(o, { force: true })));
    if (isAppError(e)) throw e;
    throw variantsError(errorMessage(e), outputs);
  }
  req.onProgress?.(1, last);
  return Promise.all(
    outputs.map(async (o, i) => ({
      outputPath: o.outputPath,
      sizeBytes: (await fs.stat(o.outputPath)).size,
      durationSec: compiled.outputs[i]!.durationSec,
      method: 'encode' as const,
    })),
  );
}

/**
 * The error of a one-pass export: exportError's advice, and with several outputs which one broke when ffmpeg
 * said so ("output file #1", or the output's file name), else that the whole export stopped.
 */
export function variantsError(detail: string, outputs: readonly VariantOutput[]): AppError {
  const byIndex = /output (?:file|stream) #(\d+)/i.exec(detail);
  const named = outputs.find((o) => detail.includes(path.basename(partPathFor(o.outputPath))) || detail.includes(path.basename(o.outputPath)));
  const culprit = byIndex ? outputs[Number(byIndex[1])] : named;
  const base = exportError(detail, (culprit ?? outputs[0]!).outputPath);
  if (outputs.length === 1) return base;
  const who = culprit?.label ? `The ${culprit.label} version failed, so none of the ${outputs.length} versions was kept. ` : `The export of all ${outputs.length} versions stopped. `;
  return new AppError(base.code, who + base.message);
}

/**
 * A finished render becomes the output: as it is, or, with a loudness target, through the measure and
 * normalise passes into a second part file, so the output path only ever holds a finished, levelled file.
 */
async function finishPart(
  tools: MediaTools,
  req: Pick<ExportRequest, 'signal' | 'log'>,
  o: { part: string; outputPath: string; target: LoudnessTarget | null; durationSec: number },
  report: PhaseReport,
): Promise<ExportPhase> {
  const { part, outputPath, target } = o;
  if (!target) {
    await fs.rename(part, outputPath);
    return 'render';
  }
  const levelled = part.slice(0, -PART_SUFFIX.length) + '.loudness' + PART_SUFFIX;
  try {
    const { measured, written } = await normaliseLoudness(tools, part, levelled, target, {
      signal: req.signal,
      durationSec: o.durationSec,
      onProgress: (phase, f) => report(phase, f),
    });
    if (measured) req.log?.(`export: measured ${measured.integratedLufs} LUFS, ${measured.truePeakDbtp} dBTP; target ${target.integratedLufs} LUFS`);
    if (!written) {
      await fs.rename(part, outputPath);
      return measured ? 'measure' : 'render';
    }
    await fs.rename(levelled, outputPath);
    await fs.rm(part, { force: true });
    return 'normalise';
  } finally {
    await fs.rm(levelled, { force: true });
  }
}

/**
 * The compiler refuses what it cannot render with an AppError that says what to do (its property test holds it
 * to that for every draft the schema accepts). Anything else would be a bug in it: the user still gets a
 * message to act on, never a TypeError, and the log gets the cause.
 */
function compileOrExplain(
  req: Omit<ExportRequest, 'variant' | 'outputPath'>,
  texts: Map<string, TextLayerFile>,
  outputs: readonly VariantOutput[],
  captions: CaptionSequenceFile[],
  encoder: VideoEncoder,
  rampSound: RampSound,
): CompiledOutputs {
  try {
    const parts = outputs.map((o) => ({ variant: o.variant, outputPath: partPathFor(o.outputPath) }));
    return compileOutputs(req.draft, req.sources, texts, req.preset, parts, captions, encoder, rampSound);
  } catch (e) {
    if (isAppError(e)) throw e;
    req.log?.(`export: the compiler failed on draft "${req.draft.name}": ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    throw new AppError('internal', 'Postframe could not prepare this draft for export (an internal error). Save a copy of the draft file, report it, and try removing the last clip you changed.');
  }
}

/** The stream-copy attempt: null when the draft needs a render (the reason goes to the log) or the copy failed. */
async function tryStreamCopy(tools: MediaTools, req: ExportRequest): Promise<ExportOutcome | null> {
  if (!req.streamFacts) return null;
  const candidate = copyCandidate(req.draft, req.sources, req.preset, req.variant ?? null);
  if (!candidate.ok) return skip(req, candidate.reason);
  const facts = new Map<string, StreamFacts>();
  const paths = new Map<string, string>();
  for (const c of candidate.clips) {
    if (facts.has(c.assetId)) continue;
    const f = await req.streamFacts(c.assetId).catch(() => null);
    if (!f) return skip(req, 'a source could not be probed');
    facts.set(c.assetId, f);
    paths.set(c.assetId, req.sources.get(c.assetId)!.path);
  }
  const plan = planStreamCopy(candidate.clips, req.draft.canvas, paths, facts);
  if (!plan.ok) return skip(req, plan.reason);
  const part = partPathFor(req.outputPath);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'postframe-concat-'));
  const list = path.join(dir, 'clips.ffconcat');
  const target = targetOf(req, req.variant ?? null);
  const report = reporter(req, target !== null);
  let last: ExportPhase;
  try {
    await fs.writeFile(list, plan.concat);
    await fs.mkdir(path.dirname(req.outputPath), { recursive: true });
    const c = streamCopyCommand(list, part);
    await tools.run([...c.inputOptions, '-i', c.input, ...c.outputOptions, c.output], {
      signal: req.signal,
      onProgress: ({ seconds }) => report('render', seconds / plan.durationSec),
    });
    last = await finishPart(tools, req, { part, outputPath: req.outputPath, target, durationSec: plan.durationSec }, report);
  } catch (e) {
    await fs.rm(part, { force: true });
    if (req.signal?.aborted) throw e;
    return skip(req, `the copy failed (${errorMessage(e)})`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  const { size } = await fs.stat(req.outputPath);
  req.onProgress?.(1, last);
  return { outputPath: req.outputPath, sizeBytes: size, durationSec: plan.durationSec, method: 'copy' };
}

function skip(req: ExportRequest, reason: string): null {
  req.log?.(`export: rendering, not copying: ${reason}`);
  return null;
}

/** Removes part files a crash left in an exports folder; returns how many. */
export async function sweepPartFiles(dir: string, inUse: (file: string) => boolean = () => false): Promise<number> {
  let n = 0;
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    // A part file a live ffmpeg writes (another window's or the CLI's export) is not left over.
    if (!isPartFile(name) || inUse(path.join(dir, name))) continue;
    await fs.rm(path.join(dir, name), { force: true });
    n++;
  }
  return n;
}

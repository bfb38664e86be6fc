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
import type { VariantPlan } from '../model/render-variant';
import type { StreamFacts } from '../media/stream-facts';
import type { RasterizedCaptionTrack } from './caption';
import { writeCaptionSequence } from './caption-sequence';
import { type CaptionSequenceFile, type CompiledExport, type SourceFacts, type TextLayerFile, compileExport } from './compiler';
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

function loudnessOf(req: ExportRequest): LoudnessTarget | null {
  return req.loudness !== undefined ? req.loudness : (req.variant?.loudness ?? null);
}

/** Reports `fraction` of `phase` as a share of the whole export. */
function report(req: ExportRequest, phase: ExportPhase, fraction: number): void {
  const f = Math.min(1, Math.max(0, fraction));
  if (!loudnessOf(req)) return req.onProgress?.(f, phase);
  const [start, size] = PHASE_SHARE[phase];
  req.onProgress?.(start + size * f, phase);
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
  const texts = new Map<string, TextLayerFile>();
  for (const t of req.draft.tracks) {
    if (t.hidden) continue;
    for (const c of t.clips) if (c.type === 'text') texts.set(c.id, await req.rasterize(c));
    if (req.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
  }
  const part = partPathFor(req.outputPath);
  const listDir = await fs.mkdtemp(path.join(os.tmpdir(), 'postframe-captions-'));
  try {
    const captions = await captionSequences(req, listDir);
    const compiled = compileOrExplain(req, texts, part, captions);
    return await encode(tools, req, compiled, part);
  } finally {
    await fs.rm(listDir, { recursive: true, force: true });
  }
}

/** Each burned-in caption track as one image-sequence input (caption-sequence.ts). */
async function captionSequences(req: ExportRequest, listDir: string): Promise<CaptionSequenceFile[]> {
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

async function encode(tools: MediaTools, req: ExportRequest, compiled: CompiledExport, part: string): Promise<ExportOutcome> {
  await fs.mkdir(path.dirname(req.outputPath), { recursive: true });
  let last: ExportPhase;
  try {
    await tools.run(loudnessOf(req) ? withLosslessAudio(compiled.args) : compiled.args, {
      signal: req.signal,
      onProgress: ({ seconds }) => report(req, 'render', seconds / compiled.durationSec),
    });
    last = await finishPart(tools, req, part, compiled.durationSec);
  } catch (e) {
    await fs.rm(part, { force: true });
    if (isAppError(e)) throw e;
    throw exportError(errorMessage(e), req.outputPath);
  }
  const { size } = await fs.stat(req.outputPath);
  req.onProgress?.(1, last);
  return { outputPath: req.outputPath, sizeBytes: size, durationSec: compiled.durationSec, method: 'encode' };
}

/**
 * A finished render becomes the output: as it is, or, with a loudness target, through the measure and
 * normalise passes into a second part file, so the output path only ever holds a finished, levelled file.
 */
async function finishPart(tools: MediaTools, req: ExportRequest, part: string, durationSec: number): Promise<ExportPhase> {
  const target = loudnessOf(req);
  if (!target) {
    await fs.rename(part, req.outputPath);
    return 'render';
  }
  const levelled = part.slice(0, -PART_SUFFIX.length) + '.loudness' + PART_SUFFIX;
  try {
    const { measured, written } = await normaliseLoudness(tools, part, levelled, target, {
      signal: req.signal,
      durationSec,
      onProgress: (phase, f) => report(req, phase, f),
    });
    if (measured) req.log?.(`export: measured ${measured.integratedLufs} LUFS, ${measured.truePeakDbtp} dBTP; target ${target.integratedLufs} LUFS`);
    if (!written) {
      await fs.rename(part, req.outputPath);
      return measured ? 'measure' : 'render';
    }
    await fs.rename(levelled, req.outputPath);
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
function compileOrExplain(req: ExportRequest, texts: Map<string, TextLayerFile>, part: string, captions: CaptionSequenceFile[] = []): CompiledExport {
  try {
    return compileExport(req.draft, req.sources, texts, req.preset, part, req.variant ?? null, captions);
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
  let last: ExportPhase;
  try {
    await fs.writeFile(list, plan.concat);
    await fs.mkdir(path.dirname(req.outputPath), { recursive: true });
    const c = streamCopyCommand(list, part);
    await tools.run([...c.inputOptions, '-i', c.input, ...c.outputOptions, c.output], {
      signal: req.signal,
      onProgress: ({ seconds }) => report(req, 'render', seconds / plan.durationSec),
    });
    last = await finishPart(tools, req, part, plan.durationSec);
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

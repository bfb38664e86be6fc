import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadSharp } from '../media/sharp';
import type { CaptionFrame, RasterizedCaptionTrack } from './caption';
import type { CaptionSequenceFile } from './compiler';
import type { CanvasSize } from './text-draw';
import { writeAtomic } from '../media/write-atomic';
import { frameIndex } from '../model/caption-frames';

/**
 * A burned-in caption track as ONE ffmpeg input (docs/captions.md "Styles and burn-in"): an ffconcat list of
 * pictures with their durations, overlaid once. ffmpeg cannot change a stream's frame size midway without
 * rebuilding the whole graph, so every picture of a track is put on one "band" (the smallest even rectangle
 * holding all of the track's pictures, within the canvas); a gap is a transparent band. The demuxer turns each
 * entry into a single frame (nothing is decoded per output frame: overlay holds the latest one), and
 * `option framerate` gives the stream the canvas's time base, so every change lands on its frame exactly.
 */

export type Rect = { left: number; top: number; width: number; height: number };

/** The union of the frames' rectangles, clipped to the canvas, grown to even edges (4:2:0 chroma); null when none shows. */
export function captionBand(frames: readonly Pick<CaptionFrame, 'left' | 'top' | 'width' | 'height'>[], canvas: CanvasSize): Rect | null {
  if (frames.length === 0) return null;
  const x0 = Math.max(0, Math.min(...frames.map((f) => f.left)));
  const y0 = Math.max(0, Math.min(...frames.map((f) => f.top)));
  const x1 = Math.min(canvas.width, Math.max(...frames.map((f) => f.left + f.width)));
  const y1 = Math.min(canvas.height, Math.max(...frames.map((f) => f.top + f.height)));
  if (x1 <= x0 || y1 <= y0) return null;
  const left = x0 - (x0 % 2);
  const top = y0 - (y0 % 2);
  const width = Math.min(canvas.width - left, x1 - left + ((x1 - left) % 2));
  const height = Math.min(canvas.height - top, y1 - top + ((y1 - top) % 2));
  return { left, top, width, height };
}

/**
 * The ffconcat text for pictures shown over [start, end) each, on a timeline of `total` seconds at `fps`: gaps are
 * `blank`, times are whole frames, and the last entry is written twice (the demuxer ignores the last duration).
 */
export function concatList(entries: readonly { file: string; startSec: number; endSec: number }[], blank: string, total: number, fps: number): string {
  const lines = ['ffconcat version 1.0'];
  const add = (file: string, frames: number) => {
    lines.push(`file ${quote(file)}`, `option framerate ${fps}`, `duration ${(frames / fps).toFixed(6)}`);
  };
  const end = Math.max(1, frameIndex(total, fps));
  let cursor = 0;
  let last = blank;
  for (const e of entries) {
    const s = Math.max(cursor, frameIndex(e.startSec, fps));
    const f = Math.min(end, frameIndex(e.endSec, fps));
    if (f <= s) continue;
    if (s > cursor) add(blank, s - cursor);
    add(e.file, f - s);
    last = e.file;
    cursor = f;
  }
  if (cursor < end) {
    add(blank, end - cursor);
    last = blank;
  }
  lines.push(`file ${quote(last)}`, `option framerate ${fps}`);
  return `${lines.join('\n')}\n`;
}

/** ffconcat quoting: single quotes, a quote inside written as '\'' (as in a shell). */
function quote(file: string): string {
  return `'${file.replace(/'/g, "'\\''")}'`;
}

/**
 * Writes the track's band pictures (cached by content in `cacheDir`, `band-<hash>.png`) and its list into
 * `listDir`; null when the track shows nothing.
 */
export async function writeCaptionSequence(track: RasterizedCaptionTrack, canvas: CanvasSize, fps: number, total: number, cacheDir: string, listDir: string): Promise<CaptionSequenceFile | null> {
  const band = captionBand(track.frames, canvas);
  if (!band) return null;
  const sharp = await loadSharp();
  const bandFile = (id: string) => path.join(cacheDir, `band-${createHash('sha256').update(JSON.stringify([id, band])).digest('hex')}.png`);
  const empty = { create: { width: band.width, height: band.height, channels: 4 as const, background: { r: 0, g: 0, b: 0, alpha: 0 } } };
  const made = new Map<string, string>();
  const exists = (f: string) => fs.access(f).then(() => true, () => false);
  const blank = bandFile('blank');
  if (!(await exists(blank))) await writeAtomic(blank, await sharp(empty).png({ compressionLevel: 1 }).toBuffer());
  for (const f of track.frames) {
    if (made.has(f.key)) continue;
    const file = bandFile(f.key);
    made.set(f.key, file);
    if (await exists(file)) continue;
    // The part of the picture inside the band (a picture partly off the canvas is cut there, as the canvas cuts it).
    const x0 = Math.max(f.left, band.left);
    const y0 = Math.max(f.top, band.top);
    const x1 = Math.min(f.left + f.width, band.left + band.width);
    const y1 = Math.min(f.top + f.height, band.top + band.height);
    const layers = x1 > x0 && y1 > y0 ? [{ input: await sharp(f.path).extract({ left: x0 - f.left, top: y0 - f.top, width: x1 - x0, height: y1 - y0 }).toBuffer(), left: x0 - band.left, top: y0 - band.top }] : [];
    await writeAtomic(file, await sharp(empty).composite(layers).png({ compressionLevel: 1 }).toBuffer());
  }
  const list = concatList(
    track.frames.map((f) => ({ file: made.get(f.key)!, startSec: f.startSec, endSec: f.endSec })),
    blank,
    total,
    fps,
  );
  const listPath = path.join(listDir, `captions-${createHash('sha256').update(track.trackId).digest('hex').slice(0, 16)}.ffconcat`);
  await fs.writeFile(listPath, list);
  return { listPath, left: band.left, top: band.top };
}


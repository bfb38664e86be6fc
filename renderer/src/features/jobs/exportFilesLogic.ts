import type { ExportResult } from '../../../../electron/model/job';

/**
 * What an export made, file by file (walk #73): a channel export said only "Done", or the size of its first file.
 * Pure, so the Jobs drawer and the Export dialog say the same.
 */
export type ExportFile = {
  /** The file's place among a one-pass export's outputs (its download address); undefined for a one-file export. */
  output: number | undefined;
  fileName: string;
  /** The channels it is for ("TikTok + LinkedIn"); null for a person's own export. */
  label: string | null;
  /** Frame size; null for results stored before it was kept. */
  size: { width: number; height: number } | null;
  durationSec: number;
  sizeBytes: number;
};

export const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** About what one line of the Jobs drawer holds of a file name in its small type (380 px drawer). */
export const FILE_NAME_MAX = 44;

/**
 * A file name cut in the middle to at most `max` characters ("Beach day at the…-20261206-153012-2.mp4"): exports are
 * named draft-time(-n).mp4, so what tells two of one draft apart is at the end, which an ellipsis at the end would cut
 * off (walk #79). The end keeps the larger share; characters are counted as code points (an emoji is never split).
 */
export function middleEllipsis(name: string, max = FILE_NAME_MAX): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const room = Math.max(0, max - 1);
  const head = Math.floor(room * 0.4);
  const tail = room - head;
  return `${chars.slice(0, head).join('').trimEnd()}…${tail > 0 ? chars.slice(-tail).join('') : ''}`;
}

export function exportFiles(result: ExportResult): ExportFile[] {
  if (!result.outputs) {
    const size = result.width && result.height ? { width: result.width, height: result.height } : null;
    return [{ output: undefined, fileName: result.fileName, label: null, size, durationSec: result.durationSec, sizeBytes: result.sizeBytes }];
  }
  return result.outputs.map((o, i) => ({
    output: i,
    fileName: baseName(o.outputPath),
    label: o.label ?? null,
    size: o.width && o.height ? { width: o.width, height: o.height } : null,
    durationSec: o.durationSec,
    sizeBytes: o.sizeBytes,
  }));
}

/** One file's facts as a creator reads them: "360×640 · 0:01 · 45 KB" (what is not known is left out). */
export function exportFileFacts(f: ExportFile, fmt: { dimensions: (w: number, h: number) => string; clock: (sec: number) => string; bytes: (n: number) => string }): string {
  return [f.size ? fmt.dimensions(f.size.width, f.size.height) : null, fmt.clock(f.durationSec), fmt.bytes(f.sizeBytes)].filter((s) => s !== null).join(' · ');
}

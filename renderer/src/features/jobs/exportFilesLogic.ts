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

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

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

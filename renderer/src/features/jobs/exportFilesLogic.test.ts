import { describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../../electron/model/job';
import { exportFileFacts, exportFiles } from './exportFilesLogic';

const fmt = { dimensions: (w: number, h: number) => `${w}×${h}`, clock: (s: number) => `0:0${s}`, bytes: (n: number) => `${n / 1000} KB` };
const base: ExportResult = { kind: 'export', draftId: 'd', outputPath: '/lib/exports/posts/p/tiktok+linkedin.mp4', fileName: 'tiktok+linkedin.mp4', sizeBytes: 45_000, durationSec: 1, method: 'encode' };

describe('exportFiles (walk #73: what an export made)', () => {
  it('lists each file of a channel export with its channels, frame size, length and size', () => {
    const r: ExportResult = {
      ...base,
      width: 360,
      height: 640,
      outputs: [
        { outputPath: '/lib/exports/posts/p/tiktok+linkedin.mp4', sizeBytes: 45_000, durationSec: 1, label: 'TikTok + LinkedIn', width: 360, height: 640 },
        { outputPath: '/lib/exports/posts/p/facebook_reel.mp4', sizeBytes: 90_000, durationSec: 1, label: 'Facebook Reels', width: 540, height: 960 },
      ],
    };
    const files = exportFiles(r);
    expect(files.map((f) => [f.output, f.fileName, f.label, exportFileFacts(f, fmt)])).toEqual([
      [0, 'tiktok+linkedin.mp4', 'TikTok + LinkedIn', '360×640 · 0:01 · 45 KB'],
      [1, 'facebook_reel.mp4', 'Facebook Reels', '540×960 · 0:01 · 90 KB'],
    ]);
  });

  it('a person’s one-file export is one file without channels; a result from before sizes were kept leaves the size out', () => {
    expect(exportFiles({ ...base, width: 1080, height: 1920 })).toEqual([{ output: undefined, fileName: 'tiktok+linkedin.mp4', label: null, size: { width: 1080, height: 1920 }, durationSec: 1, sizeBytes: 45_000 }]);
    const old = exportFiles({ ...base, outputs: [{ outputPath: '/x/a.mp4', sizeBytes: 1000, durationSec: 2 }] })[0]!;
    expect(old).toMatchObject({ label: null, size: null, fileName: 'a.mp4' });
    expect(exportFileFacts(old, fmt)).toBe('0:02 · 1 KB');
  });
});

import { describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../../electron/model/job';
import { FILE_NAME_MAX, baseName, exportFileFacts, exportFiles, middleEllipsis } from './exportFilesLogic';

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

describe('middleEllipsis (walk #79: a person’s export names its file in the Jobs drawer)', () => {
  it('keeps a name that fits; cuts a long one in the middle, so the time and number that tell two exports apart stay', () => {
    expect(middleEllipsis('Beach day-20261206-153012.mp4')).toBe('Beach day-20261206-153012.mp4');
    const long = 'Beach day at the south pier with the whole team-20261206-153012-2.mp4';
    const cut = middleEllipsis(long);
    // The space before the cut goes (it would read as a gap before the …).
    expect(cut).toBe('Beach day at the…team-20261206-153012-2.mp4');
    expect(Array.from(cut).length).toBeLessThanOrEqual(FILE_NAME_MAX);
    // Two exports of one draft in one second stay told apart.
    expect(middleEllipsis(long.replace('-2.mp4', '.mp4'))).not.toBe(cut);
  });

  it('counts characters, not UTF-16 units (an emoji is never split), and takes a small room', () => {
    const emoji = `${'🎬'.repeat(30)}-20261206-153012.mp4`;
    const cut = middleEllipsis(emoji, 20);
    expect(Array.from(cut)).toHaveLength(20);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(middleEllipsis('abcdef', 1)).toBe('…');
    expect(middleEllipsis('abcdef', 3)).toBe('…ef');
    expect(baseName('/lib/exports/a.mp4')).toBe('a.mp4');
    expect(baseName('C:\\exports\\b.mp4')).toBe('b.mp4');
  });
});

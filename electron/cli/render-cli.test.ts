import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOOD_DIR } from '../../scripts/fixtures';
import { resolveBinaries } from '../media/binaries';
import { draft, media, text, track } from '../render/test-drafts';
import { runCli, useCliSandbox } from './__tests__/cli-sandbox';

// `postframe render FILE.json` on drafts the schema accepts but the editor never makes: a text-only draft
// renders; a draft no export can honour is refused with the compiler's own words, never a TypeError.

const box = useCliSandbox('pf-render-cli-');
const canvas = { preset: '16:9' as const, width: 160, height: 96 };

describe('postframe render', () => {
  it('renders a draft with no main track (a title alone)', async () => {
    await runCli('library', 'init', box.libraryPath);
    const file = path.join(box.tmp, 'title.json');
    fs.writeFileSync(file, JSON.stringify(draft([track('t', 'text', [text('t1', 'Hello', 0, 1.5)])], canvas)));
    const out = path.join(box.tmp, 'title.mp4');
    const r = await runCli('render', '--library', box.libraryPath, file, '-o', out, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ output: out, durationSec: 1.5 });
    const probed = execFileSync(resolveBinaries({ env: process.env }).ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', out]).toString();
    expect(Number(probed)).toBeCloseTo(1.5, 1);
  }, 60_000);

  it('renders the EXIF-turned fixture photo filling 9:16 (it failed with "Conversion failed!", turned twice)', async () => {
    await runCli('library', 'init', box.libraryPath);
    const imported = await runCli('import', '--library', box.libraryPath, path.join(GOOD_DIR, 'beach-sunset.jpg'), '--json');
    const [photo] = (JSON.parse(imported.out) as { assets: { id: string; width: number; height: number }[] }).assets;
    // Stored 600x400 with EXIF orientation 6: a portrait photo.
    expect([photo!.width, photo!.height]).toEqual([400, 600]);
    const file = path.join(box.tmp, 'beach.json');
    fs.writeFileSync(file, JSON.stringify(draft([track('main', 'main', [media('p', photo!.id, 0, 0, 1)])], { preset: '9:16', width: 360, height: 640 })));
    const out = path.join(box.tmp, 'beach.mp4');
    const r = await runCli('render', '--library', box.libraryPath, file, '-o', out, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const size = execFileSync(resolveBinaries({ env: process.env }).ffprobe, ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', out]).toString().trim();
    expect(size).toBe('360,640');
  }, 60_000);

  it('refuses a draft with two main tracks, saying what to do', async () => {
    await runCli('library', 'init', box.libraryPath);
    const file = path.join(box.tmp, 'two.json');
    fs.writeFileSync(file, JSON.stringify(draft([track('a', 'main', [media('x', 'nope', 0, 0, 1)]), track('b', 'main', [])], canvas)));
    const r = await runCli('render', '--library', box.libraryPath, file, '-o', path.join(box.tmp, 'two.mp4'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/render failed: This draft has 2 main tracks; a draft has one\. Move the clips of the others onto overlay tracks/);
    expect(r.err).not.toMatch(/TypeError|Cannot read/);
    expect(fs.existsSync(path.join(box.tmp, 'two.mp4'))).toBe(false);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOOD_DIR } from '../../scripts/fixtures';
import { resolveBinaries } from '../media/binaries';
import sharp from 'sharp';
import { draft, media, text, track } from '../render/test-drafts';
import { imageDraft, shapeLayer, textLayer } from '../render/test-images';
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

  describe('image drafts', () => {
    const post = (pages: number) =>
      imageDraft(
        Array.from({ length: pages }, (_, i) => ({
          background: { type: 'colour' as const, color: ['#203040', '#e0a060', '#40a060'][i % 3]! },
          layers: [shapeLayer(`s${i}`, 'ellipse', { x: 0.5, y: 0.3, w: 0.5, h: 0.3 }), textLayer(`t${i}`, `Tip ${i + 1}`, 0.5, 0.75)],
        })),
        { name: 'Tips', canvas: { preset: 'custom', width: 200, height: 250 } },
      );

    it('writes a carousel into a folder as numbered files in page order', async () => {
      await runCli('library', 'init', box.libraryPath);
      const file = path.join(box.tmp, 'tips.json');
      fs.writeFileSync(file, JSON.stringify(post(3)));
      const dir = path.join(box.tmp, 'out') + path.sep;
      const r = await runCli('render', '--library', box.libraryPath, file, '-o', dir, '--max-kb', '200', '--json');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const files = (JSON.parse(r.out) as { files: { path: string; fits: boolean }[] }).files;
      expect(files.map((f) => path.basename(f.path))).toEqual(['Tips-01.jpg', 'Tips-02.jpg', 'Tips-03.jpg']);
      // Each file is its page: the background colour of page 1, 2, 3 in its corner.
      const corners = await Promise.all(files.map(async (f) => [...(await sharp(f.path).extract({ left: 2, top: 2, width: 1, height: 1 }).raw().toBuffer())]));
      expect(corners.map((c) => c[0]! > 150)).toEqual([false, true, false]);
    });

    it('writes one page to the file named, and refuses a carousel into one file', async () => {
      await runCli('library', 'init', box.libraryPath);
      const one = path.join(box.tmp, 'one.json');
      fs.writeFileSync(one, JSON.stringify(post(1)));
      const out = path.join(box.tmp, 'post.png');
      const r = await runCli('render', '--library', box.libraryPath, one, '-o', out);
      expect(r.code).toBe(0);
      const meta = await sharp(out).metadata();
      expect([meta.format, meta.width, meta.height, meta.hasProfile]).toEqual(['png', 200, 250, true]);

      const three = path.join(box.tmp, 'three.json');
      fs.writeFileSync(three, JSON.stringify(post(3)));
      const refused = await runCli('render', '--library', box.libraryPath, three, '-o', path.join(box.tmp, 'three.jpg'));
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/has 3 pages; write a carousel into a folder: -o DIR\//);
      const video = await runCli('render', '--library', box.libraryPath, one, '-o', path.join(box.tmp, 'one.mp4'));
      expect(video.code).toBe(1);
      expect(video.err).toMatch(/image draft; only video drafts render to MP4\. Use -o OUT\.jpg/);
    });
  });
});

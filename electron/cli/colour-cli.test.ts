import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { Studio } from '../studio';
import { importResultOf } from '../model/job';
import { ANY_PATH } from '../studio/path-gate';
import { EXIT } from './main';
import { runCli as cli, useCliSandbox } from './__tests__/cli-sandbox';

/** `postframe search --color` and `postframe duplicates` through main(), on a real library folder. */
describe('postframe search --color and duplicates', () => {
  const box = useCliSandbox('pf-colour-cli-');

  async function picture(name: string, ground: string, spot: string, opts: { scale?: number; jpeg?: number } = {}): Promise<string> {
    const w = Math.round(600 * (opts.scale ?? 1));
    const h = Math.round(400 * (opts.scale ?? 1));
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400" viewBox="0 0 600 400"><rect width="600" height="400" fill="${ground}"/><circle cx="180" cy="160" r="90" fill="${spot}"/><rect x="380" y="60" width="140" height="280" fill="#181818"/></svg>`;
    const file = path.join(box.tmp, name);
    const img = sharp(Buffer.from(svg)).resize(w, h);
    await (opts.jpeg ? img.jpeg({ quality: opts.jpeg }) : img.png()).toFile(file);
    return file;
  }

  it('finds the red picture by colour (computing missing colours first) and lists the near pair as JSON', async () => {
    const files = [
      await picture('red.png', '#e4002b', '#ffffff'),
      await picture('teal.png', '#008080', '#ffcc00'),
      await picture('teal-small.jpg', '#008080', '#ffcc00', { scale: 0.5, jpeg: 70 }),
    ];
    // Imported by a Postframe that did not compute colours yet: the commands must fill them in.
    const studio = await Studio.open({ libraryPath: box.libraryPath, settingsDir: box.settingsDir, shell: 'browser', createLibrary: true, skipSignatures: true, visualBackfill: false, pathAccess: ANY_PATH });
    const { jobId } = await studio.api['imports.start']({ paths: files, uploads: [] });
    expect(importResultOf(await studio.waitForJob(jobId))?.imported).toBe(3);
    expect(studio.rooms.visual.pendingCount()).toBe(3);
    await studio.close();

    const red = await cli('search', '--library', box.libraryPath, '--color', '#e4002b', '--tolerance', '10', '--json');
    expect(red.code, red.err).toBe(EXIT.ok);
    expect((JSON.parse(red.out) as { name: string }[]).map((a) => a.name)).toEqual(['red.png']);
    const text = await cli('search', '--library', box.libraryPath, '--color', '008080');
    expect(text.out).toMatch(/teal\.png[\s\S]*teal-small\.jpg[\s\S]*2 matches\n$|teal-small\.jpg[\s\S]*teal\.png[\s\S]*2 matches\n$/);

    const near = await cli('duplicates', '--library', box.libraryPath, '--near', '--json');
    expect(near.code, near.err).toBe(EXIT.ok);
    const list = JSON.parse(near.out) as { mode: string; pending: number; groups: { members: { name: string; width: number }[] }[] };
    expect(list.mode).toBe('near');
    expect(list.pending).toBe(0);
    expect(list.groups.map((g) => g.members.map((m) => `${m.name}@${m.width}`))).toEqual([['teal.png@600', 'teal-small.jpg@300']]);

    const exact = await cli('duplicates', '--library', box.libraryPath);
    expect(exact).toMatchObject({ code: EXIT.ok, out: expect.stringMatching(/^No duplicates\. Identical files are stored once already; try --near/) as unknown });
    const human = await cli('duplicates', '--library', box.libraryPath, '--near');
    expect(human.out).toMatch(/Group 1\n.*600×400.*teal\.png\n.*300×200.*teal-small\.jpg( {2}\(\d+ bits apart\))?\n1 group of near duplicates\n/);
  });

  it('refuses a colour that is not hex, a tolerance out of range, and a tolerance without a colour', async () => {
    expect((await cli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    const bad = await cli('search', '--library', box.libraryPath, '--color', 'red');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toMatch(/--color needs a hex colour such as '#e4002b' \(got "red"\)/);
    const tol = await cli('search', '--library', box.libraryPath, '--color', '#e4002b', '--tolerance', '500');
    expect(tol.code).toBe(EXIT.usage);
    expect(tol.err).toMatch(/--tolerance must be a number from 0 to 100/);
    expect((await cli('search', '--library', box.libraryPath, 'beach', '--tolerance', '5')).err).toMatch(/--tolerance goes with --color/);
    expect((await cli('duplicates', '--library', box.libraryPath, 'extra')).code).toBe(EXIT.usage);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GOOD_DIR } from '../../scripts/fixtures';
import { TILE_HEIGHT, TILE_WIDTH } from '../media/images';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from './__tests__/temp-studio';

/** The grid's 'tile' variant (docs/performance.md): made at import, remade on request, never a broken tile. */
describe('tile media variant', () => {
  let temp: TempStudio;
  let studio: Studio;
  let photo: { id: string; sha256: string };
  let voice: { id: string; sha256: string };

  beforeEach(async () => {
    temp = await openTempStudio('pf-tile-');
    studio = temp.studio;
    await studio.api['imports.start']({ paths: [path.join(GOOD_DIR, 'beach-sunset.jpg'), path.join(GOOD_DIR, 'nested', 'deeper', 'voice-note.wav')], uploads: [] });
    await studio.whenIdle();
    const { items } = await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'name', order: 'asc', trashed: false, offset: 0, limit: 10 });
    const get = async (name: string) => {
      const a = await studio.api['assets.get']({ id: items.find((x) => x.name === name)!.id });
      return { id: a.id, sha256: a.sha256 };
    };
    [photo, voice] = [await get('beach-sunset.jpg'), await get('voice-note.wav')];
  });
  afterEach(() => temp.close());

  const sizeOf = async (file: string) => {
    const sharp = (await import('sharp')).default;
    const m = await sharp(file).metadata();
    return [m.width, m.height, m.format] as const;
  };

  it('is made at import beside the thumbnail: upright, within the tile box, WebP', async () => {
    for (const a of [photo, voice]) expect(fs.existsSync(studio.folder.tilePath(a.sha256))).toBe(true);
    const tile = await studio.resolveMedia(photo.id, 'tile');
    expect(tile).toEqual({ path: studio.folder.tilePath(photo.sha256), mime: 'image/webp' });
    // The photo is stored 600x400 with EXIF orientation 6: its thumbnail is 400x600, its tile 160x240.
    const [w, h, format] = await sizeOf(tile!.path);
    expect(format).toBe('webp');
    expect([w, h]).toEqual([160, 240]);
    expect(w).toBeLessThanOrEqual(TILE_WIDTH);
    expect(h).toBeLessThanOrEqual(TILE_HEIGHT);
  });

  it('is made from the thumbnail on the first request of an older library, once for requests at once', async () => {
    const file = studio.folder.tilePath(photo.sha256);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    const answers = await Promise.all([1, 2, 3].map(() => studio.resolveMedia(photo.id, 'tile')));
    for (const r of answers) expect(r).toEqual({ path: file, mime: 'image/webp' });
    expect(await sizeOf(file)).toEqual([160, 240, 'webp']);
    // No part files left beside it.
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });

  it('falls back to the thumbnail when the tile cannot be made, and tries again later', async () => {
    const thumb = studio.folder.thumbPath(photo.sha256);
    const good = fs.readFileSync(thumb);
    fs.rmSync(studio.folder.tilePath(photo.sha256));
    fs.writeFileSync(thumb, good.subarray(0, 40)); // a damaged thumbnail
    expect(await studio.resolveMedia(photo.id, 'tile')).toEqual({ path: thumb, mime: 'image/webp' });
    expect(fs.existsSync(studio.folder.tilePath(photo.sha256))).toBe(false);
    fs.writeFileSync(thumb, good);
    expect(await studio.resolveMedia(photo.id, 'tile')).toEqual({ path: studio.folder.tilePath(photo.sha256), mime: 'image/webp' });
  });

  it('is nothing for an unknown asset, and goes with the asset when it is deleted for good', async () => {
    expect(await studio.resolveMedia('no-such-asset', 'tile')).toBeNull();
    await studio.api['assets.trash']({ ids: [photo.id] });
    await studio.api['assets.purge']({ ids: [photo.id] });
    expect(fs.existsSync(studio.folder.tilePath(photo.sha256))).toBe(false);
  });
});

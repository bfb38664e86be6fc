import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeImageThumbnail, writeTileFromThumbnail } from '../../electron/media/images';
import type { Studio } from '../../electron/studio';
import { rng } from './media';

/**
 * Gives every asset marked as having a thumbnail a real one and the grid's tile picture, as the importer makes them
 * (its own functions), cycling through `kinds` different textured pictures: a seeded library then costs a browser
 * what a real one does to show. Assets whose thumbnail exists already (imported footage) keep theirs.
 */
export async function seedPictures(studio: Studio, kinds = 40): Promise<void> {
  const sharp = (await import('sharp')).default;
  const sources: string[] = [];
  const tileOf = (thumb: string) => thumb.replace(/\.webp$/, '.tile.webp');
  try {
    for (let i = 0; i < kinds; i++) {
      const [w, h] = [960, 540];
      const px = Buffer.alloc(w * h * 3);
      const r = rng(100 + i);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const o = (y * w + x) * 3;
          const n = r() * 60;
          px[o] = (x * (i + 3) * 0.2 + n) % 256;
          px[o + 1] = (y * 0.4 + i * 37 + n) % 256;
          px[o + 2] = ((x + y) * 0.15 + n + 90) % 256;
        }
      const out = path.join(os.tmpdir(), `pf-seed-thumb-${process.pid}-${i}.webp`);
      sources.push(out);
      await writeImageThumbnail(await sharp(px, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer(), out, 1);
      await writeTileFromThumbnail(out, tileOf(out));
    }
    const rows = studio.database.prepare('SELECT sha256 FROM assets WHERE has_thumbnail = 1').all() as { sha256: string }[];
    rows.forEach((row, i) => {
      const to = studio.folder.thumbPath(row.sha256);
      if (fs.existsSync(to)) return;
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(sources[i % sources.length]!, to);
      const tile = studio.folder.tilePath(row.sha256);
      fs.mkdirSync(path.dirname(tile), { recursive: true });
      fs.copyFileSync(tileOf(sources[i % sources.length]!), tile);
    });
  } finally {
    for (const s of sources) for (const f of [s, tileOf(s)]) fs.rmSync(f, { force: true });
  }
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSettingsDir } from '../electron/paths';
import { Studio } from '../electron/studio';
import { seed } from './bench/import';
import { rng, vocabulary, zipf } from './bench/media';
import { seedPictures } from './bench/seed-pictures';

/**
 * Fills a library with N synthetic asset rows (names, tags, facts; no media files unless `pictures`: then each
 * picture or video has a real thumbnail and tile picture) for scale tests of the grid and search. Test data only:
 * never point it at a real library.
 * Usage: tsx scripts/seed-library.ts DIR N [--pictures]
 */
export async function seedLibrary(libraryPath: string, n: number, pictures = false): Promise<void> {
  const studio = await Studio.open({ libraryPath, settingsDir: defaultSettingsDir(), shell: 'browser', createLibrary: true });
  try {
    const random = rng(7);
    const words = vocabulary();
    seed(studio, n, words, zipf(words.length, random), random);
    if (pictures) await seedPictures(studio, 8);
  } finally {
    await studio.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [dir, count, flag] = process.argv.slice(2);
  if (!dir || !count || !Number.isInteger(Number(count)) || (flag !== undefined && flag !== '--pictures')) {
    console.error('usage: tsx scripts/seed-library.ts DIR N [--pictures]');
    process.exit(2);
  }
  await seedLibrary(path.resolve(dir), Number(count), flag === '--pictures');
}

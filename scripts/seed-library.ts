import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSettingsDir } from '../electron/paths';
import { Studio } from '../electron/studio';
import { seed } from './bench/import';
import { rng, vocabulary, zipf } from './bench/media';

/**
 * Fills a library with N synthetic asset rows (names, tags, facts; no media files) for scale tests of the
 * grid and search. Test data only: never point it at a real library.
 * Usage: tsx scripts/seed-library.ts DIR N
 */
export async function seedLibrary(libraryPath: string, n: number): Promise<void> {
  const studio = await Studio.open({ libraryPath, settingsDir: defaultSettingsDir(), shell: 'browser', createLibrary: true });
  try {
    const random = rng(7);
    const words = vocabulary();
    seed(studio, n, words, zipf(words.length, random), random);
  } finally {
    await studio.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [dir, count] = process.argv.slice(2);
  if (!dir || !count || !Number.isInteger(Number(count))) {
    console.error('usage: tsx scripts/seed-library.ts DIR N');
    process.exit(2);
  }
  await seedLibrary(path.resolve(dir), Number(count));
}

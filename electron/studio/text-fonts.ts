import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LibraryFolder } from '../library/folder';
import { TextRasteriser, type WorkerSpawner } from '../render/text-rasteriser';
import { resolveFamily, type TextFonts } from '../render/text-fonts';
import type { FontStore } from './fonts-store';

/**
 * resources/fonts (Latin, Nordic letters, colour emoji; filled from npm packages by scripts/bundle-fonts.mjs):
 * in the packaged app under `process.resourcesPath`, in a checkout at the repository's root (found by walking
 * up from this module: it runs from electron/studio under tsx and from out/cli or out/main once built).
 */
export function bundledFontsDir(resourcesPath?: string): string | null {
  if (resourcesPath) {
    const packaged = path.join(resourcesPath, 'fonts');
    if (fs.existsSync(packaged)) return packaged;
  }
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'resources', 'fonts');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

/** The library's text rasteriser process (render/text-rasteriser.ts), seeing the bundled fonts and the library's. */
export function libraryRasteriser(folder: LibraryFolder, fonts: FontStore, opts: { resourcesPath?: string; spawn?: WorkerSpawner }): TextRasteriser {
  return new TextRasteriser({
    confPath: folder.fontsConfPath,
    libraryFontsDir: folder.fontsDir,
    bundledFontsDir: bundledFontsDir(opts.resourcesPath),
    libraryFonts: () => fonts.repo.list().map((f) => ({ family: f.family, file: folder.fontPath(f.id, f.ext) })),
    spawn: opts.spawn,
  });
}

/** Text layers of this library: families resolved against its fonts, drawn by its rasteriser. */
export function libraryTextFonts(fonts: FontStore, rasteriser: TextRasteriser): TextFonts {
  return {
    resolve: (family) => resolveFamily(family, fonts.repo.family(family)),
    draw: (req) => rasteriser.draw(req),
    drawCaption: (req) => rasteriser.drawCaption(req),
  };
}

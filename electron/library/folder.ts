import fs from 'node:fs';
import path from 'node:path';

/**
 * The library folder layout (DESIGN.md "The library folder"). Originals are content-addressed by SHA-256;
 * everything under cache/ can be deleted and rebuilt.
 */
export class LibraryFolder {
  readonly root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get dbPath(): string {
    return path.join(this.root, LibraryFolder.MARKER);
  }
  get mediaDir(): string {
    return path.join(this.root, 'media');
  }
  get cacheDir(): string {
    return path.join(this.root, 'cache');
  }
  get stagingDir(): string {
    return path.join(this.root, 'cache', 'staging');
  }
  /** Finished exports; in-flight ones are hidden `.name.part.mp4` files here until renamed. */
  get exportsDir(): string {
    return path.join(this.root, 'exports');
  }
  get uploadsDir(): string {
    return path.join(this.root, 'cache', 'uploads');
  }
  get proxiesDir(): string {
    return path.join(this.root, 'cache', 'proxies');
  }
  /** What running processes leave for the next one: `children/<pid>.json` (media/child-registry.ts), `owners/<pid>.json`. */
  get runDir(): string {
    return path.join(this.root, 'run');
  }
  get childrenDir(): string {
    return path.join(this.root, 'run', 'children');
  }
  get ownersDir(): string {
    return path.join(this.root, 'run', 'owners');
  }
  /** Takes being recorded or waiting to be saved: `<id>/take.webm` + `manifest.json` (capture/recordings.ts). */
  get recordingsDir(): string {
    return path.join(this.root, 'recordings');
  }
  /** Rasterised text layers: `<key>.png` plus `<key>.json` (render/text.ts). */
  get textCacheDir(): string {
    return path.join(this.root, 'cache', 'text');
  }

  /** Library fonts, content-addressed: `fonts/ab/<sha256>.<ttf|otf>` (studio/fonts-store.ts). */
  get fontsDir(): string {
    return path.join(this.root, 'fonts');
  }
  fontPath(sha256: string, ext: 'ttf' | 'otf'): string {
    return path.join(this.fontsDir, sha256.slice(0, 2), `${sha256}.${ext}`);
  }
  /** Imported looks, content-addressed: `luts/ab/<sha256>.cube` (studio/looks-store.ts). */
  get lutsDir(): string {
    return path.join(this.root, 'luts');
  }
  lutPath(sha256: string): string {
    return path.join(this.lutsDir, sha256.slice(0, 2), `${sha256}.cube`);
  }
  /** The fontconfig file the text rasteriser runs with (render/text-rasteriser.ts): written, never edited by hand. */
  get fontsConfPath(): string {
    return path.join(this.root, 'cache', 'fonts.conf');
  }

  /** media/ab/abcdef….ext — the extension keeps files openable by other tools. */
  originalPath(sha256: string, ext: string): string {
    return path.join(this.mediaDir, sha256.slice(0, 2), ext ? `${sha256}.${ext}` : sha256);
  }
  thumbPath(sha256: string): string {
    return path.join(this.cacheDir, 'thumbs', sha256.slice(0, 2), `${sha256}.webp`);
  }
  /** The grid's tile-sized picture, made from the thumbnail (media/images.ts writeTileFromThumbnail). */
  tilePath(sha256: string): string {
    return path.join(this.cacheDir, 'tiles', sha256.slice(0, 2), `${sha256}.webp`);
  }
  posterPath(sha256: string): string {
    return path.join(this.cacheDir, 'posters', sha256.slice(0, 2), `${sha256}.jpg`);
  }
  waveformPath(sha256: string): string {
    return path.join(this.cacheDir, 'waveforms', sha256.slice(0, 2), `${sha256}.json`);
  }
  /** Preview proxy of a heavy video (H.264, longest side 960); in-flight ones are `.<sha>.part.mp4` beside it. */
  proxyPath(sha256: string): string {
    return path.join(this.proxiesDir, sha256.slice(0, 2), `${sha256}.mp4`);
  }

  /** Reversed copy of a video (model/reverse.ts: reversed clips read it forwards); in-flight ones are `.<sha>.part.mp4` beside it. */
  reversedPath(sha256: string): string {
    return path.join(this.cacheDir, 'reversed', sha256.slice(0, 2), `${sha256}.mp4`);
  }
  get reversedDir(): string {
    return path.join(this.cacheDir, 'reversed');
  }
  /** Preview proxy of a reversed copy (made after the copy when the source needs a proxy); parts as above. */
  reversedProxyPath(sha256: string): string {
    return path.join(this.reversedProxiesDir, sha256.slice(0, 2), `${sha256}.mp4`);
  }
  get reversedProxiesDir(): string {
    return path.join(this.cacheDir, 'reversed-proxies');
  }

  /** The rendition an SVG or HEIC is used through (model/asset.ts renditionExt): `renditions/ab/<sha>.png|jpg`. */
  renditionPath(sha256: string, ext: 'png' | 'jpg'): string {
    return path.join(this.cacheDir, 'renditions', sha256.slice(0, 2), `${sha256}.${ext}`);
  }

  /** True when `p` (after resolving) lies inside the library folder: the only files we ever serve. */
  contains(p: string): boolean {
    const rel = path.relative(this.root, path.resolve(p));
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  }

  /** The file that makes a folder a Postframe library (its database). */
  static readonly MARKER = 'library.sqlite';

  static exists(root: string): boolean {
    return fs.existsSync(path.join(root, LibraryFolder.MARKER));
  }

  ensureLayout(): void {
    for (const dir of [this.root, this.mediaDir, this.cacheDir, this.stagingDir, this.uploadsDir, path.join(this.root, 'exports'), this.recordingsDir, this.childrenDir, this.ownersDir]) {
      fs.mkdirSync(dir, { recursive: true });
    }
  }
}

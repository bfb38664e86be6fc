import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The engine for Node: `postframe` (CLI and `serve`), built once into out/cli/main.js (ESM) the way the
 * Electron main is built (electron.vite.config.ts), so nothing compiles TypeScript at run time.
 * Packages stay in node_modules (native ones must: better-sqlite3, sharp); our sources are bundled.
 * Built by scripts/build-cli.mjs, which also writes the manifest bin/postframe.mjs checks for staleness.
 */
/**
 * Native packages load from node_modules; so do heic-decode (libheif-js) and wawoff2 (woff2): Emscripten
 * CommonJS bundles that find their WebAssembly through __dirname, which does not exist once bundled into ESM. Every other
 * package is bundled (fewer files to resolve at start).
 */
const external = ['better-sqlite3', 'sharp', 'heic-decode', 'wawoff2'];

export default defineConfig({
  logLevel: 'warn',
  ssr: { noExternal: true, external },
  build: {
    ssr: true,
    outDir: here('./out/cli'),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      // The text rasteriser's and the speech recogniser's processes run their own entries (found beside main.js).
      input: { main: here('./electron/cli/main.ts'), 'text-worker': here('./electron/render/text-worker.ts'), 'whisper-worker': here('./electron/media/whisper-worker.ts') },
      external,
      output: { format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import rendererConfig from './vite.renderer.config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Native or binary-wrapping packages: loaded from node_modules (asar-unpacked), never bundled. */
const nativeDeps = ['better-sqlite3', 'sharp'];

/**
 * `npm run dev` only: React Fast Refresh injects an inline module script, which the renderer's strict meta
 * CSP (`script-src 'self'`) refuses. Relax the meta tag on the dev server; builds keep the strict policy.
 * (The main process sends the matching dev header: electron/main/trust.ts contentSecurityPolicy.)
 */
const devCsp: Plugin = {
  name: 'postframe:dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
};

/**
 * Electron build (`npm run build` / `npm run dev`).
 *  - main:     electron/main/index.ts → out/main/index.js (ESM, package.json "type": "module")
 *  - preload:  electron/preload/index.ts → out/preload/index.cjs (CommonJS: sandboxed preloads cannot be
 *              ES modules), everything bundled (a sandboxed preload can only require 'electron')
 *  - renderer: renderer/ → out/renderer, the same React plugin and settings as vite.renderer.config.ts
 *              (the browser-mode build), so both front doors run the same bundle.
 */
export default defineConfig({
  main: {
    build: {
      outDir: here('./out/main'),
      externalizeDeps: true,
      rolldownOptions: {
        // text-worker: the text rasteriser's process (render/text-rasteriser.ts), started with utilityProcess.
        // whisper-worker: the speech recogniser's process (media/recognizer.ts).
        input: { index: here('./electron/main/index.ts'), 'text-worker': here('./electron/render/text-worker.ts'), 'whisper-worker': here('./electron/media/whisper-worker.ts') },
        external: nativeDeps,
      },
    },
  },
  preload: {
    build: {
      outDir: here('./out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('./electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    plugins: [...(rendererConfig.plugins ?? []), devCsp],
    build: {
      ...rendererConfig.build,
      outDir: here('./out/renderer'),
      rolldownOptions: {
        input: { index: here('./renderer/index.html') },
      },
    },
  },
});

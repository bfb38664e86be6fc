// Is the compiled CLI (out/cli, built by scripts/build-cli.mjs) there and as new as its sources? Read by
// bin/postframe.mjs on every start, so it only stats the files the build recorded (a few milliseconds).
import fs from 'node:fs';
import path from 'node:path';

export const CLI_DIR = 'out/cli';
export const ENTRY = 'out/cli/main.js';
export const MANIFEST = 'out/cli/manifest.json';
export const BUILD_COMMAND = 'npm run build:cli';

/**
 * 'fresh' | 'missing' | 'stale' (with the first source newer than the build). In an installed copy without
 * the TypeScript sources there is nothing to compare with: a present build is fresh.
 * @param {string} root the repository (package) folder
 * @returns {{ state: 'fresh' } | { state: 'missing' } | { state: 'stale', changed: string }}
 */
export function cliBuildState(root) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(root, MANIFEST), 'utf8'));
    fs.accessSync(path.join(root, ENTRY));
  } catch {
    return { state: 'missing' };
  }
  if (!fs.existsSync(path.join(root, 'electron', 'cli', 'main.ts'))) return { state: 'fresh' };
  const builtAt = Number(manifest.sourcesReadAt);
  const inputs = Array.isArray(manifest.inputs) ? manifest.inputs : [];
  if (!Number.isFinite(builtAt) || inputs.length === 0) return { state: 'stale', changed: MANIFEST };
  for (const rel of inputs) {
    let mtime;
    try {
      mtime = fs.statSync(path.join(root, rel)).mtimeMs;
    } catch {
      return { state: 'stale', changed: rel };
    }
    if (mtime > builtAt) return { state: 'stale', changed: rel };
  }
  return { state: 'fresh' };
}

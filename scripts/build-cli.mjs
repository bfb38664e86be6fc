#!/usr/bin/env node
// Builds the compiled CLI: electron/cli/main.ts and everything it imports → out/cli/main.js (vite.cli.config.ts),
// plus out/cli/manifest.json, the source files it was built from (bin/postframe.mjs compares their times).
//   node scripts/build-cli.mjs              build
//   node scripts/build-cli.mjs --if-stale   build only when missing or older than its sources (npm run cli/serve, test set-ups)
// The build is written beside out/cli and swapped in, so a postframe starting meanwhile never reads half a build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_DIR, MANIFEST, cliBuildState } from '../bin/cli-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Modules the CLI must not load at start-up: sharp and ws each cost about as much as starting Node, http/https
 * (TLS) a little less, and `search` or `queue list` never need them. Load them with import() where they are
 * used (electron/media/sharp.ts, the host in serveCommand, the webhook connector's send).
 */
const NOT_AT_STARTUP = ['sharp', 'ws', 'node:http', 'node:https'];

/** @param {{ ifStale?: boolean, log?: (line: string) => void }} [opts] */
export async function buildCli(opts = {}) {
  const log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
  if (opts.ifStale) {
    const s = cliBuildState(root);
    if (s.state === 'fresh') return false;
    log(s.state === 'missing' ? 'Building the command line (out/cli)…' : `Rebuilding the command line (${s.changed} changed)…`);
  }
  const { build } = await import('vite');
  const sourcesReadAt = Date.now();
  const staging = path.join(root, 'out', `.cli-build-${process.pid}`);
  const result = await build({
    configFile: path.join(root, 'vite.cli.config.ts'),
    logLevel: 'warn',
    build: { outDir: staging, emptyOutDir: true },
  });
  const chunks = (Array.isArray(result) ? result : [result]).flatMap((o) => ('output' in o ? o.output : [])).filter((c) => c.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry && c.name === 'main');
  if (!entry) throw new Error('The CLI build produced no entry chunk.');
  for (const name of NOT_AT_STARTUP) {
    const eager = entry.imports.includes(name) || entry.moduleIds.some((id) => id.includes(`${path.sep}node_modules${path.sep}${name}${path.sep}`));
    if (eager) throw new Error(`The CLI's entry loads ${name} at start-up, which slows every command. Import it with import() where it is used (see electron/media/sharp.ts).`);
  }
  const inputs = new Set(['package.json', 'vite.cli.config.ts', 'bin/cli-build.mjs']);
  for (const c of chunks) {
    for (const id of c.moduleIds) {
      // Virtual modules (the bundler's runtime, optional peers) have no file to compare.
      if (!path.isAbsolute(id) || !fs.existsSync(id)) continue;
      const rel = path.relative(root, id);
      if (!rel.startsWith('..') && !rel.split(path.sep).includes('node_modules')) inputs.add(rel.split(path.sep).join('/'));
    }
  }
  fs.writeFileSync(path.join(staging, path.basename(MANIFEST)), JSON.stringify({ sourcesReadAt, inputs: [...inputs].sort() }, null, 1) + '\n');
  const target = path.join(root, CLI_DIR);
  const old = path.join(root, 'out', `.cli-old-${process.pid}`);
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(staging, target);
  fs.rmSync(old, { recursive: true, force: true });
  log(`Built ${CLI_DIR}/main.js from ${inputs.size} files.`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildCli({ ifStale: process.argv.includes('--if-stale') });
  } catch (e) {
    process.stderr.write(`build-cli: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}

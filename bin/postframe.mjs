#!/usr/bin/env node
// The `postframe` command: runs the engine compiled once into out/cli (scripts/build-cli.mjs), never
// TypeScript at run time. A missing or out-of-date build is refused with the command that makes it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_COMMAND, ENTRY, cliBuildState } from './cli-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = cliBuildState(root);
if (build.state !== 'fresh') {
  const why = build.state === 'missing' ? `is not built yet (${ENTRY} is missing)` : `was built before its sources changed (${build.changed})`;
  process.stderr.write(`postframe: the command line ${why}. Build it with: ${BUILD_COMMAND}\n(in ${root}; npm run cli and npm run serve build it for you)\n`);
  process.exit(1);
}
const { runCli } = await import(path.join(root, ENTRY));
process.exitCode = await runCli(process.argv.slice(2));

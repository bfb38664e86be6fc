#!/usr/bin/env node
// The `postframe` command. The engine is TypeScript; tsx compiles it on the fly so the CLI, the
// browser-mode host and the benchmarks run the same sources the Electron build bundles.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));

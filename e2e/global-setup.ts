import fs from 'node:fs';
import path from 'node:path';
import { buildCli } from '../scripts/build-cli.mjs';
import { makeFixtures } from '../scripts/fixtures';
import { settleSlowness } from './slowness';

export default async function globalSetup(): Promise<void> {
  // Measured first, before the fixtures' own ffmpeg work loads the machine: it is the load of others that counts.
  console.log(await settleSlowness());
  await makeFixtures();
  // Every spec runs the real `postframe` (bin/postframe.mjs), which runs the compiled CLI: build it when stale.
  await buildCli({ ifStale: true });
  const index = path.resolve('out/renderer/index.html');
  if (!fs.existsSync(index)) throw new Error('The renderer is not built: run "npm run build:renderer" (npm run test:e2e does it for you).');
}

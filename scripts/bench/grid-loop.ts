/**
 * The preview bench's first-time grid scroll alone, `RUNS` times, each in a fresh browser (nothing cached), on a
 * library made once and kept (`GRID_LIB`, default /tmp/gridlib): for trying a change to the grid quickly and for
 * traces. Not part of `npm run bench`.
 *   npx tsx scripts/bench/grid-loop.ts                  the bench's fling (100 px a frame to the end)
 *   DELTA=25 WHEELS=480 npx tsx scripts/bench/grid-loop.ts   a browsing pace for 8 s
 *   TRACE=/tmp/grid.json …    a Chrome trace of the first run's scroll (CATS=comma,separated categories)
 *   PROFILE=/tmp/grid.cpuprofile …   a CPU profile of the first run's scroll
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { buildApp, CHROMIUM, E2E_FLAGS, serve } from './browser-host';
import { gridScroll, makeLibrary, newPage, noJobsRunning } from './preview';

const log = (m: string) => console.error(`[grid] ${m}`);
const root = process.env.GRID_LIB ?? '/tmp/gridlib';
const lib = path.join(root, 'Library');
const home = path.join(root, 'home');
const runs = Number(process.env.RUNS ?? 3);
const CATS = 'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.frame,blink,loading,blink.resource,toplevel,v8.execute';

async function main(): Promise<void> {
  buildApp(log);
  if (!fs.existsSync(lib)) await makeLibrary(lib, home, log);
  const host = await serve(lib, home);
  try {
    for (let i = 0; i < runs; i++) {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: E2E_FLAGS });
      const page = await newPage(browser, host);
      await noJobsRunning(page, log);
      const trace = i === 0 ? process.env.TRACE : undefined;
      const profile = i === 0 ? process.env.PROFILE : undefined;
      if (trace) await browser.startTracing(page, { path: trace, categories: (process.env.CATS ?? CATS).split(',') });
      const cdp = profile ? await page.context().newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const g = await gridScroll(page, log, Number(process.env.DELTA ?? 100), process.env.WHEELS ? Number(process.env.WHEELS) : undefined);
      if (cdp && profile) fs.writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      if (trace) await browser.stopTracing();
      console.log(JSON.stringify({ run: i, ...g, load: Math.round(os.loadavg()[0]! * 10) / 10 }));
      await browser.close();
    }
  } finally {
    await host.stop();
  }
}
void main();

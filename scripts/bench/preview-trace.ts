import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { TraceRow } from '../../renderer/src/features/editor/preview/previewTrace';
import { buildApp, CHROMIUM, E2E_FLAGS, round1, serve, step } from './browser-host';
import { makeLibrary, newPage, openDraft, PLAY_SEC, saveThreeLayers, TICKS_PROBE } from './preview';
import { formatTraceTable, TRACE_TABLE_HEAD, traceTable } from './previewTraceTable';

/**
 * Plays the preview bench's 3-layer edit with the engine's per-draw trace on (previewTrace.ts) and prints, for
 * every frame of the played span never shown current, which layer was late and why (previewTraceTable.ts).
 *
 *   npx tsx scripts/bench/preview-trace.ts [--runs N] [--label NAME] [--out trace.json]
 *
 * Run it under `flock /tmp/pf-bench.lock` like the bench. `--out` keeps the raw rows (per draw, per layer: held
 * picture vs wanted time, the element's currentTime, seeking, readyState, rate, paused) and animation frames.
 */
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<void> {
  const runs = Number(arg('--runs') ?? 1);
  const label = arg('--label') ?? 'trace';
  const out = arg('--out');
  const log = (msg: string) => process.stderr.write(`[trace] ${msg}\n`);
  buildApp(log);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-preview-trace-'));
  const [lib, home] = [path.join(tmp, 'Library'), path.join(tmp, 'home')];
  const footage = await makeLibrary(lib, home, log, false);
  const host = await serve(lib, home);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: E2E_FLAGS });
  const lines: string[] = [TRACE_TABLE_HEAD];
  const raw: { rows: TraceRow[]; ticks: number[] }[] = [];
  try {
    const setup = await newPage(browser, host);
    await saveThreeLayers(setup, footage);
    await setup.close();
    for (let run = 1; run <= runs; run++) {
      const page = await newPage(browser, host);
      // Before the editor opens: the engine reads it once, when it is made.
      await page.evaluate('window.__pfPreviewTrace = []');
      await openDraft(page, 'Three layers');
      await page.evaluate(TICKS_PROBE);
      log(`run ${run}: playing the 3-layer edit (${PLAY_SEC} s) …`);
      await page.getByTestId('play-toggle').click();
      await step('playing to the end', page.locator('[data-testid="play-toggle"][data-playing="false"]').waitFor({ timeout: PLAY_SEC * 6000 }), PLAY_SEC * 7000);
      const got = await page.evaluate<{ rows: TraceRow[]; ticks: number[] }>('(() => { window.__on = false; return { rows: window.__pfPreviewTrace, ticks: window.__ticks }; })()');
      raw.push(got);
      lines.push(formatTraceTable(`${label} ${run}`, round1(os.loadavg()[0]!), traceTable(got.rows, got.ticks, 30, PLAY_SEC)));
      await page.close();
    }
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (out) fs.writeFileSync(out, JSON.stringify(raw));
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

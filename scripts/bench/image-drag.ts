import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { DraftRecord } from '../../electron/model/draft-record';
import type { ImageDraft, ImageLayer } from '../../electron/model/image-draft';
import { api, buildApp, CHROMIUM, E2E_FLAGS, openSignedIn, pct, serve, step, UNCAPPED } from './browser-host';

/**
 * The image editor's interaction frame time while a layer is dragged, measured in Chromium: a 10-layer
 * 1080×1350 draft (the compositor bench's page, with real imported pictures) opened in `postframe serve`, a
 * photo dragged by the mouse in small steps as a hand does, and for every frame that handled a pointer move the
 * main thread's time from that event to the frame painted (the event's handler, React's update, the frame's
 * rAF callbacks, style, layout and paint; a message posted from requestAnimationFrame runs after them).
 *
 * Chromium is driven with the e2e config's flags plus two that lift the 60 Hz cap (`--disable-gpu-vsync`,
 * `--disable-frame-rate-limit`): capped, a frame waits for the next vsync and every number would read ≈16.7 ms
 * whatever the editor does. Without Chromium the bench says so and reports no number.
 */

export const DRAG_GOAL_MS = 16;
export { CHROMIUM };
const MOVES = 180;

export type DragBenchResult =
  | { measured: true; drag_frame_p95_ms: number; drag_frame_p50_ms: number; drag_frame_max_ms: number; frames: number; moves: number; layers: number }
  | { measured: false; reason: string };

/**
 * Installed in the page before the measured drag: for each frame that handles a pointer move, the time from the
 * first move to the end of that frame's rendering (a message posted from requestAnimationFrame runs after it).
 */
export const FRAME_PROBE = `(() => {
  window.__dragFrames = [];
  let pending = null;
  window.addEventListener('pointermove', () => {
    if (pending !== null) return;
    pending = performance.now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        window.__dragFrames.push(performance.now() - pending);
        pending = null;
      };
      ch.port2.postMessage(0);
    });
  }, { capture: true });
})()`;

/** The compositor bench's page (scripts/bench/image.ts), its pictures re-pointed at the imported ones. */
function withAssets(doc: ImageDraft, ids: Record<string, string>): ImageDraft {
  const layers = doc.pages[0]!.layers.map((l): ImageLayer => (l.type === 'media' ? { ...l, assetId: ids[l.assetId]! } : l));
  return { ...doc, pages: [{ ...doc.pages[0]!, layers }] };
}

export async function dragBench({ log, page10, chromium: executable = CHROMIUM }: { log: (msg: string) => void; page10: { draft: ImageDraft; files: Record<string, string> }; chromium?: string }): Promise<DragBenchResult> {
  if (!fs.existsSync(executable)) return { measured: false, reason: `Chromium is not at ${executable} (set POSTFRAME_CHROMIUM): the drag frame time was not measured` };
  buildApp(log);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-bench-drag-'));
  const host = await serve(path.join(tmp, 'Library'), path.join(tmp, 'home'));
  const browser = await chromium.launch({ executablePath: executable, args: [...E2E_FLAGS, ...UNCAPPED] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openSignedIn(page, host);
    log('importing the bench pictures …');
    const names = Object.keys(page10.files);
    await page.getByTestId('import-file-input').setInputFiles(names.map((k) => page10.files[k]!));
    await step('the pictures imported', page.getByTestId('asset-cell').nth(names.length - 1).waitFor());
    const listed = await api<{ items: { id: string; name: string }[] }>(page, 'assets.list', { kind: 'image', limit: 50 });
    const ids: Record<string, string> = {};
    for (const k of names) ids[k] = listed.items.find((a) => a.name === path.parse(page10.files[k]!).name || a.name === path.basename(page10.files[k]!))?.id ?? '';
    const missing = names.filter((k) => !ids[k]);
    if (missing.length) throw new Error(`drag bench: the imported pictures were not found (${missing.join(', ')}); listed: ${listed.items.map((a) => a.name).join(', ')}`);
    const created = await api<DraftRecord>(page, 'drafts.create', { kind: 'image', name: 'Drag bench', canvas: page10.draft.canvas });
    await api(page, 'drafts.save', { id: created.id, baseRevision: created.revision, doc: { ...withAssets(page10.draft, ids), name: 'Drag bench' } });

    await page.getByTestId('view-drafts').click();
    await page.locator('[data-testid="draft-row"][data-name="Drag bench"]').getByTestId('draft-open').click();
    const canvas = page.getByTestId('ie-canvas');
    await step('the editor to draw the page', canvas.locator('[data-testid="ie-layer"][data-kind="text"][data-ready="true"]').nth(1).waitFor());
    const layers = await canvas.getByTestId('ie-layer').count();
    const hero = canvas.locator('[data-testid="ie-layer"][data-layer-id="hero"]');
    const box = (await hero.boundingBox())!;
    const start = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.5 };

    const drag = async (moves: number) => {
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      for (let i = 1; i <= moves; i++) {
        const a = (i / moves) * Math.PI * 2;
        await page.mouse.move(start.x + Math.sin(a) * 120, start.y + (1 - Math.cos(a)) * 60);
      }
      await page.mouse.up();
    };
    log('warming up (one drag) …');
    await step('a warm-up drag', drag(30));
    await page.evaluate(FRAME_PROBE);
    log(`dragging a photo in ${MOVES} steps …`);
    await step('the measured drag', drag(MOVES));
    const frames = await page.evaluate<number[]>('window.__dragFrames');
    if (frames.length < MOVES / 4) throw new Error(`drag bench: only ${frames.length} frames were seen for ${MOVES} pointer moves`);
    const round = (n: number) => Math.round(n * 10) / 10;
    return { measured: true, drag_frame_p95_ms: round(pct(frames, 95)), drag_frame_p50_ms: round(pct(frames, 50)), drag_frame_max_ms: round(Math.max(...frames)), frames: frames.length, moves: MOVES, layers };
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

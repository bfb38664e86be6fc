import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { DraftRecord } from '../../electron/model/draft-record';
import type { ImageDraft, ImageLayer } from '../../electron/model/image-draft';

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
export const CHROMIUM = process.env.POSTFRAME_CHROMIUM ?? '/usr/bin/chromium';
const E2E_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];
const UNCAPPED = ['--disable-gpu-vsync', '--disable-frame-rate-limit'];
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const MOVES = 180;
const STEP_LIMIT_MS = 120_000;

export type DragBenchResult =
  | { measured: true; drag_frame_p95_ms: number; drag_frame_p50_ms: number; drag_frame_max_ms: number; frames: number; moves: number; layers: number }
  | { measured: false; reason: string };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

/** Fails the named step when it takes longer than the limit (a bench never hangs). */
async function step<T>(name: string, p: Promise<T>, ms = STEP_LIMIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`drag bench: “${name}” took longer than ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** `postframe serve` on a fresh library; resolves with its one-time link. */
async function serve(lib: string, home: string): Promise<{ child: ChildProcess; url: string; exited: Promise<void> }> {
  const env = { ...process.env, POSTFRAME_HOME: home };
  execFileSync(process.execPath, ['bin/postframe.mjs', 'library', 'init', lib], { cwd: ROOT, env, timeout: STEP_LIMIT_MS });
  const child = spawn(process.execPath, ['bin/postframe.mjs', 'serve', '--library', lib, '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await step(
    'postframe serve to print its link',
    new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Open (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`postframe serve exited with ${code}:\n${out}`)));
      child.once('error', reject);
    }),
  );
  return { child, url, exited };
}

/**
 * An API call over the page's own session, as the renderer makes it. The browser-side code is a string: this
 * script is type-checked for Node, without the DOM's types.
 */
async function api<T>(page: Page, call: string, input: unknown): Promise<T> {
  const body = `new Promise((resolve, reject) => {
    const key = (localStorage.getItem('postframe.hostKeys') ?? '').split('.')[0] ?? '';
    const ws = new WebSocket('ws://' + location.host + '/api?key=' + encodeURIComponent(key));
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, call: ${JSON.stringify(call)}, input: ${JSON.stringify(input)} }));
    ws.onmessage = (e) => {
      const msg = JSON.parse(String(e.data));
      if (msg.type !== 'result' || msg.id !== 1) return;
      ws.close();
      if (msg.result && msg.result.ok) resolve(msg.result.value);
      else reject(new Error((msg.result && msg.result.error && msg.result.error.message) || 'call failed'));
    };
    ws.onerror = () => reject(new Error('WebSocket failed'));
  })`;
  return page.evaluate<T>(body);
}

/**
 * Installed in the page before the measured drag: for each frame that handles a pointer move, the time from the
 * first move to the end of that frame's rendering (a message posted from requestAnimationFrame runs after it).
 */
const FRAME_PROBE = `(() => {
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
  if (!fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) {
    log('building the renderer (npm run build:renderer) …');
    execFileSync('npm', ['run', '-s', 'build:renderer'], { cwd: ROOT, stdio: 'ignore', timeout: 10 * STEP_LIMIT_MS });
  }
  execFileSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale'], { cwd: ROOT, stdio: 'ignore', timeout: 10 * STEP_LIMIT_MS });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-bench-drag-'));
  const host = await serve(path.join(tmp, 'Library'), path.join(tmp, 'home'));
  const browser = await chromium.launch({ executablePath: executable, args: [...E2E_FLAGS, ...UNCAPPED] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await step('the app to open', page.goto(host.url));
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
    host.child.kill('SIGTERM');
    await host.exited;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

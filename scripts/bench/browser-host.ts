import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

/**
 * What the Chromium-driven benches share (image-drag.ts, preview.ts): `postframe serve` on a library with its
 * owner made through the first-start link, a page signed in as that owner (as e2e/accounts-kit.ts does, without
 * Playwright's test runner), API calls over the page's own session, and step limits so a bench never hangs.
 */

export const CHROMIUM = process.env.POSTFRAME_CHROMIUM ?? '/usr/bin/chromium';
/** The e2e config's flags (playwright.config.ts). */
export const E2E_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];
/** Lift the 60 Hz cap, so a frame's time is its work rather than the wait for the next vsync. */
export const UNCAPPED = ['--disable-gpu-vsync', '--disable-frame-rate-limit'];
export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const STEP_LIMIT_MS = 120_000;
const OWNER = { name: 'Bench owner', login: 'bench', password: 'frames per second, measured 42' };

/** The p-th percentile (nearest rank). */
export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Fails the named step when it takes longer than the limit (a bench never hangs). */
export async function step<T>(name: string, p: Promise<T>, ms = STEP_LIMIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`bench: “${name}” took longer than ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** The renderer and the CLI as the working tree has them (built when missing or stale). */
export function buildApp(log: (msg: string) => void): void {
  if (!fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) {
    log('building the renderer (npm run build:renderer) …');
    execFileSync('npm', ['run', '-s', 'build:renderer'], { cwd: ROOT, stdio: 'ignore', timeout: 10 * STEP_LIMIT_MS });
  }
  execFileSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale'], { cwd: ROOT, stdio: 'ignore', timeout: 10 * STEP_LIMIT_MS });
}

export type Host = { child: ChildProcess; url: string; exited: Promise<void>; stop(): Promise<void> };

/**
 * `postframe serve` on `lib` (made with `postframe library init` unless it exists); resolves once the owner's
 * account is made through the printed first-start link.
 */
export async function serve(lib: string, home: string): Promise<Host> {
  const env = { ...process.env, POSTFRAME_HOME: home };
  if (!fs.existsSync(lib)) execFileSync(process.execPath, ['bin/postframe.mjs', 'library', 'init', lib], { cwd: ROOT, env, timeout: STEP_LIMIT_MS });
  const child = spawn(process.execPath, ['bin/postframe.mjs', 'serve', '--library', lib, '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const link = await step(
    'postframe serve to print its link',
    new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Open (https?:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`postframe serve exited with ${code}:\n${out}`)));
      child.once('error', reject);
    }),
  );
  const url = new URL('/', link).toString();
  const setup = /#setup=([\w-]+)/.exec(link);
  if (setup) {
    const r = await postJson(url, '/auth/setup', { token: setup[1], name: OWNER.name, login: OWNER.login, password: OWNER.password });
    if (r.status !== 200) throw new Error(`bench: making the owner's account failed (${r.status}): ${JSON.stringify(r.json)}`);
  }
  return {
    child,
    url,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function postJson(url: string, pathname: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const origin = new URL(url).origin;
  const res = await fetch(new URL(pathname, origin), { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Signs `page` in as the bench's owner and opens the app (the sign-in's keys reach it through `#pf-keys=`). */
export async function openSignedIn(page: Page, host: Host): Promise<void> {
  const origin = new URL(host.url).origin;
  const r = await page.request.post(`${origin}/auth/login`, { data: { login: OWNER.login, password: OWNER.password }, headers: { Origin: origin } });
  if (r.status() !== 200) throw new Error(`bench: signing in failed (${r.status()}): ${await r.text()}`);
  const { keys } = (await r.json()) as { keys: { page: string; media: string } };
  await step('the app to open', page.goto(`${origin}/#pf-keys=${keys.page}.${keys.media}`));
}

/**
 * An API call over the page's own session, as the renderer makes it. The browser-side code is a string: the
 * benches are type-checked for Node, without the DOM's types.
 */
export async function api<T>(page: Page, call: string, input: unknown): Promise<T> {
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

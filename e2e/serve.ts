import { OWNER_LOGIN, openSignedIn, passwordOf, postAuth } from './accounts-kit';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { GOOD_DIR } from '../scripts/fixtures';
import { limitFor, settlesWithin, waitStep } from './limits';
import { killMediaProcessesOf, mediaProcessesOf } from './processes';

export type Server = {
  url: string;
  openUrl: string;
  libraryPath: string;
  home: string;
  /** A folder the browser may name by path (`--allow-folder`), when the server was started with one (the fixture's is). */
  shared: string | null;
  process: ChildProcess;
  /** What it has written to stderr so far. */
  stderr: () => string;
  /** Its exit code once it has exited (null when a signal ended it). */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Resolves with how and why, if the host exits without `stop()` (a crash): its exit and its last output. */
  died: Promise<string>;
};

/** Starts `postframe serve` (the real CLI) on a library and resolves once it prints its one-time link. */
export async function startServe(libraryPath: string, home: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const child = spawn(process.execPath, ['bin/postframe.mjs', 'serve', '--library', libraryPath, '--port', '0', ...extraArgs], {
    env: { ...process.env, POSTFRAME_HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  // Listened to from the start: an exit before the link is printed must not be missed.
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping = false;
  const died = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping) resolve(`postframe serve exited by itself (${signal ?? `code ${code}`}); its last output:\n${`${out}\n${err}`.trim().slice(-4000)}`);
    }),
  );
  const printed = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open (https?:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`postframe serve exited with ${code}:\n${out}\n${err}`)));
  });
  // It either prints its link or exits; a host that does neither is killed, and the failure says where it stopped.
  const openUrl = await settlesWithin(printed, limitFor({}), 'postframe serve to print its link').catch(async (e: unknown) => {
    if (child.exitCode !== null || child.signalCode !== null) throw e; // it exited: the error has its output
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${(e as Error).message}; its output so far:\n${out}\n${err}`);
  });
  // First start: the owner's account is made through the printed setup link, as a person would (e2e/accounts-kit.ts).
  const setup = /#setup=([\w-]+)/.exec(openUrl);
  if (setup) await createOwner(new URL('/', openUrl).toString(), setup[1]!);
  const allowAt = extraArgs.lastIndexOf('--allow-folder');
  return {
    url: new URL('/', openUrl).toString(),
    openUrl,
    libraryPath,
    home,
    shared: allowAt >= 0 ? (extraArgs[allowAt + 1] ?? null) : null,
    process: child,
    stderr: () => err,
    exited,
    died,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      // A host that does not finish closing within the limit is killed: a test never hangs on its clean-up.
      await settlesWithin(exited, limitFor({}), 'postframe serve to exit').catch(async () => {
        child.kill('SIGKILL');
        await exited;
      });
    },
  };
}

/** `postframe library init`: a synchronous child blocks the worker, so it carries its own limit. */
export function initLibrary(lib: string, home: string): void {
  execFileSync(process.execPath, ['bin/postframe.mjs', 'library', 'init', lib], { env: { ...process.env, POSTFRAME_HOME: home }, timeout: limitFor({}) });
}

/** Hosts a test starts itself (several, restarted, on libraries of its own): see the `hosts` fixture. */
export type Hosts = {
  /** The test's own temporary folder (removed after it): its libraries, their POSTFRAME_HOME, anything else. */
  dir: string;
  /** A fresh library (`postframe library init`) in `dir`, and the POSTFRAME_HOME beside it. */
  library(name?: string): { lib: string; home: string };
  /**
   * `postframe serve` on a library, stopped after the test. A host that exits by itself (a crash) closes the
   * test's pages, so the step waiting on one fails now, and fails the test with the host's exit and last output;
   * `mayExit` for a host the test makes exit.
   */
  start(lib: string, home: string, opts?: { args?: string[]; env?: NodeJS.ProcessEnv; mayExit?: boolean }): Promise<Server>;
};

type Fixtures = { server: Server; app: Page; consoleErrors: string[]; hosts: Hosts };

/**
 * `app` is a page signed in to a fresh library served by its own `postframe serve`. Console errors and page
 * crashes fail the test.
 */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-'));
    const lib = path.join(tmp, 'Library');
    const home = path.join(tmp, 'home');
    initLibrary(lib, home);
    // Browser mode names paths only in allowed folders: the fixtures (read by path in some specs) and a shared
    // folder (`server.shared`, e.g. for a delivery folder). Everything else arrives as uploads.
    const shared = path.join(tmp, 'shared');
    fs.mkdirSync(shared);
    const server = await startServe(lib, home, ['--allow-folder', GOOD_DIR, '--allow-folder', shared]);
    let death: string | null = null;
    void server.died.then((why) => (death = why));
    await use(server);
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    // A host that died during the test is the failure to report, whatever step was waiting on it.
    if (death) throw new Error(death);
  },
  hosts: async ({ context }, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-hosts-'));
    const home = path.join(dir, 'home');
    const libraries: string[] = [];
    const started: Server[] = [];
    const deaths: string[] = [];
    await use({
      dir,
      library(name = 'Library') {
        const lib = path.join(dir, name);
        initLibrary(lib, home);
        libraries.push(lib);
        return { lib, home };
      },
      async start(lib, hostHome, opts = {}) {
        const server = await startServe(lib, hostHome, opts.args ?? [], opts.env ?? {});
        started.push(server);
        if (!opts.mayExit) {
          void server.died.then((why) => {
            deaths.push(why);
            for (const p of context.pages()) void p.close().catch(() => undefined);
          });
        }
        return server;
      },
    });
    for (const server of started) await server.stop();
    // A failed test may leave an ffmpeg working on a library: stopped (by pid) before its folder is removed.
    if (process.platform === 'linux') {
      for (const lib of libraries) {
        killMediaProcessesOf(lib);
        await waitStep(`ffmpeg left on ${path.basename(lib)} is gone`, {}, (timeout) => expect.poll(() => mediaProcessesOf(lib).length, { timeout }).toBe(0));
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
    if (deaths.length > 0) throw new Error(deaths.join('\n\n'));
  },
  // eslint-disable-next-line no-empty-pattern
  consoleErrors: async ({}, use) => {
    await use([]);
  },
  app: async ({ page, server, consoleErrors }, use) => {
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    // If the host dies, nothing the page waits for can happen: close it so the waiting step fails now, and the
    // server fixture reports why the host died.
    void server.died.then(() => page.close().catch(() => undefined));
    await openSignedIn(page, server);
    await use(page);
    expect(consoleErrors, 'console errors').toEqual([]);
  },
});

/** Calls the API the way the renderer does, over the page's own WebSocket session (setup with no UI, crash tests). */
export async function callApi<T>(page: Page, call: string, input: unknown): Promise<T> {
  return page.evaluate(
    ([name, payload]) =>
      new Promise<T>((resolve, reject) => {
        // The page's key (renderer/src/api/hostKeys.ts keeps it in localStorage): the cookie alone opens no API.
        const key = (localStorage.getItem('postframe.hostKeys') ?? '').split('.')[0] ?? '';
        const ws = new WebSocket(`ws://${location.host}/api?key=${encodeURIComponent(key)}`);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, call: name, input: payload }));
        ws.onmessage = (e) => {
          const msg = JSON.parse(String(e.data)) as { type: string; id?: number; result?: { ok: boolean; value?: T; error?: { message: string } } };
          if (msg.type !== 'result' || msg.id !== 1) return;
          ws.close();
          if (msg.result?.ok) resolve(msg.result.value as T);
          else reject(new Error(msg.result?.error?.message ?? 'call failed'));
        };
        ws.onerror = () => reject(new Error('WebSocket failed'));
        // A host that dies or drops the socket before answering ends the call (a settled promise ignores this).
        ws.onclose = (e) => reject(new Error(`the host closed the API socket before answering ${name} (code ${e.code})`));
      }),
    [call, input] as const,
  );
}

/** Gives the owner (the library's first admin) a login through the first-start link's token. */
async function createOwner(url: string, token: string): Promise<void> {
  const r = await postAuth({ url }, '/auth/setup', { token, name: 'Owner', login: OWNER_LOGIN, password: passwordOf(OWNER_LOGIN) });
  if (r.status !== 200) throw new Error(`creating the owner's account failed (${r.status}): ${JSON.stringify(r.json)}`);
}

export { expect };

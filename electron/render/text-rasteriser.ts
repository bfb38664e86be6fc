import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkWorker } from '../media/fork-worker';
import { lastLine } from '../model/worker-end';
import { AppError, clause, errorCodes, type ErrorCode } from '../model/errors';
import type { CaptionAnchor, CaptionDrawRequest } from './caption-draw';
import type { Anchor, DrawRequest } from './text-draw';
import { fontsConf } from './fonts-conf';
import type { WorkerReply, WorkerRequest } from './text-worker';

/**
 * The library's text rasteriser: a child process (text-worker.ts) that draws every text layer with the fonts
 * fontconfig knew when it started. fontconfig (and so Pango and librsvg inside sharp) reads its configuration
 * once per process, and fonts registered later are not seen by librsvg (docs/fonts.md has what was tried), so:
 *  - the process is started on first use with FONTCONFIG_FILE → `<Library>/cache/fonts.conf` (fonts-conf.ts),
 *    which lists the bundled fonts and `<Library>/fonts`;
 *  - when the library's fonts change, `restart()` retires it: it finishes what it was drawing and exits, and the
 *    next layer starts a new one that sees the new fonts;
 *  - if it dies, what it was drawing fails with a clear error and the next call starts a new one;
 *  - `close()` (library closed, app quitting) kills it, and it exits by itself when its parent is gone.
 */

/** What runs the worker: Node's child_process.fork (CLI, serve, tests) or Electron's utilityProcess (electron/main). */
export type WorkerSpawner = (entry: WorkerEntry, env: NodeJS.ProcessEnv) => WorkerHandle;
export type WorkerEntry = { file: string; execArgv: string[] };
export interface WorkerHandle {
  send(m: WorkerRequest): void;
  onMessage(f: (m: WorkerReply) => void): void;
  /** Called once, however it ended (exit, spawn error), with what it said last on stderr if anything. */
  onExit(f: (why: string) => void): void;
  kill(): void;
}

export type TextRasteriserOptions = {
  /** Where the fontconfig file is written (`<Library>/cache/fonts.conf`). */
  confPath: string;
  libraryFontsDir: string;
  /** resources/fonts, or null when this install has none (a source checkout before `npm install`). */
  bundledFontsDir: string | null;
  /** The library's fonts (family, stored file) when the process starts: each family is made unambiguous in the conf. */
  libraryFonts: () => readonly { family: string; file: string }[];
  spawn?: WorkerSpawner;
  env?: NodeJS.ProcessEnv;
};

export class TextRasteriser {
  private current: Worker | null = null;
  private readonly retiring = new Set<Worker>();
  private closed = false;
  /** Processes started so far (tests check that a font change starts a new one). */
  starts = 0;

  constructor(private readonly opts: TextRasteriserOptions) {}

  draw(req: DrawRequest): Promise<Anchor> {
    return this.send({ req }).then((r) => {
      if (!r.anchor) throw new AppError('internal', 'The text renderer answered a text layer with something else. Try again.');
      return r.anchor;
    });
  }

  /** The states of one caption cue, drawn in the same process (the same fonts) as text layers. */
  drawCaption(caption: CaptionDrawRequest): Promise<CaptionAnchor[]> {
    return this.send({ caption }).then((r) => {
      if (!r.anchors) throw new AppError('internal', 'The text renderer answered a caption with something else. Try again.');
      return r.anchors;
    });
  }

  private send(payload: Payload): Promise<Answer> {
    if (this.closed) return Promise.reject(new AppError('library_unavailable', 'This library was closed while text was being drawn. Open it again and retry.'));
    let w = this.current;
    if (!w) {
      try {
        w = this.start();
      } catch (e) {
        return Promise.reject(e instanceof AppError ? e : new AppError('internal', `The text renderer could not start (${clause(String(e))}). Try again; if it keeps happening, restart Postframe.`));
      }
    }
    return w.request(payload);
  }

  /** The fonts changed: layers being drawn finish in the old process; the next one starts a process that sees the new fonts. */
  restart(): void {
    const old = this.current;
    this.current = null;
    if (old) {
      this.retiring.add(old);
      old.retire();
    }
  }

  close(): void {
    this.closed = true;
    for (const w of [this.current, ...this.retiring]) w?.kill();
    this.current = null;
    this.retiring.clear();
  }

  private start(): Worker {
    const o = this.opts;
    fs.mkdirSync(path.dirname(o.confPath), { recursive: true });
    fs.mkdirSync(o.libraryFontsDir, { recursive: true });
    const systemConf = fs.existsSync('/etc/fonts/fonts.conf') ? '/etc/fonts/fonts.conf' : null;
    const conf = fontsConf({ systemConf, bundledDir: o.bundledFontsDir, libraryDir: o.libraryFontsDir, cacheDir: freshCacheDir(path.join(path.dirname(o.confPath), 'fontconfig')), libraryFonts: o.libraryFonts() });
    const tmp = `${o.confPath}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, conf);
    fs.renameSync(tmp, o.confPath);
    const env = { ...(o.env ?? process.env), FONTCONFIG_FILE: o.confPath };
    const handle = (o.spawn ?? nodeSpawner)(workerEntry(), env);
    this.starts++;
    const w = new Worker(handle, () => {
      if (this.current === w) this.current = null;
      this.retiring.delete(w);
    });
    this.current = w;
    return w;
  }
}

/**
 * A new, empty fontconfig cache folder for each process, the earlier ones removed. fontconfig trusts a folder's
 * cache while the folder's modification time matches it to the second (sharp's fontconfig keeps no nanoseconds):
 * a font added in the same second as the last scan was not seen, and the new process drew the fallback. A fresh
 * cache costs one scan of the bundled and library fonts (the system's caches are still read from the system).
 */
function freshCacheDir(root: string): string {
  fs.mkdirSync(root, { recursive: true });
  for (const old of fs.readdirSync(root)) fs.rmSync(path.join(root, old), { recursive: true, force: true });
  return fs.mkdtempSync(path.join(root, 'p'));
}

type Payload = { req?: DrawRequest; caption?: CaptionDrawRequest };
type Answer = { anchor?: Anchor; anchors?: CaptionAnchor[] };

/** One worker process and the requests it has been sent. */
class Worker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  private retired = false;
  private ended = false;

  constructor(
    private readonly handle: WorkerHandle,
    private readonly onEnd: () => void,
  ) {
    handle.onMessage((m) => this.reply(m));
    handle.onExit((why) => this.exited(why));
  }

  request(payload: Payload): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      try {
        this.handle.send(payload.caption ? { id, caption: payload.caption } : { id, req: payload.req! });
      } catch (e) {
        this.pending.delete(id);
        reject(new AppError('internal', `The text renderer could not be reached (${clause(String(e))}). Try again.`));
      }
    });
  }

  retire(): void {
    this.retired = true;
    if (this.pending.size === 0) this.kill();
  }

  kill(): void {
    if (!this.ended) this.handle.kill();
  }

  private reply(m: WorkerReply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.ok) p.resolve({ anchor: m.anchor, anchors: m.anchors });
    else p.reject(new AppError(isErrorCode(m.error.code) ? m.error.code : 'internal', m.error.message));
    if (this.retired && this.pending.size === 0) this.kill();
  }

  private exited(why: string): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
    const detail = why ? ` (${clause(why)})` : '';
    for (const p of this.pending.values()) p.reject(new AppError('internal', `The text renderer stopped before it finished${detail}. Try again; the next attempt starts it anew.`));
    this.pending.clear();
  }
}

function isErrorCode(c: string): c is ErrorCode {
  return (errorCodes as readonly string[]).includes(c);
}

/**
 * Where the worker's code is: beside this module's source under tsx (tests, benchmarks), or `text-worker.js`
 * emitted as its own entry next to the bundle (out/cli, out/main; this module may sit in a chunks/ folder).
 */
export function workerEntry(): WorkerEntry {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return { file: path.join(path.dirname(here), 'text-worker.ts'), execArgv: ['--import', 'tsx'] };
  for (const dir of [path.dirname(here), path.dirname(path.dirname(here))]) {
    const file = path.join(dir, 'text-worker.js');
    if (fs.existsSync(file)) return { file, execArgv: [] };
  }
  throw new AppError('internal', 'This build of Postframe has no text renderer (text-worker.js is missing). Build it again (npm run build:cli) or reinstall Postframe.');
}

/** child_process.fork (electron/media/fork-worker.ts); stderr's last line says why it died. */
export const nodeSpawner: WorkerSpawner = (entry, env) => forkWorker<WorkerRequest, WorkerReply>(entry, { env, keepStderr: 2000, why: lastLine });

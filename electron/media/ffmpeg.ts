import { type ChildProcess, spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { AppError, clause } from '../model/errors';
import type { Binaries } from './binaries';
import type { ChildRegistry } from './child-registry';
import { type ProbeData, parseFfprobeOutput } from './probe';

export type FfprobeData = ProbeData;
export type Log = { debug(msg: string): void; error(msg: string): void };

export type RunOptions = {
  signal?: AbortSignal;
  /** Called with how far ffmpeg has got in the output (seconds), as it reports it on stderr. */
  onProgress?: (p: { seconds: number }) => void;
  /** Everything ffmpeg prints on stderr, as it comes (a filter's report, e.g. loudnorm's measurements). */
  onStderr?: (text: string) => void;
};

const quiet: Log = { debug: () => {}, error: () => {} };

/** Quotes an argument list into a command line a person can paste into a shell to reproduce a run. */
export function toCommandLine(bin: string, args: readonly string[]): string {
  return [bin, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Options every ffmpeg run gets: never read the terminal (a child must not steal keystrokes), overwrite. */
const FFMPEG_GLOBALS = ['-nostdin', '-y'];
/** stderr kept per process for the error message (ffmpeg's last words are at the end). */
const STDERR_TAIL_BYTES = 64 * 1024;
const MAX_STDOUT_BYTES = 256 * 1024 * 1024;

type Exit = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; error: Error | null };

type SpawnOptions = {
  signal?: AbortSignal;
  /** 'capture': collected and returned; 'pipe': handed to the caller; 'ignore'. */
  stdout: 'capture' | 'pipe' | 'ignore';
  /** The file it writes (recorded, so a sweep never removes a live child's part file). */
  output?: string | null;
  onStderr?: (text: string) => void;
  timeoutMs?: number;
};

/**
 * The one door to ffmpeg and ffprobe: every process, ffmpeg runs and ffprobe probes alike, is spawned here
 * (argument arrays, never a shell) and tracked until it exits, so cancelling a job or quitting stops them
 * all; each is recorded in the library's `run/children/` (child-registry.ts) while it runs, so one that a
 * crash left behind is killed when the library is opened again; every command is logged as a copyable line.
 */
export class MediaTools {
  private readonly children = new Set<ChildProcess>();

  constructor(
    readonly binaries: Binaries,
    private readonly log: Log = quiet,
    /** Where the children are recorded (a library's run/children); none in tests that need no crash clean-up. */
    private readonly registry: ChildRegistry | null = null,
  ) {}

  /** Processes started here that have not exited yet. */
  get runningCount(): number {
    return this.children.size;
  }

  /** Runs ffmpeg with `args` to completion; rejects with AppError('cancelled') when the signal aborts (process killed). */
  async run(args: readonly string[], options: RunOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    const { onProgress, onStderr } = options;
    let pending = '';
    const exit = await this.spawnTracked(this.binaries.ffmpeg, [...FFMPEG_GLOBALS, ...(onProgress ? ['-stats'] : []), ...args], {
      signal: options.signal,
      stdout: 'ignore',
      output: outputOf(args),
      onStderr: onProgress || onStderr
        ? (text) => {
            onStderr?.(text);
            if (!onProgress) return;
            // Stats lines end in '\r' while running; a chunk may end mid-line.
            const lines = (pending + text).split(/[\r\n]/);
            pending = lines.pop() ?? '';
            for (const line of lines) {
              const seconds = statsSeconds(line);
              if (seconds !== null) onProgress({ seconds });
            }
          }
        : undefined,
    }).exit;
    this.settle('ffmpeg', exit, options.signal);
  }

  /** Starts ffmpeg with its output piped to us (e.g. raw PCM on `pipe:1`); `done` settles when it exits. */
  stream(args: readonly string[], options: { signal?: AbortSignal } = {}): { output: Readable; done: Promise<void> } {
    if (options.signal?.aborted) return { output: Readable.from([]), done: Promise.reject(new AppError('cancelled', 'Cancelled.')) };
    const { child, exit } = this.spawnTracked(this.binaries.ffmpeg, [...FFMPEG_GLOBALS, ...args], { signal: options.signal, stdout: 'pipe' });
    const done = exit.then((e) => this.settle('ffmpeg', e, options.signal));
    // Nothing to read when it could not start: an ended stream, and `done` says why.
    return { output: child.stdout ?? Readable.from([]), done };
  }

  /** ffprobe's streams and format of a file (`-show_streams -show_format`). */
  async probe(file: string, options: { signal?: AbortSignal } = {}): Promise<FfprobeData> {
    throwIfAborted(options.signal);
    const exit = await this.spawnTracked(this.binaries.ffprobe, ['-show_streams', '-show_format', file], { signal: options.signal, stdout: 'capture' }).exit;
    this.settle('ffprobe', exit, options.signal);
    return parseFfprobeOutput(exit.stdout);
  }

  /**
   * Runs ffprobe with these arguments and resolves with what it printed: for questions `probe` does not ask
   * (packet lists). Rejects when ffprobe fails.
   */
  async probeRaw(args: readonly string[], options: { signal?: AbortSignal } = {}): Promise<string> {
    throwIfAborted(options.signal);
    const exit = await this.spawnTracked(this.binaries.ffprobe, args, { signal: options.signal, stdout: 'capture' }).exit;
    this.settle('ffprobe', exit, options.signal);
    return exit.stdout;
  }

  /**
   * ffprobe with arguments of our choosing; resolves with its standard output. A file that ends early still
   * yields what was read (ffprobe fails at the end, after printing it).
   */
  async ffprobeText(args: readonly string[], options: { signal?: AbortSignal } = {}): Promise<string> {
    throwIfAborted(options.signal);
    const exit = await this.spawnTracked(this.binaries.ffprobe, args, { signal: options.signal, stdout: 'capture' }).exit;
    if (options.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    if (failed(exit) && !exit.stdout) this.settle('ffprobe', exit, options.signal);
    return exit.stdout;
  }

  /**
   * Another media program (the speech aligner's pocketsphinx_continuous) run through the same door: tracked,
   * recorded in the library's run/children, killed by the signal or killAll. Resolves with its standard output;
   * rejects with AppError('cancelled') on abort, else an Error naming `what` and its last words on failure.
   */
  async runProgram(what: string, bin: string, args: readonly string[], options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string> {
    throwIfAborted(options.signal);
    const exit = await this.spawnTracked(bin, args, { signal: options.signal, stdout: 'capture', timeoutMs: options.timeoutMs }).exit;
    this.settle(what, exit, options.signal);
    return exit.stdout;
  }

  /** "5.1.9-0+deb12u1" or null when the binary does not run. */
  async version(): Promise<string | null> {
    const exit = await this.spawnTracked(this.binaries.ffmpeg, ['-hide_banner', '-version'], { stdout: 'capture', timeoutMs: 10_000 }).exit;
    return failed(exit) ? null : (/version (\S+)/.exec(exit.stdout)?.[1] ?? null);
  }

  /** Kills every process started here (quit, a fatal error, closing the library). */
  killAll(): void {
    for (const child of this.children) child.kill('SIGKILL');
  }

  /** Turns an exit into nothing (success) or the error to throw; logs real failures (not cancels). */
  private settle(what: string, exit: Exit, signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    if (!failed(exit)) return;
    const message = exit.error
      ? exit.error.message
      : exit.signal
        ? `${what} was killed with signal ${exit.signal}`
        : `${what} exited with code ${exit.code}`;
    this.log.error(`${what} failed: ${message}\n${lastLines(exit.stderr)}`);
    throw new Error(summarizeFfmpegError(message, exit.stderr));
  }

  /**
   * Spawns one process, tracked from spawn to exit: in `children` (killAll), in the library's registry (crash
   * clean-up), killed by the abort signal. `exit` never rejects; it settles once the process has exited and
   * its output is read (or it could not start). Callers check the signal first.
   */
  private spawnTracked(bin: string, args: readonly string[], o: SpawnOptions): { child: ChildProcess; exit: Promise<Exit> } {
    this.log.debug(toCommandLine(bin, args));
    const child = spawn(bin, [...args], { stdio: ['ignore', o.stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'], windowsHide: true });
    this.children.add(child);
    const forget = child.pid !== undefined && this.registry ? this.registry.add(child.pid, bin, args, o.output ?? null) : () => undefined;
    const exit = new Promise<Exit>((resolve) => {
      let stdout = '';
      let stdoutBytes = 0;
      let stderr = '';
      let error: Error | null = null;
      let exitCode: number | null = null;
      let exitSignal: NodeJS.Signals | null = null;
      const onAbort = () => child.kill('SIGKILL');
      o.signal?.addEventListener('abort', onAbort, { once: true });
      const timer = o.timeoutMs
        ? setTimeout(() => {
            error = new Error(`${bin} did not answer within ${o.timeoutMs! / 1000} s`);
            child.kill('SIGKILL');
          }, o.timeoutMs)
        : null;
      if (o.stdout === 'capture') {
        child.stdout?.setEncoding('utf8');
        child.stdout?.on('data', (text: string) => {
          stdoutBytes += Buffer.byteLength(text);
          if (stdoutBytes > MAX_STDOUT_BYTES) {
            error ??= new Error(`${bin} printed more than ${MAX_STDOUT_BYTES / 1024 / 1024} MB`);
            child.kill('SIGKILL');
          } else stdout += text;
        });
      }
      // A pipe that fails (or a reader that destroys it with an error) is this run's failure, never an unhandled
      // 'error' event that would take the whole process down; output that can no longer be read ends the run.
      child.stdout?.on('error', (e) => {
        error ??= e;
        child.kill('SIGKILL');
      });
      child.stderr?.on('error', (e) => {
        error ??= e;
      });
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (text: string) => {
        stderr = (stderr + text).slice(-STDERR_TAIL_BYTES);
        o.onStderr?.(text);
      });
      let gone = false;
      const done = () => {
        if (gone) return;
        gone = true;
        if (timer) clearTimeout(timer);
        o.signal?.removeEventListener('abort', onAbort);
        this.children.delete(child);
        forget();
        resolve({ code: exitCode, signal: exitSignal, stdout, stderr, error });
      };
      child.once('error', (e) => {
        // It never started (ENOENT, EACCES): there will be no exit.
        error ??= e;
        if (child.pid === undefined) done();
      });
      // 'close' comes after 'exit' and after stdout/stderr have ended, so everything printed is here.
      child.once('close', (code, sig) => {
        exitCode = code;
        exitSignal = sig;
        done();
      });
    });
    return { child, exit };
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
}

function failed(e: Exit): boolean {
  return e.error !== null || e.signal !== null || e.code !== 0;
}

/** The file an ffmpeg command line writes: its last argument, unless that is a pipe. */
function outputOf(args: readonly string[]): string | null {
  const last = args.at(-1);
  return last && !/^pipe:|^-$/.test(last) && !last.startsWith('-') ? last : null;
}

/** One ffmpeg stats line ("frame=… time=00:00:04.10 bitrate=…") → seconds written; null when it has none. */
export function statsSeconds(line: string): number | null {
  const m = /\btime=\s*(-?\d+:\d{2}:\d{2}(?:\.\d+)?)/.exec(line);
  if (!m) return null;
  const s = timemarkSeconds(m[1]!);
  return Number.isFinite(s) && s >= 0 ? s : null;
}

/** "00:01:02.50" (ffmpeg's timemark) → 62.5; NaN when unreadable. */
export function timemarkSeconds(mark: string): number {
  const m = /^(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(mark.trim());
  if (!m) return NaN;
  const s = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] ? -s : s;
}

function lastLines(text: string | null | undefined, n = 6): string {
  return (text ?? '').trim().split('\n').slice(-n).join('\n');
}

/**
 * ffmpeg's own last error line is usually the useful one ("moov atom not found", "Invalid data found…"). It is
 * returned as a clause, without its closing punctuation ("Conversion failed!" → "Conversion failed"), for the
 * caller's sentence to end.
 */
const SAYS_NOTHING = /^(Conversion failed!?|Error initializing output stream [\d:]+ --\s*|\d+ frames? left in the queue on closing)$/;

const ERRORISH = /error|could not|cannot|failed|invalid|no such|denied|no space|not found|unable|does not|unknown|unsupported/i;

export function summarizeFfmpegError(message: string, stderr: string | null | undefined): string {
  const all = (stderr ?? '')
    .split(/[\r\n]/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(frame=|size=|Stream mapping|Press \[q\]|\s*Metadata|Input #|Output #|ffmpeg version|ffprobe version|built with|configuration:|lib\w+\s+\d)/.test(l));
  // Lines that close a failed run and say nothing ("Conversion failed!", an output stream's empty "Error
  // initializing", frames dropped at closing) give way to the cause before them; encoders print statistics after
  // the error when a run stops ("Qavg: …"), so the last line that reads as an error is the cause.
  const lines = all.filter((l) => !SAYS_NOTHING.test(l.replace(/^\[[^\]]+\]\s*/, '')));
  const last = lines.findLast((l) => ERRORISH.test(l)) ?? lines.at(-1) ?? all.at(-1);
  // Drop "[mov,mp4 @ 0x…]" prefixes and the input's path: the user knows which file it was.
  const clean = (s: string) => s.replace(/^\[[^\]]+\]\s*/, '').replace(/^(?:[A-Za-z]:)?[\\/][^:]*:\s*/, '');
  return clause(last ? clean(last) : clean(message.replace(/^ffmpeg exited with code \d+:\s*/, '')));
}

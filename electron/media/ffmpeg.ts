import { type ChildProcess, execFile } from 'node:child_process';
import type { Readable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { AppError, errorMessage } from '../model/errors';
import type { Binaries } from './binaries';

export type FfprobeData = ffmpeg.FfprobeData;
export type FfmpegCommand = ffmpeg.FfmpegCommand;
export type Log = { debug(msg: string): void; error(msg: string): void };

export type RunOptions = {
  signal?: AbortSignal;
  /** Called with ffmpeg's progress as fluent-ffmpeg parses it from stderr. */
  onProgress?: (p: { timemark: string; percent?: number }) => void;
};

const quiet: Log = { debug: () => {}, error: () => {} };

/** Quotes an argument list into a command line a person can paste into a shell to reproduce a run. */
export function toCommandLine(bin: string, args: readonly string[]): string {
  return [bin, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * The one door to ffmpeg and ffprobe. Every process started here is in `running`, so cancelling a job or
 * quitting the app stops them all; every command is logged as a copyable command line.
 */
export class MediaTools {
  private readonly running = new Set<FfmpegCommand>();
  private readonly probes = new Set<ChildProcess>();

  constructor(
    readonly binaries: Binaries,
    private readonly log: Log = quiet,
  ) {}

  get runningCount(): number {
    return this.running.size;
  }

  /** A command bound to our binaries; pass it to `run` or `stream`. */
  command(input?: string): FfmpegCommand {
    const cmd = input === undefined ? ffmpeg() : ffmpeg(input);
    return cmd.setFfmpegPath(this.binaries.ffmpeg).setFfprobePath(this.binaries.ffprobe);
  }

  probe(file: string): Promise<FfprobeData> {
    return new Promise((resolve, reject) => {
      this.log.debug(toCommandLine(this.binaries.ffprobe, ['-show_streams', '-show_format', file]));
      this.command(file).ffprobe((err: unknown, data) => (err ? reject(err instanceof Error ? err : new Error(errorMessage(err))) : resolve(data)));
    });
  }

  /**
   * Runs ffprobe with these arguments and resolves with what it printed: for questions fluent-ffmpeg's
   * probe does not ask (packet lists). Tracked like ffmpeg runs, so killAll and the signal stop it.
   */
  probeRaw(args: readonly string[], options: { signal?: AbortSignal } = {}): Promise<string> {
    if (options.signal?.aborted) return Promise.reject(new AppError('cancelled', 'Cancelled.'));
    this.log.debug(toCommandLine(this.binaries.ffprobe, args));
    return new Promise((resolve, reject) => {
      const child = execFile(this.binaries.ffprobe, [...args], { maxBuffer: 256 * 1024 * 1024, signal: options.signal }, (err, stdout, stderr) => {
        this.probes.delete(child);
        if (options.signal?.aborted) reject(new AppError('cancelled', 'Cancelled.'));
        else if (err) reject(new Error(summarizeFfmpegError(err.message, stderr)));
        else resolve(stdout);
      });
      this.probes.add(child);
    });
  }

  /** Runs a command to completion; rejects with AppError('cancelled') when the signal aborts (process killed). */
  run(cmd: FfmpegCommand, options: RunOptions = {}): Promise<void> {
    if (options.signal?.aborted) return Promise.reject(new AppError('cancelled', 'Cancelled.'));
    cmd.on('progress', (p: { timemark: string; percent?: number }) => options.onProgress?.(p));
    const done = this.supervise(cmd, options.signal);
    cmd.run();
    return done;
  }

  /** Starts a command whose output is piped to us (e.g. raw PCM); `done` settles when ffmpeg exits. */
  stream(cmd: FfmpegCommand, options: { signal?: AbortSignal } = {}): { output: Readable; done: Promise<void> } {
    const output = cmd.pipe() as Readable;
    return { output, done: this.supervise(cmd, options.signal) };
  }

  /**
   * Registers a command as running until it exits; the abort signal kills it. Attached before ffmpeg is
   * spawned (fluent-ffmpeg spawns asynchronously), so no event is missed.
   */
  private supervise(cmd: FfmpegCommand, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => cmd.kill('SIGKILL');
      signal?.addEventListener('abort', onAbort, { once: true });
      const finish = (err?: Error) => {
        this.running.delete(cmd);
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) reject(new AppError('cancelled', 'Cancelled.'));
        else if (err) reject(err);
        else resolve();
      };
      cmd
        .on('start', (line: string) => this.log.debug(line))
        .on('end', () => finish())
        .on('error', (err: Error, _stdout: string | null, stderr: string | null) => {
          if (!signal?.aborted) this.log.error(`ffmpeg failed: ${err.message}\n${lastLines(stderr)}`);
          finish(new Error(summarizeFfmpegError(err.message, stderr)));
        });
      this.running.add(cmd);
    });
  }

  /**
   * ffprobe with arguments of our choosing (packet lists and the like, which fluent-ffmpeg does not parse);
   * resolves with its standard output. A file that ends early still yields what was read.
   */
  ffprobeText(args: readonly string[], options: { signal?: AbortSignal } = {}): Promise<string> {
    this.log.debug(toCommandLine(this.binaries.ffprobe, args));
    return new Promise((resolve, reject) => {
      execFile(this.binaries.ffprobe, [...args], { maxBuffer: 256 * 1024 * 1024, signal: options.signal }, (err, stdout, stderr) => {
        if (options.signal?.aborted) return reject(new AppError('cancelled', 'Cancelled.'));
        if (err && !stdout) return reject(new Error(summarizeFfmpegError(err.message, stderr)));
        resolve(stdout);
      });
    });
  }

  /** "5.1.9-0+deb12u1" or null when the binary does not run. */
  version(): Promise<string | null> {
    return new Promise((resolve) => {
      execFile(this.binaries.ffmpeg, ['-hide_banner', '-version'], { timeout: 10_000 }, (err, stdout) => {
        resolve(err ? null : (/version (\S+)/.exec(stdout)?.[1] ?? null));
      });
    });
  }

  killAll(): void {
    for (const cmd of this.running) cmd.kill('SIGKILL');
    this.running.clear();
    for (const child of this.probes) child.kill('SIGKILL');
    this.probes.clear();
  }
}

/** "00:01:02.50" (fluent-ffmpeg's timemark) → 62.5; NaN when unreadable. */
export function timemarkSeconds(mark: string): number {
  const m = /^(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(mark.trim());
  if (!m) return NaN;
  const s = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] ? -s : s;
}

function lastLines(text: string | null | undefined, n = 6): string {
  return (text ?? '').trim().split('\n').slice(-n).join('\n');
}

/** ffmpeg's own last error line is usually the useful one ("moov atom not found", "Invalid data found…"). */
export function summarizeFfmpegError(message: string, stderr: string | null | undefined): string {
  const lines = (stderr ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^(frame=|size=|Stream mapping|Press \[q\]|\s*Metadata|Input #|Output #|ffmpeg version|built with|configuration:|lib\w+\s+\d)/.test(l));
  const last = lines.at(-1);
  // Drop "[mov,mp4 @ 0x…]" prefixes and the input's path: the user knows which file it was.
  const clean = (s: string) => s.replace(/^\[[^\]]+\]\s*/, '').replace(/^(?:[A-Za-z]:)?[\\/][^:]*:\s*/, '');
  return last ? clean(last) : clean(message.replace(/^ffmpeg exited with code \d+:\s*/, ''));
}

/**
 * How a worker process's end reaches its owner (the text rasteriser, the speech recogniser), whatever starts it:
 * child_process.fork (media/fork-worker.ts) or Electron's utilityProcess (main/utility-worker.ts). The last
 * `keep` characters of its stderr are kept so a death says why; the owner hears the end once, however many of
 * exit, close, error or a failed send report it. Pure (no process here): both starters feed it what they see.
 */
export class WorkerEnd {
  private tail = '';
  private done = false;
  private listener: ((why: string) => void) | null = null;

  constructor(
    private readonly keep: number,
    /** Picks the line of the stderr tail that explains the end ('' when none does). */
    private readonly why: (stderrTail: string) => string,
  ) {}

  get ended(): boolean {
    return this.done;
  }

  /** A chunk of stderr (a Buffer or a string: anything that turns into text). */
  stderr(chunk: { toString(): string }): void {
    this.tail = (this.tail + chunk.toString()).slice(-this.keep);
  }

  /** The process is gone: the reason is what stderr says, else `how` (an exit code, a signal, a fatal error). */
  exited(how: string): void {
    this.end(this.why(this.tail) || how);
  }

  /** It ended for a reason known without stderr (it could not start, a send failed). Only the first end counts. */
  end(why: string): void {
    if (this.done) return;
    this.done = true;
    this.listener?.(why);
  }

  onEnd(f: (why: string) => void): void {
    this.listener = f;
  }
}

/** The last non-empty line (the text rasteriser's reason: sharp and librsvg say why last). */
export function lastLine(s: string): string {
  return s.trim().split('\n').filter(Boolean).pop() ?? '';
}

/** whisper.cpp logs a lot on stderr; the line that says why it stopped is the assertion or error, else the last. */
export function whisperStopLine(s: string): string {
  const lines = s.trim().split('\n').filter(Boolean);
  return lines.reverse().find((l) => /GGML_ASSERT|error|failed/i.test(l))?.replace(/^.*?(GGML_ASSERT)/, '$1') ?? lines[0] ?? '';
}

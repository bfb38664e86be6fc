import { describeError } from '../model/errors';

/**
 * Process-level last resorts for the long-lived front doors (`postframe serve`, the CLI, the Electron main).
 *
 * - An **unhandled rejection** is logged with its stack and the process keeps serving. A promise that rejected
 *   with nobody listening has already unwound: nothing was left half-done by the rejection itself, and the
 *   code that owned the work decided what to keep. Dying would cost every user their session and orphan the
 *   running exports for one forgotten `catch`.
 * - An **uncaught exception** is logged with its stack, and the process stops cleanly: every ffmpeg child is
 *   killed at once, each open library is closed (jobs cancelled, part files removed, SQLite closed) within a
 *   grace period, then it exits with code 1. A synchronous throw may have stopped any handler halfway through
 *   changing memory that nobody can check (a job queue, the sessions), and Node documents that resuming after
 *   one is unsafe; the library itself is safe (SQLite transactions roll back), and a restart is clean.
 */
export interface Closable {
  /** Kills every child process now (synchronous: it must happen even if nothing else can). */
  killChildren(): void;
  close(): Promise<void>;
}

export interface GuardOptions {
  /** Where the report goes (stderr). */
  write(text: string): void;
  exit(code: number): void;
  /** What is open right now (read when an exception arrives). */
  open(): Iterable<Closable>;
  /** How long closing may take before the process exits anyway. */
  graceMs?: number;
}

export const CLOSE_GRACE_MS = 10_000;

/** Installs the handlers; returns a function that removes them. */
export function installProcessGuards(o: GuardOptions): () => void {
  let stopping = false;
  const write = (text: string) => {
    try {
      o.write(text);
    } catch {
      // stderr is gone; nothing else to tell
    }
  };

  const onRejection = (reason: unknown) => {
    write(`postframe: an unhandled promise rejection (this is a bug; Postframe keeps running):\n${describeError(reason)}\n`);
  };

  const onException = (error: unknown, origin: string) => {
    if (stopping) {
      write(`postframe: another uncaught exception while stopping (${origin}):\n${describeError(error)}\n`);
      return;
    }
    stopping = true;
    write(`postframe: an uncaught exception (this is a bug); stopping ffmpeg, closing the library and exiting:\n${describeError(error)}\n`);
    const open = [...o.open()];
    for (const c of open) {
      try {
        c.killChildren();
      } catch (e) {
        write(`postframe: could not stop every ffmpeg process: ${describeError(e)}\n`);
      }
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Not unref'd: with the handler installed, an emptied event loop would otherwise exit with code 0.
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, o.graceMs ?? CLOSE_GRACE_MS)));
    const closed = Promise.all(open.map((c) => c.close().catch((e: unknown) => write(`postframe: closing the library failed: ${describeError(e)}\n`))));
    void Promise.race([closed, grace]).finally(() => {
      clearTimeout(timer);
      o.exit(1);
    });
  };

  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}

/**
 * Work nobody awaits (a timer's pass, a fire-and-forget delivery) must never end in an unhandled rejection:
 * Node ends the process on one, and a long-lived host with it. These helpers give such work somewhere to
 * report to, and make sure that reporting itself cannot throw (a broken logger once turned a logged failure
 * into a crash of `postframe serve`).
 */
export type LogFn = (message: string, error?: unknown) => void;

/** Last resort when a logger fails: stderr, which is always there. */
function lastResort(message: string, error: unknown, loggerError: unknown): void {
  try {
    console.error(`[postframe] ${message}`, error ?? '', '(the log itself failed:', loggerError, ')');
  } catch {
    // stderr is gone (closed pipe): nothing is left to tell.
  }
}

/** A logger that never throws: when `log` fails, the message goes to stderr instead. */
export function safeLog(log: LogFn): LogFn {
  return (message, error) => {
    try {
      log(message, error);
    } catch (e) {
      lastResort(message, error, e);
    }
  };
}

/** Runs `work` in the background: its rejection is logged as `what` (never thrown, never unhandled). */
export function inBackground(what: string, work: Promise<unknown>, log: LogFn): void {
  const report = safeLog(log);
  work.then(
    () => undefined,
    (e: unknown) => report(what, e),
  );
}

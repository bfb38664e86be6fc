import { test } from '@playwright/test';
import { slowness } from './slowness';

export { slowness };

/**
 * Time limits for e2e steps, derived from the work a step does and from how slow the machine is now, never a
 * speed the test hopes for. Tests wait for states and events; a limit only turns a hang into a failure that
 * names the step that ran out of time (`waitStep`), so the constants are generous (about 10× what the work
 * costs on a quiet machine): a passing run never waits for them. docs/architecture.md "How e2e tests wait".
 */
export type Work = {
  /** Seconds of media the step renders or encodes (an export's length, a take to finalize). */
  mediaSec?: number;
  /** Seconds of 1080×1920 video the step only decodes (a seek in the preview, a frame read back from an export). */
  decodeSec?: number;
  /** Files the step imports, probes or delivers. */
  files?: number;
  /** Megabytes the step moves beyond a small file's: uploaded, hashed, copied or read through (phone footage). */
  megabytes?: number;
  /** Library rows the step writes or reads in bulk (a seeded library, select all). */
  rows?: number;
  /** Seconds that pass by design (a countdown, a recording's length, a Retry-After): not scaled. */
  realSec?: number;
  /** The fixed part of the step (UI and API round trips, starting a process); default BASE_MS. */
  baseMs?: number;
};

/** The fixed part of a step: what the default expect timeout was on the machines the suite was tuned on. */
export const BASE_MS = 20_000;
/** One file imported: hash, probe, thumbnail or poster and waveform (about 1 s of CPU for a short clip on the 2-core CI box). */
export const PER_FILE_MS = 10_000;
/**
 * One second of media rendered or finalized by ffmpeg (about 1 s of CPU per second of 1080×1920 H.264 on the
 * 2-core CI box; the rest is room for the compiler's filters and two workers sharing the cores).
 */
export const PER_MEDIA_SEC_MS = 20_000;
/** One second of 1080×1920 H.264 decoded (about 0.3–0.5 s of CPU on the 2-core CI box, in ffmpeg or the browser). */
export const PER_DECODE_SEC_MS = 5_000;
/** One megabyte uploaded by the browser, hashed, stored and read again for a waveform (about 0.1 s on the 2-core CI box). */
export const PER_MB_MS = 1_000;
/** One library row seeded or read in bulk (about 0.5 ms of CPU per seeded asset on the 2-core CI box). */
export const PER_ROW_MS = 2;
/** The fixed part of a whole test: start a host, sign in, and a few dozen UI steps (each a round trip). */
export const TEST_BASE_MS = 120_000;

/** Milliseconds a step doing `work` may take on this machine now. */
export function limitFor(work: Work): number {
  const scaled =
    (work.baseMs ?? BASE_MS) +
    (work.files ?? 0) * PER_FILE_MS +
    (work.megabytes ?? 0) * PER_MB_MS +
    (work.rows ?? 0) * PER_ROW_MS +
    (work.mediaSec ?? 0) * PER_MEDIA_SEC_MS +
    (work.decodeSec ?? 0) * PER_DECODE_SEC_MS;
  return Math.round(scaled * slowness() + (work.realSec ?? 0) * 1000);
}

/** The work of several steps together, for a test's limit: each kind summed. */
export function allOf(...works: Work[]): Work {
  const sum: Work = {};
  for (const w of works) for (const k of Object.keys(w) as (keyof Work)[]) sum[k] = (sum[k] ?? 0) + (w[k] ?? 0);
  return sum;
}

/** A whole test's limit: its fixed part plus the work of its steps. */
export function testLimit(work: Work = {}): number {
  return limitFor({ ...work, baseMs: TEST_BASE_MS + (work.baseMs ?? 0) });
}

/** How a limit was made, for a failure message: "50 s = (20 s + 1 file × 10 s + 1 s of media × 20 s) × slowness 1.0". */
export function describeLimit(work: Work): string {
  const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const parts = [secs(work.baseMs ?? BASE_MS)];
  if (work.files) parts.push(`${work.files} file${work.files === 1 ? '' : 's'} × ${PER_FILE_MS / 1000} s`);
  if (work.megabytes) parts.push(`${work.megabytes} MB × ${PER_MB_MS / 1000} s`);
  if (work.rows) parts.push(`${work.rows} rows × ${PER_ROW_MS} ms`);
  if (work.mediaSec) parts.push(`${work.mediaSec} s of media × ${PER_MEDIA_SEC_MS / 1000} s`);
  if (work.decodeSec) parts.push(`${work.decodeSec} s decoded × ${PER_DECODE_SEC_MS / 1000} s`);
  const real = work.realSec ? ` + ${work.realSec} s that pass by design` : '';
  return `${secs(limitFor(work))} = (${parts.join(' + ')}) × slowness ${slowness().toFixed(1)}${real}`;
}

/**
 * A named step with a limit derived from its work. `body` gets the limit to pass to its expect/poll; when the
 * step fails by running out of time, the error starts with the step's name and how its limit was made.
 */
export async function waitStep<T>(name: string, work: Work, body: (timeout: number) => Promise<T>): Promise<T> {
  return test.step(name, async () => {
    try {
      return await body(limitFor(work));
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      if (/timed? ?out|timeout/i.test(err.message)) {
        err.message = `Step “${name}” ran out of time (limit ${describeLimit(work)}): ${err.message}`;
      }
      throw err;
    }
  });
}

/**
 * A promise that has no limit of its own (a receiver's next request, a process's output), given one: it
 * rejects with "timed out after N ms waiting for <what>" (which `waitStep` names) and clears its timer either way.
 */
export async function settlesWithin<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Retry timing for deliveries that may be sent again ('retry' outcomes): exponential backoff with "equal jitter"
 * (AWS Architecture Blog, "Exponential Backoff And Jitter": half the delay fixed, half random), so many posts
 * failing together do not come back together, yet each waits at least half its step. Pure: the random source is a parameter.
 */
export const BACKOFF = { baseMs: 2_000, capMs: 5 * 60_000, maxAttempts: 6 } as const;

/**
 * Milliseconds to wait after failed attempt number `attempt` (1 = the first send), or null when that was the
 * last attempt allowed. A server's Retry-After wins when it asks for longer than the jittered delay (it knows
 * its own load), but is still bounded by the cap so one bad header cannot park a post for days.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | null = null,
  random: () => number = Math.random,
  opts: { baseMs: number; capMs: number; maxAttempts: number } = BACKOFF,
): number | null {
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`attempt must be a whole number ≥ 1 (got ${attempt})`);
  if (attempt >= opts.maxAttempts) return null;
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** (attempt - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  const jittered = Math.round(ceiling / 2 + (r * ceiling) / 2);
  const wanted = retryAfterMs != null && retryAfterMs > jittered ? retryAfterMs : jittered;
  return Math.min(wanted, opts.capMs);
}

/** Parses an HTTP Retry-After value (delta-seconds or an HTTP-date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP-date always names a weekday and month; Date.parse alone would read "-5" as a year.
  const at = /[a-z]{3}/i.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

import type { TrackKind } from '../../../../../electron/model/draft';

/**
 * A per-draw trace of the preview while it plays, for finding which layer is late and why
 * (`npx tsx scripts/bench/preview-trace.ts`, docs/performance.md "The trace tool"). Off unless the page asks for
 * it before the preview opens: `window.__pfPreviewTrace = []` (the engine pushes into that array) or
 * `?previewTrace=1` in the page's address (then it is created). Read once per engine, so off costs a null check.
 */
export type TraceLayer = {
  track: TrackKind;
  clip: string;
  /** The clip's start on the timeline. */
  clipStart: number;
  /** Whether the held picture counted as current (within 1.5 frames of `want`). */
  current: boolean;
  /** The held picture's media time (null: no picture yet), and the source time wanted. */
  held: number | null;
  /** Media time of the element's last presented frame (null: none yet, or no requestVideoFrameCallback). */
  presented: number | null;
  want: number;
  currentTime: number;
  seeking: boolean;
  readyState: number;
  rate: number;
  paused: boolean;
};

export type TraceRow = { now: number; t: number; playing: boolean; ready: boolean; layers: TraceLayer[] };

type TraceWindow = { __pfPreviewTrace?: unknown; location?: { search: string } };

export function traceSink(): TraceRow[] | null {
  const w = globalThis as TraceWindow;
  if (Array.isArray(w.__pfPreviewTrace)) return w.__pfPreviewTrace as TraceRow[];
  if (!w.location || !new URLSearchParams(w.location.search).has('previewTrace')) return null;
  const rows: TraceRow[] = [];
  w.__pfPreviewTrace = rows;
  return rows;
}

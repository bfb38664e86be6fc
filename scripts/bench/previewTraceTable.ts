import type { TraceRow } from '../../renderer/src/features/editor/preview/previewTrace';

/**
 * Why the frames of a played span that were never shown current were not (scripts/bench/preview-trace.ts).
 * For every such frame, the draw of it with the fewest late layers says which layer was late and why:
 * - `startOfPlay`: an element ≥ 1 frame behind the wanted time within 1.5 s of Play;
 * - `afterStall`: the same within 2 s after an animation-frame gap over 50 ms (a whole-page stall);
 * - `clipStart`: the same within 1.5 s of the late layer's clip start;
 * - `behind`: the same otherwise; `ahead`: an element ≥ 1 frame ahead of the wanted time;
 * - `pictureLate`: the element in step (within a frame) but its held picture late;
 * - `noPicture`: no held picture yet; `noDraw`: the frame was never drawn; `other`: a title or caption not ready.
 */
export type Cause = 'startOfPlay' | 'afterStall' | 'clipStart' | 'behind' | 'ahead' | 'pictureLate' | 'noPicture' | 'noDraw' | 'other';
export const CAUSES: readonly Cause[] = ['startOfPlay', 'afterStall', 'clipStart', 'behind', 'ahead', 'pictureLate', 'noPicture', 'noDraw', 'other'];

export type TraceTable = {
  frames: number;
  shown: number;
  byCause: Record<Cause, number>;
  /** Which layer was late: the main track, another (the picture-in-picture), both, or no draw at all. */
  byLayer: { main: number; other: number; both: number; noDraw: number };
};

const START_SEC = 1.5;
const STALL_MS = 50;
const AFTER_STALL_MS = 2000;

export function traceTable(rows: readonly TraceRow[], ticks: readonly number[], fps: number, endSec: number): TraceTable {
  const playing = rows.filter((r) => r.playing && r.t > 0 && r.t < endSec - 1 / fps);
  const frameOf = (t: number) => Math.floor(t * fps + 1e-6);
  const byCause = Object.fromEntries(CAUSES.map((c) => [c, 0])) as Record<Cause, number>;
  const byLayer = { main: 0, other: 0, both: 0, noDraw: 0 };
  if (playing.length === 0) return { frames: 0, shown: 0, byCause, byLayer };
  const startT = playing[0]!.t;
  const first = frameOf(startT);
  const last = frameOf(playing.at(-1)!.t);
  const stalls = ticks.filter((t, i) => i > 0 && t - ticks[i - 1]! > STALL_MS);
  const draws = new Map<number, TraceRow[]>();
  for (const r of playing) draws.set(frameOf(r.t), [...(draws.get(frameOf(r.t)) ?? []), r]);
  let shown = 0;
  for (let f = first; f <= last; f++) {
    const of = draws.get(f) ?? [];
    if (of.some((r) => r.ready)) {
      shown++;
      continue;
    }
    if (of.length === 0) {
      byCause.noDraw++;
      byLayer.noDraw++;
      continue;
    }
    const best = of.reduce((a, b) => (late(b).length < late(a).length ? b : a));
    const lateLayers = late(best);
    const main = lateLayers.some((l) => l.track === 'main');
    const others = lateLayers.some((l) => l.track !== 'main');
    if (main && others) byLayer.both++;
    else if (main) byLayer.main++;
    else if (others) byLayer.other++;
    byCause[causeOf(best, lateLayers[0], startT, stalls, fps)]++;
  }
  return { frames: last - first + 1, shown, byCause, byLayer };
}

const late = (r: TraceRow) => r.layers.filter((l) => !l.current);

function causeOf(r: TraceRow, layer: TraceRow['layers'][number] | undefined, startT: number, stalls: number[], fps: number): Cause {
  if (!layer) return 'other';
  if (layer.held === null) return 'noPicture';
  const behindFrames = ((layer.want - layer.currentTime) * fps) / Math.max(layer.rate, 1e-3);
  if (behindFrames <= -1) return 'ahead';
  if (behindFrames < 1) return 'pictureLate';
  if (r.t - startT < START_SEC) return 'startOfPlay';
  if (stalls.some((s) => s <= r.now && r.now - s < AFTER_STALL_MS)) return 'afterStall';
  if (r.t - layer.clipStart < START_SEC) return 'clipStart';
  return 'behind';
}

export function formatTraceTable(label: string, load: number, x: TraceTable): string {
  const dropped = x.frames ? (((x.frames - x.shown) / x.frames) * 100).toFixed(1) : '–';
  const c = x.byCause;
  const l = x.byLayer;
  return `| ${label} | ${load} | ${x.shown} of ${x.frames} | ${dropped} % | ${l.main} / ${l.other} / ${l.both} / ${l.noDraw} | ${c.startOfPlay} | ${c.afterStall} | ${c.clipStart} | ${c.behind} | ${c.ahead} | ${c.pictureLate} | ${c.noPicture} | ${c.noDraw} | ${c.other} |`;
}

export const TRACE_TABLE_HEAD = [
  '| trace | load | frames shown current | dropped | late layer (main / other / both / no draw) | element behind: start of play | after a stall | clip start | otherwise | element ahead | in step, picture late | no picture | not drawn | title or captions |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
].join('\n');

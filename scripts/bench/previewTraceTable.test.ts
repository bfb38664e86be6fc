import { describe, expect, it } from 'vitest';
import type { TraceLayer, TraceRow } from '../../renderer/src/features/editor/preview/previewTrace';
import { traceTable } from './previewTraceTable';

const FPS = 30;
const layer = (track: 'main' | 'overlay', want: number, currentTime: number, held: number | null, clipStart = 0): TraceLayer => ({
  track,
  clip: track,
  clipStart,
  current: held !== null && Math.abs(held - want) <= 1.5 / FPS,
  held,
  presented: held,
  want,
  currentTime,
  seeking: false,
  readyState: 4,
  rate: 1,
  paused: false,
});
const row = (t: number, now: number, layers: TraceLayer[]): TraceRow => ({ now, t, playing: true, ready: layers.every((l) => l.current), layers });

describe('the preview trace table', () => {
  it('counts shown frames and says why the others were not', () => {
    const rows = [
      // Frame 1 (start of play): the main element 3 frames behind.
      row(1.1 / FPS, 10, [layer('main', 1 / FPS, -2 / FPS, -2 / FPS), layer('overlay', 0, 0, 0)]),
      // Frame 2: shown.
      row(2.1 / FPS, 40, [layer('main', 2 / FPS, 2 / FPS, 2 / FPS)]),
      // Frame 3: not drawn. Frame 60 (2 s): the overlay in step but its picture late, drawn twice (the better draw counts).
      row(60.1 / FPS, 2000, [layer('main', 2, 2, 2 - 3 / FPS), layer('overlay', 2, 2, null)]),
      row(60.2 / FPS, 2010, [layer('main', 2, 2, 2), layer('overlay', 2, 2, 2 - 3 / FPS)]),
      // Frame 61: both behind, 1.7 s after a 120 ms stall that ended at 300 ms, after the clip start at 0.
      row(61.1 / FPS, 2030, [layer('main', 2, 2 - 4 / FPS, 2 - 4 / FPS), layer('overlay', 2, 2 - 4 / FPS, 2 - 4 / FPS)]),
      // Frame 90 (3 s): the overlay 3 frames ahead.
      row(90.1 / FPS, 3000, [layer('main', 3, 3, 3), layer('overlay', 1, 1.1, 1.1)]),
      // Frame 120 (4 s): the overlay behind 0.5 s after its clip started at 3.5 s.
      row(120.1 / FPS, 4000, [layer('main', 4, 4, 4), layer('overlay', 1, 0.8, 0.8, 3.5)]),
    ];
    const x = traceTable(rows, [0, 180, 300, 316, 333], FPS, 9);
    expect(x.frames).toBe(120);
    expect(x.shown).toBe(1);
    expect(x.byCause).toMatchObject({ startOfPlay: 1, pictureLate: 1, afterStall: 1, clipStart: 1, ahead: 1, noPicture: 0 });
    // Every frame from 3 to 119 but 60, 61 and 90 was never drawn.
    expect(x.byCause.noDraw).toBe(120 - 1 - 5);
    expect(x.byLayer).toEqual({ main: 1, other: 3, both: 1, noDraw: 114 });
  });
});

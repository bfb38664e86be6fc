import { describe, expect, it } from 'vitest';
import { VIEWS_KEPT, viewFrom, withView } from './timelineViewMemory';

describe('timeline view memory', () => {
  it('keeps a view per draft, the latest for each', () => {
    let raw = withView(null, 'd1', { pxPerSec: 300, scrollLeft: 1200 });
    raw = withView(raw, 'd2', { pxPerSec: 40, scrollLeft: 0 });
    raw = withView(raw, 'd1', { pxPerSec: 500, scrollLeft: 90 });
    expect(viewFrom(raw, 'd1')).toEqual({ pxPerSec: 500, scrollLeft: 90 });
    expect(viewFrom(raw, 'd2')).toEqual({ pxPerSec: 40, scrollLeft: 0 });
    expect(viewFrom(raw, 'd3')).toBeNull();
  });

  it('forgets the draft looked at longest ago past VIEWS_KEPT', () => {
    let raw: string | null = null;
    for (let i = 0; i <= VIEWS_KEPT; i++) raw = withView(raw, `d${i}`, { pxPerSec: 80, scrollLeft: i });
    expect(viewFrom(raw, 'd0')).toBeNull();
    expect(viewFrom(raw, `d${VIEWS_KEPT}`)).toEqual({ pxPerSec: 80, scrollLeft: VIEWS_KEPT });
  });

  it('reads anything malformed as nothing, and writes over it', () => {
    for (const raw of [null, '', '{', 'null', '{}', '[["d1"]]', '[["d1",{"pxPerSec":"80","scrollLeft":0}]]', '[["d1",{"pxPerSec":-1,"scrollLeft":0}]]', '[["d1",{"pxPerSec":80,"scrollLeft":-5}]]'])
      expect(viewFrom(raw, 'd1')).toBeNull();
    expect(viewFrom(withView('{', 'd1', { pxPerSec: 80, scrollLeft: 3 }), 'd1')).toEqual({ pxPerSec: 80, scrollLeft: 3 });
  });
});

import { describe, expect, it } from 'vitest';
import { newVideoDraft, type VideoDraft } from '../../../../../electron/model/draft';
import { newMediaClip } from '../../../../../electron/model/timeline';
import { reversingAt } from './reversingLogic';

let n = 0;
const idFor = (p: string) => `${p}-${n++}`;

/** A 30 fps draft: a reversed video on main (0–4 s), the same video reversed on the overlay (1–3 s), a forwards one after. */
function draft(): VideoDraft {
  const d = newVideoDraft('Rev', '9:16', 30, idFor);
  const [main, overlay] = d.tracks;
  main!.clips.push({ ...newMediaClip({ id: 'v', kind: 'video', durationSec: 4 }, 0, idFor), id: 'rev', reversed: true });
  main!.clips.push({ ...newMediaClip({ id: 'w', kind: 'video', durationSec: 2 }, 4, idFor), id: 'fwd' });
  overlay!.clips.push({ ...newMediaClip({ id: 'v', kind: 'video', durationSec: 2 }, 1, idFor), id: 'rev2', reversed: true });
  return d;
}

describe('reversingAt', () => {
  it('names a reversed clip at the playhead whose copy is not ready, once per asset', () => {
    const d = draft();
    expect(reversingAt(d, 0.5, {})).toEqual([{ clipId: 'rev', assetId: 'v' }]);
    expect(reversingAt(d, 2, {})).toEqual([{ clipId: 'rev', assetId: 'v' }]);
  });
  it('says nothing once the copy is ready, for forwards clips, or on a hidden track', () => {
    const d = draft();
    expect(reversingAt(d, 0.5, { v: true })).toEqual([]);
    expect(reversingAt(d, 5, {})).toEqual([]);
    const hidden = { ...d, tracks: d.tracks.map((t) => (t.kind === 'main' ? { ...t, hidden: true } : t)) };
    expect(reversingAt(hidden, 0.5, {})).toEqual([]);
    expect(reversingAt(hidden, 2, {})).toEqual([{ clipId: 'rev2', assetId: 'v' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { type MediaClip, newVideoDraft, type VideoDraft, VideoDraft as VideoDraftSchema } from './draft';
import type { SourceFacts, SourceInfo } from './timeline';
import { placeVoiceover } from './voiceover';

const assets: Record<string, SourceFacts & { id: string }> = {
  vo1: { id: 'vo1', kind: 'audio', durationSec: 2.5 },
  vo2: { id: 'vo2', kind: 'audio', durationSec: 1 },
  vo3: { id: 'vo3', kind: 'audio', durationSec: 0.8 },
  cam: { id: 'cam', kind: 'video', durationSec: 4 },
};
const info: SourceInfo = (id) => assets[id];

function fresh(): { draft: VideoDraft; idFor: (p: string) => string } {
  let n = 0;
  const idFor = (p: string) => `${p}-${++n}`;
  return { draft: newVideoDraft('Narrated', '9:16', 30, idFor), idFor };
}

const voiceTracks = (d: VideoDraft) => d.tracks.filter((t) => t.kind === 'audio' && t.role === 'voiceover');
const clipsOf = (d: VideoDraft, trackName: string) => d.tracks.find((t) => t.name === trackName)!.clips as MediaClip[];

function place(d: VideoDraft, id: string, at: number, idFor: (p: string) => string): VideoDraft {
  const r = placeVoiceover(d, assets[id]!, at, info, idFor);
  if (!r.ok) throw new Error(r.message);
  expect(VideoDraftSchema.safeParse(r.draft).success).toBe(true);
  return r.draft;
}

describe('placeVoiceover', () => {
  it('lands the take on the Voiceover track at the time recording started, whole', () => {
    const { draft, idFor } = fresh();
    const next = place(draft, 'vo1', 1.5, idFor);
    expect(clipsOf(next, 'Voiceover')).toMatchObject([{ assetId: 'vo1', start: 1.5, in: 0, out: 2.5, speed: 1, volume: 1 }]);
    // Everything else is the same object: only the voiceover track changed.
    next.tracks.forEach((t, i) => {
      if (t.name !== 'Voiceover') expect(t).toBe(draft.tracks[i]);
    });
  });

  it('snaps the start to the canvas frame grid', () => {
    const { draft, idFor } = fresh();
    const next = place(draft, 'vo2', 1.01, idFor);
    expect(clipsOf(next, 'Voiceover')[0]!.start).toBe(30 / 30);
    expect(clipsOf(place(draft, 'vo2', 1.02, idFor), 'Voiceover')[0]!.start).toBe(31 / 30);
  });

  it('never slides a take later: a busy time gets a new voiceover track at the same time', () => {
    const { draft, idFor } = fresh();
    let d = place(draft, 'vo1', 1, idFor); // 1 … 3.5
    d = place(d, 'vo2', 2, idFor); // overlaps → Voiceover 2 at 2
    expect(voiceTracks(d).map((t) => t.name)).toEqual(['Voiceover', 'Voiceover 2']);
    expect(clipsOf(d, 'Voiceover 2')).toMatchObject([{ assetId: 'vo2', start: 2 }]);
    // The new track sits right after the other voiceover track, with no ducking of its own.
    expect(d.tracks.map((t) => t.name)).toEqual(['Main', 'Overlay', 'Text', 'Music', 'Voiceover', 'Voiceover 2']);
    expect(voiceTracks(d)[1]).toMatchObject({ role: 'voiceover', ducking: null, muted: false });
    // A take that fits in a gap of the first track goes there.
    d = place(d, 'vo3', 0, idFor); // 0 … 0.8, before the first take
    expect(clipsOf(d, 'Voiceover').map((c) => [c.assetId, c.start])).toEqual([
      ['vo3', 0],
      ['vo1', 1],
    ]);
  });

  it('makes a voiceover track when the draft has none', () => {
    const { draft, idFor } = fresh();
    const bare = { ...draft, tracks: draft.tracks.filter((t) => t.role !== 'voiceover') };
    const d = place(bare, 'vo2', 0.5, idFor);
    expect(voiceTracks(d)).toHaveLength(1);
    expect(voiceTracks(d)[0]).toMatchObject({ name: 'Voiceover', clips: [{ assetId: 'vo2', start: 0.5 }] });
  });

  it('refuses what is not a sound recording, and a draft with no room for another track', () => {
    const { draft, idFor } = fresh();
    expect(placeVoiceover(draft, assets.cam!, 0, info, idFor)).toMatchObject({ ok: false, reason: 'wrong_track' });
    let d = place(draft, 'vo1', 0, idFor);
    const filler = { ...d.tracks[0]!, kind: 'overlay' as const, name: 'Filler', clips: [] };
    d = { ...d, tracks: [...d.tracks, ...Array.from({ length: 32 - d.tracks.length }, (_, i) => ({ ...filler, id: `filler-${i}` }))] };
    expect(placeVoiceover(d, assets.vo2!, 1, info, idFor)).toMatchObject({ ok: false, reason: 'track_busy' });
  });
});

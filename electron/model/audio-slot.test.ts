import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipEnd, draftDuration, newVideoDraft, type Fps, type VideoDraft } from './draft';
import { insertClip, newMediaClip, type SourceInfo } from './timeline';
import { audioSlot } from './audio-slot';

let seq = 0;
const idFor = (p: string) => `${p}-${++seq}`;
const info: SourceInfo = () => ({ kind: 'audio', durationSec: 600 });

/** A draft with a video from 0 to `videoSec` and sounds over the given [start, end) spans on Music and Voiceover. */
function draft(videoSec: number, music: Array<[number, number]> = [], voice: Array<[number, number]> = [], fps: Fps = 30): VideoDraft {
  const d = newVideoDraft('t', '9:16', fps, idFor);
  const main = d.tracks[0]!;
  const [mus, vo] = d.tracks.filter((t) => t.kind === 'audio');
  if (videoSec > 0) main.clips.push({ ...newMediaClip({ id: 'v', kind: 'video', durationSec: videoSec }, 0, idFor), out: videoSec });
  for (const [s, e] of music) mus!.clips.push({ ...newMediaClip({ id: 'm', kind: 'audio', durationSec: e - s }, s, idFor), out: e - s });
  for (const [s, e] of voice) vo!.clips.push({ ...newMediaClip({ id: 'o', kind: 'audio', durationSec: e - s }, s, idFor), out: e - s });
  return d;
}
const where = (d: VideoDraft, playhead: number, sec: number, voice = false) => {
  const s = audioSlot(playhead, d, sec, { voice })!;
  const track = d.tracks.find((t) => t.id === s.trackId)!.name;
  return [track, s.start, s.atPlayhead, s.lengthens];
};
const onVoice = (d: VideoDraft, playhead: number, sec: number, voice = false) => audioSlot(playhead, d, sec, { voice })!.onVoiceTrack;

describe('audioSlot', () => {
  it('the walk: a 4 s voice with 12 s music under a 12 s video goes on the Voiceover track at the playhead, not after the music', () => {
    expect(where(draft(12, [[0, 12]]), 3, 4)).toEqual(['Voiceover', 3, true, false]);
  });
  it('goes on Music at the playhead when it has room there', () => {
    expect(where(draft(12), 2, 4)).toEqual(['Music', 2, true, false]);
    expect(where(draft(12, [[0, 1]]), 2, 4)).toEqual(['Music', 2, true, false]);
  });
  it('says when a sound that is not a recorded voiceover lands on the Voiceover track (the export counts it as voice)', () => {
    expect(onVoice(draft(12, [[0, 12]]), 3, 4)).toBe(true);
    expect(onVoice(draft(12), 2, 4)).toBe(false);
    expect(onVoice(draft(12), 2, 4, true)).toBe(false);
  });
  it('a voiceover recording tries the Voiceover track first', () => {
    expect(where(draft(12), 2, 4, true)).toEqual(['Voiceover', 2, true, false]);
    expect(where(draft(12, [], [[0, 12]]), 2, 4, true)).toEqual(['Music', 2, true, false]);
  });
  it('is never cut: with too little room at the playhead it ends by the gap’s end, or goes to the nearest room', () => {
    // 12 s video, playhead at 10: a 4 s sound ends at 12, starting at 8.
    expect(where(draft(12), 10, 4)).toEqual(['Music', 8, false, false]);
    // Both tracks busy at the playhead: the nearest gap with room.
    expect(where(draft(20, [[0, 10]], [[0, 6], [10, 20]]), 3, 4)).toEqual(['Voiceover', 6, false, false]);
  });
  it('lengthens the video only when no audio track has room within it, the least it can', () => {
    expect(where(draft(12, [[0, 12]], [[0, 10]]), 3, 4)).toEqual(['Voiceover', 10, false, true]);
    expect(where(draft(2), 0, 4)).toEqual(['Music', 0, true, true]);
    expect(where(draft(0), 0, 4)).toEqual(['Music', 0, true, true]);
  });
  it('null without an audio track', () => {
    const d = draft(5);
    expect(audioSlot(0, { ...d, tracks: d.tracks.filter((t) => t.kind !== 'audio') }, 3)).toBeNull();
  });
  it('property: inserted there, the sound overlaps nothing, keeps its length, and lengthens the video only when no track had room', () => {
    const span = fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 3, max: 200 }));
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 900 }),
        fc.array(span, { maxLength: 5 }),
        fc.array(span, { maxLength: 5 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: -30, max: 1000 }),
        fc.boolean(),
        (videoF, music, voice, lenF, playF, isVoice) => {
          const fps: Fps = 30;
          let d = draft(videoF / fps, [], [], fps);
          const [mus, vo] = d.tracks.filter((t) => t.kind === 'audio').map((t) => t.id);
          for (const [track, spans] of [[mus!, music], [vo!, voice]] as const)
            for (const [s, l] of spans) {
              const r = insertClip(d, track, { ...newMediaClip({ id: 'a', kind: 'audio', durationSec: l / fps }, s / fps, idFor), out: l / fps }, s / fps, info);
              if (r.ok) d = r.draft;
            }
          const before = draftDuration(d);
          const sec = lenF / fps;
          const slot = audioSlot(playF / fps, d, sec, { voice: isVoice })!;
          const clip = { ...newMediaClip({ id: 'n', kind: 'audio', durationSec: sec }, slot.start, idFor), out: sec };
          const track = d.tracks.find((t) => t.id === slot.trackId)!;
          const overlaps = track.clips.some((c) => c.start < slot.start + sec - 1e-6 && slot.start < clipEnd(c) - 1e-6);
          expect(overlaps).toBe(false);
          const r = insertClip(d, slot.trackId, clip, slot.start, info);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const added = r.draft.tracks.find((t) => t.id === slot.trackId)!.clips.find((c) => c.id === clip.id)!;
          expect(added.start).toBeCloseTo(slot.start, 6);
          if (!slot.lengthens) expect(draftDuration(r.draft)).toBeCloseTo(before, 6);
        },
      ),
      { numRuns: 300 },
    );
  });
});

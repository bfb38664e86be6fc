import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipEnd, defaultTextStyle, defaultTransform, draftDuration, newVideoDraft, type MediaClip, type TextClip, type VideoDraft } from './draft';
import { endTitlesWithFootage, endWithPicture, footageEnd, pictureEnd, soundPastPicture, titlesPastFootage } from './sound-tail';
import type { SourceInfo } from './timeline';

const FPS = 30;
/** Every asset is a long video or song: the source never limits a trim here. */
const info: SourceInfo = (id) => ({ kind: id.startsWith('song') ? 'audio' : 'video', durationSec: 600 });
const frames = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((f) => f / FPS);

function media(id: string, assetId: string, start: number, len: number, speed = 1): MediaClip {
  return { id, type: 'media', assetId, start, in: 0, out: len * speed, speed, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null };
}
const title = (id: string, start: number, duration: number): TextClip => ({ id, type: 'text', start, duration, text: 'Hi', style: defaultTextStyle, x: 0.5, y: 0.5, maxWidth: 0.8, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null });

/** A draft: back-to-back main clips, maybe a title, and songs laid one after another on the music track. */
const draftArb = fc
  .record({
    main: fc.array(frames(1, 150), { maxLength: 4 }),
    titleAt: fc.option(fc.tuple(frames(0, 200), frames(3, 90))),
    songs: fc.array(fc.record({ gap: frames(0, 120), len: frames(1, 600), speed: fc.constantFrom(0.5, 1, 2), fadeOut: fc.constantFrom(0, 1, 3) }), { maxLength: 3 }),
  })
  .map(({ main, titleAt, songs }): VideoDraft => {
    const d = newVideoDraft('tail', '9:16', FPS, (p) => `${p}-x`);
    let at = 0;
    d.tracks.find((t) => t.kind === 'main')!.clips = main.map((len, i) => {
      const c = media(`v${i}`, `clip${i}`, at, len);
      at += len;
      return c;
    });
    if (titleAt) d.tracks.find((t) => t.kind === 'text')!.clips = [title('t', titleAt[0], titleAt[1])];
    let s = 0;
    d.tracks.find((t) => t.kind === 'audio')!.clips = songs.map((g, i) => {
      s += g.gap;
      const c = { ...media(`s${i}`, `song${i}`, s, g.len, g.speed), fadeOut: Math.min(g.fadeOut, g.len) };
      s += g.len;
      return c;
    });
    return d;
  });

describe('sound past the picture', () => {
  it('ending with the picture leaves no sound past it, the picture as it was, and sound before it untouched', () => {
    fc.assert(
      fc.property(draftArb, (d) => {
        const r = endWithPicture(d, info);
        if (!r.ok) throw new Error(r.message);
        const end = pictureEnd(d);
        expect(soundPastPicture(r.draft)).toBe(0);
        for (const kind of ['main', 'overlay', 'text'] as const) expect(r.draft.tracks.find((t) => t.kind === kind)!.clips).toEqual(d.tracks.find((t) => t.kind === kind)!.clips);
        const before = d.tracks.find((t) => t.kind === 'audio')!.clips;
        const after = r.draft.tracks.find((t) => t.kind === 'audio')!.clips;
        if (end === null) expect(after).toEqual(before);
        else {
          expect(Math.round(draftDuration(r.draft) * FPS)).toBe(Math.round(end * FPS));
          // A song that ended with the picture or before is as it was; one that crossed it starts where it did.
          for (const c of before) {
            const kept = after.find((a) => a.id === c.id);
            if (clipEnd(c) <= end + 1e-6) expect(kept).toEqual(c);
            else if (c.start < end - 1e-6) expect(kept?.start).toBeCloseTo(c.start, 9);
            else expect(kept).toBeUndefined();
          }
        }
      }),
    );
  });

  it('says how much runs over, in frames; nothing without a picture or within a frame', () => {
    const d = newVideoDraft('tail', '9:16', FPS, (p) => `${p}-x`);
    const music = d.tracks.find((t) => t.kind === 'audio')!;
    music.clips = [media('s', 'song', 0, 20)];
    expect(pictureEnd(d)).toBeNull();
    expect(soundPastPicture(d)).toBe(0);
    d.tracks.find((t) => t.kind === 'main')!.clips = [media('a', 'clip', 0, 8), media('b', 'clip', 8, 9)];
    expect(pictureEnd(d)).toBe(17);
    expect(soundPastPicture(d)).toBeCloseTo(3, 9);
    music.clips = [media('s', 'song', 0, 17 + 0.4 / FPS)];
    expect(soundPastPicture(d)).toBe(0);
  });

  it('a song that starts after the picture goes; one across its end is cut there, keeping its fade within it', () => {
    const d = newVideoDraft('tail', '9:16', FPS, (p) => `${p}-x`);
    d.tracks.find((t) => t.kind === 'main')!.clips = [media('a', 'clip', 0, 10)];
    d.tracks.find((t) => t.kind === 'audio')!.clips = [{ ...media('s1', 'song1', 2, 12), fadeOut: 2 }, media('s2', 'song2', 14, 5)];
    const r = endWithPicture(d, info);
    if (!r.ok) throw new Error(r.message);
    const music = r.draft.tracks.find((t) => t.kind === 'audio')!.clips;
    expect(music.map((c) => [c.id, c.start, clipEnd(c)])).toEqual([['s1', 2, 10]]);
    expect(music[0]!.fadeOut).toBe(2);
  });
});

describe('titles past the footage', () => {
  it('ending the titles with the footage leaves none over black, and the footage, the sound and earlier titles as they were', () => {
    fc.assert(
      fc.property(draftArb, (d) => {
        const r = endTitlesWithFootage(d, info);
        if (!r.ok) throw new Error(r.message);
        const end = footageEnd(d);
        expect(titlesPastFootage(r.draft)).toBe(0);
        for (const kind of ['main', 'overlay', 'audio'] as const) expect(r.draft.tracks.find((t) => t.kind === kind)!.clips).toEqual(d.tracks.find((t) => t.kind === kind)!.clips);
        const before = d.tracks.find((t) => t.kind === 'text')!.clips;
        const after = r.draft.tracks.find((t) => t.kind === 'text')!.clips;
        if (end === null) expect(after).toEqual(before);
        else for (const c of before) {
          const kept = after.find((a) => a.id === c.id);
          if (clipEnd(c) <= end + 1e-6) expect(kept).toEqual(c);
          else if (kept) {
            expect(kept.start).toBeCloseTo(c.start, 9);
            expect(clipEnd(kept)).toBeCloseTo(end, 6);
          }
        }
      }),
    );
  });

  it('says how long titles show over black, in frames; nothing without footage or within a frame', () => {
    const d = newVideoDraft('tail', '9:16', FPS, (p) => `${p}-x`);
    const text = d.tracks.find((t) => t.kind === 'text')!;
    text.clips = [title('t', 0, 5)];
    expect(titlesPastFootage(d)).toBe(0);
    d.tracks.find((t) => t.kind === 'main')!.clips = [media('a', 'clip', 0, 3.5)];
    expect(titlesPastFootage(d)).toBeCloseTo(1.5, 9);
    text.clips = [title('t', 0, 3.5 + 0.4 / FPS)];
    expect(titlesPastFootage(d)).toBe(0);
    // A title that would be left shorter than 0.1 s goes.
    text.clips = [title('t', 3.5 - 1 / FPS, 2)];
    const r = endTitlesWithFootage(d, info);
    expect(r.ok && r.draft.tracks.find((t) => t.kind === 'text')!.clips).toEqual([]);
  });
});

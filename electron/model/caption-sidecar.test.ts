import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captionAdvice, facebookLocale, sidecarPlan, sidecarText, takesCaptionFile } from './caption-sidecar';
import type { CaptionTrack } from './caption-track';
import { channelIds } from './post';
import { parseSubtitles } from './subtitle-parse';

const cue = (id: string, text: string, startSec: number, endSec: number) => ({ id, text, startSec, endSec });
const track = (id: string, language: string, cues = [cue('c1', 'Hello there.', 0, 1.5)], styleId?: string): CaptionTrack => ({
  id,
  language,
  name: id,
  cues,
  ...(styleId ? { styleId } : {}),
});

describe('which channels take a caption file', () => {
  it('YouTube, Facebook and LinkedIn do; TikTok, Instagram and X do not', () => {
    expect(channelIds.filter(takesCaptionFile).sort()).toEqual(['facebook_reel', 'linkedin', 'youtube_shorts']);
  });
});

describe('facebookLocale', () => {
  it('names language and country, the country filled in from the likely subtags', () => {
    expect(facebookLocale('en')).toBe('en_US');
    expect(facebookLocale('fi')).toBe('fi_FI');
    expect(facebookLocale('pt-BR')).toBe('pt_BR');
    expect(facebookLocale('en-GB')).toBe('en_GB');
  });
  it('has no name for an unknown language', () => {
    expect(facebookLocale('und')).toBeNull();
    expect(facebookLocale('not a tag')).toBeNull();
  });
});

describe('sidecarPlan', () => {
  const en = track('en-1', 'en');
  const fi = track('fi-1', 'fi');
  it('sends nothing to channels without caption files, and nothing from a draft without cues', () => {
    for (const ch of ['tiktok', 'instagram_reel', 'x'] as const) expect(sidecarPlan(ch, [en]).files).toEqual([]);
    expect(sidecarPlan('youtube_shorts', [track('e', 'en', [])])).toEqual({ files: [], skipped: [] });
    expect(sidecarPlan('youtube_shorts', [])).toEqual({ files: [], skipped: [] });
  });
  it('one track: the video’s base name with .srt (YouTube, LinkedIn), Facebook with its locale', () => {
    expect(sidecarPlan('youtube_shorts', [en]).files).toEqual([{ trackId: 'en-1', language: 'en', name: 'en-1', fileName: 'media.srt' }]);
    expect(sidecarPlan('linkedin', [en]).files.map((f) => f.fileName)).toEqual(['media.srt']);
    expect(sidecarPlan('facebook_reel', [en], 'clip').files.map((f) => f.fileName)).toEqual(['clip.en_US.srt']);
  });
  it('YouTube and Facebook get one file per language, LinkedIn only the first track', () => {
    expect(sidecarPlan('youtube_shorts', [en, fi]).files.map((f) => f.fileName)).toEqual(['media.en.srt', 'media.fi.srt']);
    expect(sidecarPlan('facebook_reel', [en, fi]).files.map((f) => f.fileName)).toEqual(['media.en_US.srt', 'media.fi_FI.srt']);
    const li = sidecarPlan('linkedin', [fi, en]);
    expect(li.files.map((f) => f.trackId)).toEqual(['fi-1']);
    expect(li.skipped).toEqual([{ trackId: 'en-1', why: expect.stringContaining('one caption file') }]);
  });
  it('a burned-in track goes too; a second track in the same language does not', () => {
    const burned = track('burned', 'en', undefined, 'karaoke');
    const plan = sidecarPlan('youtube_shorts', [burned, track('sdh', 'EN')]);
    expect(plan.files.map((f) => [f.trackId, f.fileName])).toEqual([['burned', 'media.srt']]);
    expect(plan.skipped.map((s) => s.trackId)).toEqual(['sdh']);
  });
  it('Facebook leaves out a track without a language, saying why', () => {
    const plan = sidecarPlan('facebook_reel', [track('u', 'und'), fi]);
    expect(plan.files.map((f) => f.fileName)).toEqual(['media.fi_FI.srt']);
    expect(plan.skipped).toEqual([{ trackId: 'u', why: expect.stringContaining("set the track's language") }]);
  });
  it('never gives two files of one delivery the same name (property)', () => {
    const lang = fc.constantFrom('en', 'fi', 'sv', 'und', 'pt-BR', 'en-GB', 'EN');
    fc.assert(
      fc.property(fc.array(fc.tuple(lang, fc.boolean()), { maxLength: 8 }), fc.constantFrom(...channelIds), (specs, ch) => {
        const tracks = specs.map(([l, empty], i) => track(`t${i}`, l, empty ? [] : undefined));
        const plan = sidecarPlan(ch, tracks);
        const names = plan.files.map((f) => f.fileName);
        expect(new Set(names).size).toBe(names.length);
        for (const n of names) expect(n).toMatch(/^media\.([A-Za-z-]+\.|[a-z]+_[A-Z]{2}\.)?srt$/);
        // Every track with cues either goes or is said to be left out.
        expect(plan.files.length + plan.skipped.length).toBe(tracks.filter((t) => t.cues.length > 0).length * (takesCaptionFile(ch) ? 1 : 0));
      }),
    );
  });
});

describe('sidecarText', () => {
  it('is SRT that reads back as the track’s cues', () => {
    const cues = [cue('a', 'First line\nsecond line', 0.5, 2.25), cue('b', 'Ä & ö <ok>', 3, 4.001)];
    const back = parseSubtitles(Buffer.from(sidecarText({ cues })), { format: 'srt' }).cues;
    expect(back.map((c) => [c.text, c.startSec, c.endSec])).toEqual(cues.map((c) => [c.text, c.startSec, c.endSec]));
  });
});

describe('captionAdvice', () => {
  it('advises captions for a video to a channel that takes them, and only then', () => {
    expect(captionAdvice('youtube_shorts', 'video', [])).toBe('noCaptions');
    expect(captionAdvice('linkedin', 'video', [track('e', 'en', [])])).toBe('noCaptions');
    expect(captionAdvice('youtube_shorts', 'video', [track('e', 'en')])).toBeNull();
    expect(captionAdvice('tiktok', 'video', [])).toBeNull();
    expect(captionAdvice('linkedin', 'image', [])).toBeNull();
  });
  it('tells Facebook’s missing language apart', () => {
    expect(captionAdvice('facebook_reel', 'video', [track('u', 'und')])).toBe('languageUnknown');
    expect(captionAdvice('youtube_shorts', 'video', [track('u', 'und')])).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CaptionCue, CaptionTrack, cueTokens } from './caption-track';
import { isAppError } from './errors';
import { parseSubtitles, srtAltersText } from './subtitle-parse';
import { usableVttId, writeSrt, writeVtt } from './subtitle-write';

/** Characters that stress the formats: markup and escapes, digits and time punctuation, non-Latin, whitespace. */
const char = fc.constantFrom('a', 'B', 'ä', 'ß', '中', '😀', ' ', ' ', '\t', '\u00a0', '<', '>', '&', ';', '{', '}', '\\', '-', '.', ',', ':', '0', '1', '9', 'i', 'v', 'c', '#');
const line = fc.string({ unit: char, minLength: 0, maxLength: 14 });
const rawText = fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
const idChars = fc.constantFrom('a', 'z', '1', '-', ' ', 'N', 'O', 'T', 'E', '>', '\n', 'W');

/** Cues on the millisecond grid (what the formats carry), with or without word times and speakers. */
const cueArb = (withExtras: boolean) =>
  fc.record({ startMs: fc.integer({ min: 0, max: 5 * 3600 * 1000 }), durMs: fc.integer({ min: 1, max: 20_000 }), text: rawText, speaker: fc.option(fc.string({ unit: char, minLength: 1, maxLength: 8 }), { nil: undefined }), timed: fc.boolean(), seed: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }) })
    .map(({ startMs, durMs, text, speaker, timed, seed }) => {
      const normal = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[\t\f\v \u00a0]+/g, ' ').trim()).filter(Boolean).join('\n');
      const tokens = cueTokens(normal);
      const cue: Record<string, unknown> = { text, startSec: startMs / 1000, endSec: (startMs + durMs) / 1000 };
      if (withExtras && speaker !== undefined && speaker.trim()) cue.speaker = speaker;
      if (withExtras && timed && tokens.length > 0 && tokens.length <= 30) {
        // 2n sorted points inside the cue: word i runs from point 2i to 2i+1 (pauses and zero-length words happen).
        const points = seed.slice(0, tokens.length * 2).map((n) => startMs + (n % (durMs + 1))).sort((a, b) => a - b);
        cue.words = tokens.map((t, i) => ({ text: t, startSec: points[2 * i]! / 1000, endSec: points[2 * i + 1]! / 1000 }));
      }
      return cue;
    });

const trackArb = (withExtras: boolean) =>
  fc.record({ cues: fc.array(cueArb(withExtras), { maxLength: 8 }), ids: fc.uniqueArray(fc.string({ unit: idChars, minLength: 1, maxLength: 6 }), { minLength: 8, maxLength: 8 }) })
    .map(({ cues, ids }) => ({ id: 't', language: 'en', name: 'English', cues: cues.sort((a, b) => (a.startSec as number) - (b.startSec as number)).map((c, i) => ({ id: ids[i], ...c })) }))
    .map((raw) => CaptionTrack.safeParse(raw))
    .filter((r) => r.success && r.data.cues.length > 0)
    .map((r) => r.data!);

const timesAndText = (c: CaptionCue) => ({ text: c.text, startSec: c.startSec, endSec: c.endSec });

describe('subtitle round trips', () => {
  it('any valid track → SRT → import gives the same cues (text and times; SRT carries no speakers or words)', () => {
    fc.assert(
      fc.property(trackArb(false).filter((t) => t.cues.every((c) => !srtAltersText(c.text))), (track) => {
        const back = parseSubtitles(writeSrt(track.cues), { format: 'srt' });
        expect(back.cues.map(timesAndText)).toEqual(track.cues.map(timesAndText));
        expect(CaptionTrack.safeParse({ ...track, cues: back.cues }).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('any valid track → WebVTT → import gives the same cues, with speakers, word times and usable ids', () => {
    fc.assert(
      fc.property(trackArb(true), (track) => {
        const back = parseSubtitles(new TextEncoder().encode(writeVtt(track.cues)));
        expect(back.format).toBe('vtt');
        expect(back.cues.map(({ id: _id, ...c }) => c)).toEqual(track.cues.map(({ id: _id, ...c }) => c));
        track.cues.forEach((c, i) => {
          if (usableVttId(c.id)) expect(back.cues[i]!.id).toBe(c.id);
        });
        expect(CaptionTrack.safeParse({ ...track, cues: back.cues }).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('random junk never throws anything but an AppError, and what it accepts is a valid track', () => {
    const timing = fc.tuple(fc.nat(99), fc.nat(70), fc.nat(70), fc.nat(1200), fc.constantFrom(' --> ', '-->', ' -> ')).map(([h, m, s, f, arrow]) => `${h}:${m}:${s},${f}${arrow}${h}:${m + 1}:${s}.${f}`);
    const junkLine = fc.oneof(line, timing, fc.constantFrom('', 'WEBVTT', 'NOTE x', '1', '<v A>hi', '<00:00:01.000>w', '{\\an8}', '\u0001', '\r'));
    const junkText = fc.array(junkLine, { maxLength: 20 }).map((ls) => ls.join('\n'));
    const input = fc.oneof(junkText, fc.uint8Array({ maxLength: 300 }), junkText.map((t) => new TextEncoder().encode(t)));
    fc.assert(
      fc.property(input, fc.constantFrom(undefined, 'srt' as const, 'vtt' as const), (bytes, format) => {
        try {
          const out = parseSubtitles(bytes, { format });
          expect(CaptionTrack.safeParse({ id: 't', language: 'und', name: 'x', cues: out.cues }).success).toBe(true);
        } catch (e) {
          if (!isAppError(e)) throw e;
        }
      }),
      { numRuns: 1000 },
    );
  });
});

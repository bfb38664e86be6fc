import { describe, expect, it } from 'vitest';
import { decodeSubtitleBytes } from './subtitle-decode';
import { parseSubtitles, SubtitleParseError } from './subtitle-parse';
import { writeSrt, writeVtt } from './subtitle-write';

const enc = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string, bom: boolean) => {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    out[(bom ? 2 : 0) + i * 2] = s.charCodeAt(i) & 0xff;
    out[(bom ? 2 : 0) + i * 2 + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
};
const utf16be = (s: string, bom: boolean) => {
  const le = utf16le(s, false);
  const out = new Uint8Array((bom ? 2 : 0) + le.length);
  if (bom) out.set([0xfe, 0xff]);
  for (let i = 0; i < le.length; i += 2) {
    out[(bom ? 2 : 0) + i] = le[i + 1]!;
    out[(bom ? 2 : 0) + i + 1] = le[i]!;
  }
  return out;
};

const SRT = '1\n00:00:01,000 --> 00:00:02,500\nHyvää päivää\nsecond line\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n';

function fails(input: string | Uint8Array, format?: 'srt' | 'vtt'): SubtitleParseError {
  try {
    parseSubtitles(input, { format });
  } catch (e) {
    if (e instanceof SubtitleParseError) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('decodeSubtitleBytes', () => {
  it('reads UTF-8 with and without a BOM, UTF-16 LE/BE with a BOM or by their NULs, and falls back to Windows-1252', () => {
    const text = 'Hyvää päivää – “quotes”';
    expect(decodeSubtitleBytes(enc(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeSubtitleBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)]))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeSubtitleBytes(utf16le(text, true))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeSubtitleBytes(utf16be(text, true))).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeSubtitleBytes(utf16le(SRT, false))).toEqual({ text: SRT, encoding: 'utf-16le' });
    expect(decodeSubtitleBytes(utf16be(SRT, false))).toEqual({ text: SRT, encoding: 'utf-16be' });
    // "Hyvää" in Windows-1252 (ä = 0xe4) with a curly quote (0x93): not UTF-8.
    expect(decodeSubtitleBytes(new Uint8Array([0x48, 0x79, 0x76, 0xe4, 0xe4, 0x20, 0x93, 0x78, 0x94]))).toEqual({ text: 'Hyvää “x”', encoding: 'windows-1252' });
  });
  it('refuses binary data and damaged UTF-16 with an AppError that says what to do', () => {
    expect(() => decodeSubtitleBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))).toThrow(/not a subtitle file .* Choose an \.srt or \.vtt/);
    expect(() => decodeSubtitleBytes(new Uint8Array([0xff, 0xfe, 0x41]))).toThrow(/damaged.*Save it again as UTF-8/);
  });
});

describe('parseSubtitles: SRT', () => {
  it('reads cues with multi-line text, in any encoding and line ending', () => {
    const want = [
      { id: 'cue-1', text: 'Hyvää päivää\nsecond line', startSec: 1, endSec: 2.5 },
      { id: 'cue-2', text: 'Bye', startSec: 3, endSec: 4 },
    ];
    for (const input of [SRT, SRT.replace(/\n/g, '\r\n'), SRT.replace(/\n/g, '\r'), utf16le(SRT, true), utf16be(SRT.replace(/\n/g, '\r\n'), false), new Uint8Array([0xef, 0xbb, 0xbf, ...enc(SRT)])]) {
      const r = parseSubtitles(input);
      expect(r.format).toBe('srt');
      expect(r.cues).toEqual(want);
      expect(r.warnings).toEqual([]);
    }
  });

  it('tolerates wrong or missing numbers, extra blank lines, a missing blank line, dot decimals and short fractions', () => {
    const messy = '\n\n7\n00:00:01.5 --> 00:00:02,250\nOne\n\n\n\n1\n\n00:00:03,000 --> 00:00:04,000\nTwo\n3\n00:00:05,000 --> 00:00:06,000\nThree\n00:00:07,000 --> 00:00:08,000\nFour\n';
    const r = parseSubtitles(messy);
    expect(r.cues.map((c) => [c.text, c.startSec, c.endSec])).toEqual([['One', 1.5, 2.25], ['Two', 3, 4], ['Three', 5, 6], ['Four', 7, 8]]);
  });

  it('strips styling tags and {\\an8}, keeps other angle brackets, and says so', () => {
    const r = parseSubtitles('1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Hello</i> <font color="#ff0000">red</font> <b>a < b</b>\n');
    expect(r.cues[0]!.text).toBe('Hello red a < b');
    expect(r.warnings).toEqual([{ line: null, message: expect.stringMatching(/styling .* removed from 1 caption/) }]);
  });

  it('sorts out-of-order cues and keeps overlapping ones, warning about each', () => {
    const r = parseSubtitles('1\n00:00:05,000 --> 00:00:06,000\nLate\n\n2\n00:00:01,000 --> 00:00:03,000\nEarly\n\n3\n00:00:02,000 --> 00:00:04,000\nOverlap\n');
    expect(r.cues.map((c) => c.text)).toEqual(['Early', 'Overlap', 'Late']);
    expect(r.cues.map((c) => c.id)).toEqual(['cue-1', 'cue-2', 'cue-3']);
    expect(r.warnings).toEqual([
      { line: null, message: 'the captions were not in time order; they were put in order' },
      { line: 10, message: expect.stringMatching(/^this caption starts before the one at line 6 ends; both were kept/) },
    ]);
  });

  it('leaves out cues without text, with a warning', () => {
    const r = parseSubtitles('1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n\n2\n00:00:03,000 --> 00:00:04,000\nText\n');
    expect(r.cues.map((c) => c.text)).toEqual(['Text']);
    expect(r.warnings.map((w) => w.message)).toContain('1 caption had no text and was left out');
  });

  it('refuses a bad file with every problem and its line, importing nothing', () => {
    const e = fails('1\n00:00:01,000 --> 00:00:02,000\nOK\n\n2\n00:00:03 -> 00:00:04\nBroken times\n\nStray paragraph\n\n4\n00:00:09,000 --> 00:00:08,000\nBackwards\n\n5\n00:00:10,000 --> 00:01:99,000\nBad seconds\n');
    expect(e.code).toBe('invalid_input');
    expect(e.problems.map((p) => p.line)).toEqual([6, 9, 12, 16]);
    expect(e.message).toMatch(/^This subtitle file could not be imported, so nothing was added: line 6: "00:00:03 -> 00:00:04" is not a caption's times; .*; line 9: text outside any caption/);
    expect(e.message).toMatch(/line 12: this caption ends \(00:00:08,000\) before it starts \(00:00:09,000\); fix its times/);
    expect(e.message).toMatch(/line 16: "00:00:10,000 --> 00:01:99,000" is not a caption's times; write them like 00:00:01,000 --> 00:00:04,000/);
    expect(e.message).toMatch(/Fix those lines in a text editor and import it again\.$/);
  });

  it('refuses a file with no captions and an empty file', () => {
    expect(fails('just some words\n').problems[0]!.line).toBe(1);
    expect(fails('').message).toMatch(/no captions were found: an SRT caption is a number, a times line/);
    expect(fails('WEBVTT\n\nNOTE nothing here\n').message).toMatch(/no captions were found: a WebVTT caption/);
  });
});

describe('parseSubtitles: WebVTT', () => {
  it('reads hours-optional times, ids, skips NOTE/STYLE/REGION, drops cue settings with a warning', () => {
    const vtt = [
      'WEBVTT - a title', 'Kind: captions', '',
      'STYLE', '::cue { color: yellow }', '',
      'REGION', 'id:fred', '',
      'NOTE a comment', 'spanning lines', '',
      'intro', '00:01.000 --> 00:02.000 line:0 align:start', 'Hello &amp; welcome &lt;3', '',
      '01:00:00.000 --> 01:00:01.500', '<c.yellow>Bye</c> <lang fi>hei</lang>', '',
    ].join('\n');
    const r = parseSubtitles(enc(vtt));
    expect(r.format).toBe('vtt');
    expect(r.cues).toEqual([
      { id: 'intro', text: 'Hello & welcome <3', startSec: 1, endSec: 2 },
      { id: 'cue-1', text: 'Bye hei', startSec: 3600, endSec: 3601.5 },
    ]);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^styling .* 1 caption:/), expect.stringMatching(/^position settings on 1 caption were dropped/)]);
  });

  it('turns <v Speaker> into the speaker and karaoke timestamps into word timings (pauses kept, syllables joined)', () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v.loud Ann Lee>Hello <00:00:01.500>big<00:00:02.000> <00:00:02.500>wo<00:00:03.000>rld\n';
    const cue = parseSubtitles(vtt).cues[0]!;
    expect(cue).toMatchObject({ text: 'Hello big world', speaker: 'Ann Lee' });
    expect(cue.words).toEqual([
      { text: 'Hello', startSec: 1, endSec: 1.5 },
      { text: 'big', startSec: 1.5, endSec: 2 },
      { text: 'world', startSec: 2.5, endSec: 4 },
    ]);
  });

  it('shares one timed segment of several words by their length', () => {
    const cue = parseSubtitles('WEBVTT\n\n00:00:00.000 --> 00:00:03.000\n<00:00:01.000>ab abcd\n').cues[0]!;
    expect(cue.words).toEqual([{ text: 'ab', startSec: 1, endSec: 1.667 }, { text: 'abcd', startSec: 1.667, endSec: 3 }]);
  });

  it('keeps a cue whose word times are out of order, without them, and says so', () => {
    const r = parseSubtitles('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<00:00:01.800>a <00:00:01.200>b\n');
    expect(r.cues[0]).toEqual({ id: 'cue-1', text: 'a b', startSec: 1, endSec: 2 });
    expect(r.warnings).toEqual([{ line: 3, message: expect.stringMatching(/word timings are out of order/) }]);
  });

  it('needs the WEBVTT header when VTT is asked for', () => {
    expect(fails('00:01.000 --> 00:02.000\nHi\n', 'vtt').problems).toEqual([{ line: 1, message: expect.stringMatching(/starts with the line "WEBVTT"/) }]);
  });
});

describe('writeSrt / writeVtt', () => {
  const cues = [
    { id: 'a', text: 'Hello big\nworld', startSec: 1, endSec: 4, speaker: 'Ann', words: [{ text: 'Hello', startSec: 1, endSec: 1.5 }, { text: 'big', startSec: 1.5, endSec: 2 }, { text: 'world', startSec: 2.5, endSec: 3.25 }] },
    { id: 'b', text: 'Fish & <chips>', startSec: 3661.0004, endSec: 3661.0004 + 0.0002 },
  ];
  it('writes SRT with numbers and comma times (no speaker, no words), and VTT with ids, voices, escapes and karaoke times', () => {
    expect(writeSrt(cues)).toBe('1\n00:00:01,000 --> 00:00:04,000\nHello big\nworld\n\n2\n01:01:01,000 --> 01:01:01,001\nFish & <chips>\n');
    expect(writeVtt(cues)).toBe('WEBVTT\n\na\n00:00:01.000 --> 00:00:04.000\n<v Ann>Hello <00:00:01.500>big<00:00:02.000>\n<00:00:02.500>world<00:00:03.250>\n\nb\n01:01:01.000 --> 01:01:01.001\nFish &amp; &lt;chips&gt;\n');
  });
  it('reads its own files back', () => {
    const vtt = parseSubtitles(writeVtt(cues));
    expect(vtt.cues[0]).toEqual(cues[0]);
    expect(vtt.cues[1]).toEqual({ id: 'b', text: 'Fish & <chips>', startSec: 3661, endSec: 3661.001 });
    expect(parseSubtitles(writeSrt(cues)).cues.map((c) => c.text)).toEqual(['Hello big\nworld', 'Fish & <chips>']);
  });
});

import { CAPTION_CUES_MAX, CaptionCue, type CaptionWord, freeId, normalizeCueText, sortCues } from './caption-track';
import { AppError } from './errors';
import { decodeSubtitleBytes, type SubtitleEncoding } from './subtitle-decode';
import { formatSubtitleTime, type SubtitleFormat } from './subtitle-time';

/**
 * SRT and WebVTT import (docs/captions.md "Import"). Tolerant of what real files do — missing or wrong cue
 * numbers, extra blank lines, a missing blank line between cues, comma or dot decimals, VTT's optional hours —
 * and strict where guessing would lose words: a block of text outside any cue, unreadable times, or a cue that
 * ends before it starts is an error naming its line, and then nothing is imported.
 *
 * What is kept and what is dropped, knowingly:
 * - `<v Name>` (VTT voice) becomes the cue's speaker; VTT karaoke timestamps `<00:00:01.500>` become word timings;
 * - styling — `<i>`, `<b>`, `<u>`, `<s>`, `<font …>`, `<c.class>`, `<ruby>`/`<rt>`, `<lang>`, ASS overrides like
 *   `{\an8}` — is removed: a caption's look and place come from its caption style (safe zones per channel), and
 *   one cue in italics among plain ones is not something a burned-in style can honour. Reported as a warning;
 * - VTT cue settings (`line:0 align:start`) and SRT coordinates are dropped for the same reason (a warning);
 * - NOTE, STYLE and REGION blocks are skipped; VTT cue identifiers become cue ids when they are usable.
 */

export type { SubtitleFormat };
export type SubtitleNote = { line: number | null; message: string };
export type ParsedSubtitles = { format: SubtitleFormat; encoding: SubtitleEncoding; cues: CaptionCue[]; warnings: SubtitleNote[] };

const MAX_LISTED = 12;

/** A file that cannot be imported: every problem with its line, in the message and as data. */
export class SubtitleParseError extends AppError {
  constructor(readonly problems: SubtitleNote[]) {
    const listed = problems.slice(0, MAX_LISTED).map((p) => (p.line === null ? p.message : `line ${p.line}: ${p.message}`));
    const more = problems.length > MAX_LISTED ? ` (and ${problems.length - MAX_LISTED} more)` : '';
    const lines = problems.filter((p) => p.line !== null).length;
    const then = lines === 0 ? 'Check that it is an SRT or WebVTT subtitle file' : `Fix ${lines === 1 ? 'that line' : 'those lines'} in a text editor and import it again`;
    super('invalid_input', `This subtitle file could not be imported, so nothing was added: ${listed.join('; ')}${more}. ${then}.`);
    this.name = 'SubtitleParseError';
  }
}

// (hh:)?mm:ss(.ttt) with ',' or '.' before the fraction; hours may have more than two digits.
const TIME = String.raw`(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?`;
const TIMING_LINE = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}(.*)$`);
const INLINE_TIME = /<((?:\d{1,3}:)?\d{1,2}:\d{1,2}[.,]\d{1,3})>/g;
const INLINE_TIME_PARTS = new RegExp(`^${TIME}$`);
/** The tags SRT files use; anything else in angle brackets in an SRT is text (SRT has no escapes). */
const SRT_TAG = /<\/?(?:i|b|u|s|font|c|v|ruby|rt|lang|span)(?:[.\s][^>]*)?>/gi;
const ANY_TAG = /<[^>]*>/g;
/** ASS override blocks ({\an8}, {\i1}) that SRT converters leave in; WebVTT text keeps braces as they are. */
const ASS_OVERRIDE = /\{\\[^}\n]*\}/g;
const MARK_OPEN = String.fromCharCode(1);
const MARK_CLOSE = String.fromCharCode(2);
const MARKED_TIME = new RegExp(`${MARK_OPEN}([^${MARK_CLOSE}]*)${MARK_CLOSE}`);
const VOICE = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>/i;

/**
 * True when SRT cannot carry `text` as it is: parts of it read back as styling (`<i>`, `{\an8}`), a voice or a
 * karaoke time, which import removes. Export warns about such cues; WebVTT escapes and carries them.
 */
export function srtAltersText(text: string): boolean {
  const hits = (re: RegExp) => new RegExp(re.source, re.flags.replace('g', '')).test(text);
  return hits(SRT_TAG) || hits(ASS_OVERRIDE) || hits(INLINE_TIME) || hits(VOICE);
}

function timeOf(h: string | undefined, m: string, s: string, frac: string | undefined): number | null {
  const min = Number(m);
  const sec = Number(s);
  if (min > 59 || sec > 59) return null;
  const ms = frac === undefined ? 0 : Number(frac.padEnd(3, '0'));
  return (Number(h ?? 0) * 3600 * 1000 + min * 60 * 1000 + sec * 1000 + ms) / 1000;
}

function inlineTime(stamp: string): number | null {
  const m = INLINE_TIME_PARTS.exec(stamp);
  return m ? timeOf(m[1], m[2]!, m[3]!, m[4]) : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', lrm: '\u200e', rlm: '\u200f', quot: '"', apos: "'" };
function unescapeVtt(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

type Line = { no: number; text: string };
type RawCue = { line: number; id: string | null; start: number; end: number; payload: Line[]; settings: string };

type Counters = { styled: number; settings: number; multiVoice: number };

/**
 * A cue's payload as text, speaker and word timings. Karaoke timestamps split the text into timed segments:
 * a segment runs from its timestamp (the cue's start for the first) to the next one (the cue's end for the
 * last); the words in a segment share its time by their length (a word split by timestamps, as syllable
 * karaoke does, spans its parts); a segment with no words is a pause.
 */
function readPayload(raw: RawCue, format: SubtitleFormat, counters: Counters, notes: SubtitleNote[]): { text: string; speaker?: string; words?: CaptionWord[] } {
  let body = raw.payload.map((l) => l.text).join('\n');
  let speaker: string | undefined;
  const voice = VOICE.exec(body);
  if (voice) {
    const name = (format === 'vtt' ? unescapeVtt(voice[1] ?? '') : (voice[1] ?? '')).replace(/\s+/g, ' ').trim();
    if (name) speaker = name.slice(0, 80);
    const voices = body.match(new RegExp(VOICE.source, 'gi')) ?? [];
    if (new Set(voices.map((v) => v.toLowerCase())).size > 1) counters.multiVoice++;
    body = body.replace(new RegExp(VOICE.source, 'gi'), '').replace(/<\/v>/gi, '');
  }
  // The marks below are control characters; a payload that already has some is refused by the cue schema.
  if (body.includes(MARK_OPEN) || body.includes(MARK_CLOSE)) return { text: normalizeCueText(body), speaker };
  const before = body;
  if (format === 'srt') body = body.replace(ASS_OVERRIDE, '');
  // Timestamps survive the tag removal: they are kept apart by marking them first.
  const marked = `${MARK_OPEN}$1${MARK_CLOSE}`;
  body = body.replace(INLINE_TIME, marked);
  body = body.replace(format === 'vtt' ? ANY_TAG : SRT_TAG, '');
  if (body !== before.replace(INLINE_TIME, marked)) counters.styled++;

  const parts = body.split(MARKED_TIME);
  const texts: string[] = [];
  const stamps: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) texts.push(format === 'vtt' ? unescapeVtt(parts[i]!) : parts[i]!);
    else stamps.push(inlineTime(parts[i]!) ?? Number.NaN);
  }
  const text = normalizeCueText(texts.join(''));
  if (stamps.length === 0) return { text, speaker };

  const bounds = [raw.start, ...stamps, raw.end];
  for (let i = 1; i < bounds.length; i++) {
    if (!(bounds[i]! >= bounds[i - 1]!)) {
      notes.push({ line: raw.line, message: 'its word timings are out of order or outside the caption; the caption was kept without them' });
      return { text, speaker };
    }
  }
  return { text, speaker, words: wordsOfSegments(texts, bounds) };
}

const ms = (s: number) => Math.round(s * 1000) / 1000;

function wordsOfSegments(texts: string[], bounds: number[]): CaptionWord[] {
  // Each word's pieces per segment, in order: [segment, characters].
  const words: { text: string; pieces: { seg: number; chars: number }[] }[] = [];
  let open = false;
  texts.forEach((t, seg) => {
    for (const m of t.matchAll(/\s+|\S+/g)) {
      const chunk = m[0];
      if (/^\s/.test(chunk)) {
        open = false;
        continue;
      }
      if (open) {
        const w = words[words.length - 1]!;
        w.text += chunk;
        w.pieces.push({ seg, chars: chunk.length });
      } else words.push({ text: chunk, pieces: [{ seg, chars: chunk.length }] });
      open = true;
    }
  });
  // Share each segment's time among the pieces in it, by length.
  const perSeg = new Map<number, number>();
  for (const w of words) for (const p of w.pieces) perSeg.set(p.seg, (perSeg.get(p.seg) ?? 0) + p.chars);
  const used = new Map<number, number>();
  const at = (seg: number, chars: number) => bounds[seg]! + ((bounds[seg + 1]! - bounds[seg]!) * chars) / perSeg.get(seg)!;
  return words.map((w) => {
    let start = 0;
    let end = 0;
    w.pieces.forEach((p, i) => {
      const done = used.get(p.seg) ?? 0;
      if (i === 0) start = at(p.seg, done);
      used.set(p.seg, done + p.chars);
      end = at(p.seg, done + p.chars);
    });
    return { text: w.text, startSec: ms(start), endSec: ms(end) };
  });
}

/** Blocks of non-blank lines, each line with its 1-based number. */
function blocksOf(lines: string[]): Line[][] {
  const blocks: Line[][] = [];
  let cur: Line[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') {
      if (cur.length) blocks.push(cur);
      cur = [];
    } else cur.push({ no: i + 1, text });
  });
  if (cur.length) blocks.push(cur);
  return blocks;
}

function looksLikeVtt(firstLine: string): boolean {
  return /^WEBVTT(?:[ \t].*)?$/.test(firstLine.replace(/^\uFEFF/, ''));
}

function timingError(line: Line): SubtitleNote {
  return { line: line.no, message: `"${line.text.trim().slice(0, 60)}" is not a caption's times; write them like 00:00:01,000 --> 00:00:04,000` };
}

/**
 * Splits one block into cues. A block normally is [number or id], times, text…; a missing blank line between
 * two cues shows as a second times line, and the line just before it is that cue's number (SRT) or id (VTT).
 */
function cuesOfBlock(block: Line[], format: SubtitleFormat, problems: SubtitleNote[]): RawCue[] {
  const timingAt = block.map((l) => l.text.includes('-->'));
  const first = timingAt.indexOf(true);
  if (first === -1) {
    // A lone number is a cue number whose times follow after an extra blank line: harmless.
    if (block.length === 1 && /^\s*\d+\s*$/.test(block[0]!.text)) return [];
    // Times written wrongly ("00:00:01 -> 00:00:02") are the likelier mistake than stray text: say so.
    const timeish = block.slice(0, 2).find((l) => new RegExp(`^\\s*${TIME}\\s*\\S*>`).test(l.text));
    if (timeish) {
      problems.push(timingError(timeish));
      return [];
    }
    problems.push({ line: block[0]!.no, message: 'text outside any caption (no times line above it); if it belongs to the caption above, remove the blank line before it' });
    return [];
  }
  if (first > 1) {
    problems.push({ line: block[0]!.no, message: 'text outside any caption, before a times line; remove it or add a blank line and times above it' });
    return [];
  }
  const cues: RawCue[] = [];
  let idLine: Line | null = first === 1 ? block[0]! : null;
  let i = first;
  while (i < block.length) {
    const line = block[i]!;
    const m = TIMING_LINE.exec(line.text);
    const start = m ? timeOf(m[1], m[2]!, m[3]!, m[4]) : null;
    const end = m ? timeOf(m[5], m[6]!, m[7]!, m[8]) : null;
    if (!m || start === null || end === null) {
      problems.push(timingError(line));
      return cues;
    }
    let j = i + 1;
    while (j < block.length && !timingAt[j]) j++;
    // Lines up to the next times line are text, except a number just before it: the next cue's number.
    const numbered = j < block.length && j - 1 > i && /^\s*\d+\s*$/.test(block[j - 1]!.text);
    const textEnd = numbered ? j - 1 : j;
    const nextId = numbered ? block[j - 1]! : null;
    if (j < block.length && j === i + 1) {
      problems.push({ line: block[j]!.no, message: 'two times lines in a row; each caption needs its text' });
      return cues;
    }
    const id = idLine && format === 'vtt' ? idLine.text.trim() : null;
    cues.push({ line: line.no, id, start, end, payload: block.slice(i + 1, textEnd), settings: m[9]!.trim() });
    idLine = nextId;
    i = j;
  }
  return cues;
}

/**
 * Reads an SRT or WebVTT file (bytes in any of the encodings decodeSubtitleBytes knows, or text already
 * decoded) into sorted, valid cues and the warnings a creator should see. `format`: forced, or by the
 * "WEBVTT" header (else SRT).
 */
export function parseSubtitles(input: Uint8Array | string, options: { format?: SubtitleFormat } = {}): ParsedSubtitles {
  const { text, encoding } = typeof input === 'string' ? { text: input, encoding: 'utf-8' as const } : decodeSubtitleBytes(input);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const format: SubtitleFormat = options.format ?? (looksLikeVtt(lines[0] ?? '') ? 'vtt' : 'srt');
  const problems: SubtitleNote[] = [];
  const warnings: SubtitleNote[] = [];
  let blocks = blocksOf(lines);
  if (format === 'vtt') {
    if (!blocks[0] || !looksLikeVtt(blocks[0][0]!.text)) {
      throw new SubtitleParseError([{ line: 1, message: 'a WebVTT file starts with the line "WEBVTT"; add it, or import the file as SRT' }]);
    }
    // The header block may hold metadata lines; a cue right after it without a blank line is still a cue.
    const header = blocks[0];
    const cueInHeader = header.findIndex((l) => l.text.includes('-->'));
    blocks = cueInHeader === -1 ? blocks.slice(1) : [header.slice(Math.max(1, cueInHeader - 1)), ...blocks.slice(1)];
    blocks = blocks.filter((b) => !/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(b[0]!.text));
  }
  const raws = blocks.flatMap((b) => cuesOfBlock(b, format, problems));
  const counters: Counters = { styled: 0, settings: 0, multiVoice: 0 };
  const read: { raw: RawCue; cue: Omit<CaptionCue, 'id'> }[] = [];
  let empty = 0;
  for (const raw of raws) {
    if (!(raw.end > raw.start)) {
      problems.push({ line: raw.line, message: `this caption ends (${formatSubtitleTime(raw.end, format)}) before it starts (${formatSubtitleTime(raw.start, format)}); fix its times` });
      continue;
    }
    if (raw.settings) counters.settings++;
    const payload = readPayload(raw, format, counters, warnings);
    if (!payload.text) {
      empty++;
      continue;
    }
    const candidate = { text: payload.text, startSec: raw.start, endSec: raw.end, ...(payload.words ? { words: payload.words } : {}), ...(payload.speaker ? { speaker: payload.speaker } : {}) };
    const checked = CaptionCue.safeParse({ id: 'x', ...candidate });
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      problems.push({ line: raw.line, message: `this caption cannot be used: ${issue.message.replace(/\.$/, '')}` });
      continue;
    }
    read.push({ raw, cue: candidate });
  }
  if (problems.length) throw new SubtitleParseError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  if (read.length === 0) {
    throw new SubtitleParseError([{ line: null, message: format === 'vtt'
      ? 'no captions were found: a WebVTT caption is a times line like 00:01.000 --> 00:04.000 followed by its text'
      : 'no captions were found: an SRT caption is a number, a times line like 00:00:01,000 --> 00:00:04,000 and its text' }]);
  }
  if (read.length > CAPTION_CUES_MAX) throw new AppError('too_large', `This file has ${read.length} captions; a track holds at most ${CAPTION_CUES_MAX}. Split the file.`);

  const inOrder = read.every((r, i) => i === 0 || r.cue.startSec >= read[i - 1]!.cue.startSec);
  const sorted = sortCues(read.map((r) => ({ ...r, startSec: r.cue.startSec })));
  if (!inOrder) warnings.push({ line: null, message: 'the captions were not in time order; they were put in order' });
  let overlaps = 0;
  let lastEnd = -1;
  let lastLine = 0;
  for (const r of sorted) {
    if (r.cue.startSec < lastEnd) {
      if (overlaps < MAX_LISTED) warnings.push({ line: r.raw.line, message: `this caption starts before the one at line ${lastLine} ends; both were kept (the reading checks offer to trim the overlap)` });
      overlaps++;
    }
    if (r.cue.endSec > lastEnd) {
      lastEnd = r.cue.endSec;
      lastLine = r.raw.line;
    }
  }
  if (overlaps > MAX_LISTED) warnings.push({ line: null, message: `${overlaps - MAX_LISTED} more captions overlap the one before them` });
  if (empty) warnings.push({ line: null, message: `${empty} caption${empty === 1 ? ' had' : 's had'} no text and ${empty === 1 ? 'was' : 'were'} left out` });
  if (counters.styled) warnings.push({ line: null, message: `styling (italics, bold, colours, positions) was removed from ${counters.styled} caption${counters.styled === 1 ? '' : 's'}: the caption style sets the look` });
  if (counters.settings) warnings.push({ line: null, message: `position settings on ${counters.settings} caption${counters.settings === 1 ? ' were' : 's were'} dropped: the caption style places captions (inside each channel's safe zone)` });
  if (counters.multiVoice) warnings.push({ line: null, message: `${counters.multiVoice} caption${counters.multiVoice === 1 ? ' has' : 's have'} several speakers; each kept the first one's name` });

  // Ids: a VTT cue's identifier when it is usable and unique, otherwise cue-1, cue-2… in time order.
  const taken = new Set<string>();
  const wanted = sorted.map((r) => {
    const id = r.raw.id;
    if (id && id.length <= 64 && !taken.has(id)) {
      taken.add(id);
      return id;
    }
    return null;
  });
  const cues = sorted.map((r, i) => {
    const id = wanted[i] ?? freeId('cue', taken);
    taken.add(id);
    return { id, ...r.cue };
  });
  return { format, encoding, cues, warnings };
}

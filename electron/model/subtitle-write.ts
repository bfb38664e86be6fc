import { type CaptionCue, type CaptionTrack, wordsProblem } from './caption-track';
import { formatSubtitleTime, type SubtitleFormat, toMs } from './subtitle-time';

/**
 * SRT and WebVTT export (docs/captions.md "Export"). Times are written to the millisecond; a cue shorter than
 * that still ends 1 ms after it starts, so every written file reads back.
 * - SRT carries text and times only: speakers and word timings are left out (SRT has no place for them).
 * - WebVTT carries the speaker as `<v Name>`, the cue's id as its identifier (when the id can be one), and word
 *   timings as karaoke timestamps: `<00:00:01.500>` before each word, and after a word that ends before the next
 *   one starts, so pauses survive (subtitle-parse.ts reads them back as they were).
 */

export type { SubtitleFormat };

const fmt = (msValue: number, format: SubtitleFormat) => formatSubtitleTime(msValue / 1000, format);

function cueTimes(cue: CaptionCue): { start: number; end: number } {
  const start = toMs(cue.startSec);
  return { start, end: Math.max(toMs(cue.endSec), start + 1) };
}

export function writeSrt(cues: readonly CaptionCue[]): string {
  return cues
    .map((cue, i) => {
      const { start, end } = cueTimes(cue);
      return `${i + 1}\n${fmt(start, 'srt')} --> ${fmt(end, 'srt')}\n${cue.text}\n`;
    })
    .join('\n');
}

const escapeVtt = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An id a VTT parser reads back as the cue's identifier: one line, no "-->", not a NOTE/STYLE/REGION block. */
export function usableVttId(id: string): boolean {
  return id === id.trim() && !/[\r\n]/.test(id) && !id.includes('-->') && !/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(id) && !/^WEBVTT/.test(id);
}

function vttPayload(cue: CaptionCue, start: number, end: number): string {
  const words = cue.words && !wordsProblem(cue.text, cue.startSec, cue.endSec, cue.words) ? cue.words : null;
  let body: string;
  if (!words || words.length === 0) body = escapeVtt(cue.text);
  else {
    let k = 0;
    body = cue.text.replace(/\S+/g, (token) => {
      const w = words[k]!;
      const next = words[k + 1];
      const ws = toMs(w.startSec);
      const we = toMs(w.endSec);
      const until = next ? toMs(next.startSec) : end;
      // The first word at the cue's start needs no timestamp, unless it would be the cue's only one.
      const needsStart = !(k === 0 && ws === start && (words.length > 1 || we < end));
      k++;
      return `${needsStart ? `<${fmt(ws, 'vtt')}>` : ''}${escapeVtt(token)}${we < until ? `<${fmt(we, 'vtt')}>` : ''}`;
    });
  }
  if (!cue.speaker) return body;
  // A name ending in "-" would close its tag as "-->", which ends a cue; a space before ">" is trimmed on reading.
  const name = escapeVtt(cue.speaker);
  return `<v ${name}${name.endsWith('-') ? ' ' : ''}>${body}`;
}

export function writeVtt(cues: readonly CaptionCue[]): string {
  const blocks = cues.map((cue) => {
    const { start, end } = cueTimes(cue);
    const id = usableVttId(cue.id) ? `${cue.id}\n` : '';
    return `${id}${fmt(start, 'vtt')} --> ${fmt(end, 'vtt')}\n${vttPayload(cue, start, end)}\n`;
  });
  return ['WEBVTT\n', ...blocks].join('\n');
}

export function writeSubtitles(track: Pick<CaptionTrack, 'cues'>, format: SubtitleFormat): string {
  return format === 'srt' ? writeSrt(track.cues) : writeVtt(track.cues);
}

import type { CaptionFinding } from '../../../../../electron/model/caption-checks';
import type { CaptionCue, CaptionTrack } from '../../../../../electron/model/caption-track';
import type { SubtitleFormat } from '../../../../../electron/model/subtitle-write';

/** Pure helpers of the caption cue list (CaptionsPanel): which cue shows, times, keys, file names. */

/**
 * The index of the cue showing at `t`, or -1: the last cue that has started and not ended (an overlapping later
 * cue takes over when it starts, as the burned-in styles do). Binary search for the last start at or before t.
 */
export function cueIndexAt(cues: readonly Pick<CaptionCue, 'startSec' | 'endSec'>[], t: number): number {
  let lo = 0;
  let hi = cues.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.startSec <= t) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // An earlier, longer cue may still be showing when the last one to start has ended (overlaps are rare).
  for (let i = last; i >= 0; i--) if (cues[i]!.endSec > t) return i;
  return -1;
}

/** A cue time for the list: `0:03.25`, `1:02:03.50` (hundredths: caption times are set to the frame). */
export function cueClock(sec: number): string {
  const cs = Math.round(Math.max(0, sec) * 100);
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const frac = String(cs % 100).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}.${frac}` : `${m}:${ss}.${frac}`;
}

/**
 * Where "split" (S, with the list focused) cuts a cue when the playhead is inside it: before the first word that
 * starts at or after the playhead (word timings), else at the word boundary nearest the playhead's share of the
 * characters. Null when the playhead is outside the cue or the cut would leave a side without words.
 */
export function splitOffsetAtTime(cue: Pick<CaptionCue, 'text' | 'startSec' | 'endSec' | 'words'>, t: number): number | null {
  if (!(t > cue.startSec && t < cue.endSec)) return null;
  const starts = [...cue.text.matchAll(/\S+/g)].map((m) => m.index);
  if (starts.length < 2) return null;
  let at: number;
  if (cue.words && cue.words.length === starts.length) {
    at = cue.words.findIndex((w) => w.startSec >= t);
    if (at === -1) at = starts.length - 1;
  } else {
    const share = ((t - cue.startSec) / (cue.endSec - cue.startSec)) * cue.text.length;
    at = 1;
    for (let k = 1; k < starts.length; k++) if (Math.abs(starts[k]! - share) < Math.abs(starts[at]! - share)) at = k;
  }
  return at > 0 && at < starts.length ? starts[at]! : null;
}

/** Findings per cue id, in the order checkTrack gave them. */
export function findingsByCue(findings: readonly CaptionFinding[]): Map<string, CaptionFinding[]> {
  const out = new Map<string, CaptionFinding[]>();
  for (const f of findings) {
    const list = out.get(f.cueId);
    if (list) list.push(f);
    else out.set(f.cueId, [f]);
  }
  return out;
}

/** "Draft name.en.srt": the names players pick a sidecar's language from; characters no file system takes removed. */
export function subtitleFileName(draftName: string, track: Pick<CaptionTrack, 'language'>, format: SubtitleFormat): string {
  // eslint-disable-next-line no-control-regex -- control characters are what file systems refuse
  const safe = draftName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '') || 'captions';
  return `${safe}.${track.language}.${format}`;
}

/** The language tag in a subtitle file's name ("clip.fi.srt" → "fi", "clip.pt-BR.vtt" → "pt-BR"), or null. */
export function languageFromFileName(fileName: string, isTag: (s: string) => boolean): string | null {
  const parts = fileName.split('.');
  if (parts.length < 3) return null;
  const tag = parts[parts.length - 2]!;
  return /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/.test(tag) && isTag(tag) ? tag : null;
}

/** The languages the track dialogs offer first (any other tag a track already has is added to the list). */
export const COMMON_LANGUAGES = ['en', 'fi', 'sv', 'da', 'nb', 'de', 'fr', 'es', 'it', 'pt', 'pt-BR', 'nl', 'pl', 'et', 'ru', 'uk', 'tr', 'ar', 'hi', 'ja', 'ko', 'zh', 'und'] as const;

export function languageChoices(current: string | null): string[] {
  const list: string[] = [...COMMON_LANGUAGES];
  return current && !list.includes(current) ? [current, ...list] : list;
}

/** What a key does in the cue list (the row, not its text editor). Null: not ours (the editor's keys apply). */
export type CueListKey = 'edit' | 'prev' | 'next' | 'split' | 'merge' | 'delete' | 'add';

export function cueListKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): CueListKey | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  switch (key) {
    case 'Enter':
    case 'F2':
      return 'edit';
    case 'ArrowUp':
      return 'prev';
    case 'ArrowDown':
      return 'next';
    case 's':
      return 'split';
    case 'm':
      return 'merge';
    case 'Delete':
    case 'Backspace':
      return 'delete';
    case 'n':
      return 'add';
    default:
      return null;
  }
}

/** What a key does in a cue's text editor: commit (Enter), cancel (Esc), split at the cursor / merge (Alt+S / Alt+M). */
export type CueTextKey = 'commit' | 'cancel' | 'split' | 'merge';

export function cueTextKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; isComposing?: boolean }): CueTextKey | null {
  if (e.isComposing) return null;
  if (e.key === 'Escape') return 'cancel';
  if (e.key === 'Enter' && !e.shiftKey && !e.altKey) return 'commit';
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    // Alt+S on a Mac types "ß": the code names the key whatever the layout makes of it.
    const k = e.key.toLowerCase();
    if (k === 's' || k === 'ß') return 'split';
    if (k === 'm' || k === 'µ') return 'merge';
  }
  return null;
}

/** A row's height before it is measured: its lines, and a line for each finding (the list measures real rows). */
export function estimateRowHeight(cue: Pick<CaptionCue, 'text'>, findings: number): number {
  return 40 + 20 * cue.text.split('\n').length + 30 * findings;
}

/**
 * The cursor's place in the text as it will be saved (normalizeCueText collapses spaces and drops blank lines):
 * the same word and the same place in it, so a split at the cursor of a text being typed cuts where it was.
 */
export function normalizedOffset(raw: string, cursor: number, normal: string): number {
  const rawWords = [...raw.matchAll(/\S+/g)];
  const normWords = [...normal.matchAll(/\S+/g)];
  for (let k = 0; k < rawWords.length && k < normWords.length; k++) {
    const start = rawWords[k]!.index;
    if (cursor < start) return normWords[k]!.index;
    if (cursor < start + rawWords[k]![0].length) return normWords[k]!.index + (cursor - start);
  }
  return normal.length;
}

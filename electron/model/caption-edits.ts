import { applyFix, balancedBreak, type CaptionFix, defaultReadingRules } from './caption-checks';
import { isCaptionStyleId } from './caption-style';
import { CAPTION_MAX_SEC, CAPTION_TRACKS_MAX, CaptionCue, CaptionText, CaptionTrack, cueTokens, freeId, LanguageTag, sortCues, wordsProblem, withCueText } from './caption-track';
import { draftDuration, type VideoDraft } from './draft';
import type { EditRefusal } from './timeline';

/**
 * Edits of a draft's caption tracks (docs/captions.md "Editing"). Each op is built from its arguments and then
 * applied to a document — `(doc) => EditResult`, pure — so the editor runs it through `useEditor.edit(fn)` as one
 * undo step, like a timeline edit. A refused op changes nothing and says what to do instead.
 *
 * What every op keeps (caption-edits.property.test.ts): the draft's `captions` still pass `CaptionTracks`, and no
 * word is lost or invented except the ones the op deletes (a deleted cue, a removed track, text the user retyped).
 * Timing edits (move, trim, shift all) are caption-timing.ts.
 */

/** An edit's result with the ids it made or changed, so the panel can focus the new cue or show the new track. */
export type CaptionEditResult =
  | { ok: true; draft: VideoDraft; clipId: null; trackId: string | null; cueId: string | null }
  | { ok: false; reason: EditRefusal; message: string };
export type CaptionEdit = (doc: VideoDraft) => CaptionEditResult;

/** A caption added at the playhead lasts this long when the gap allows. */
export const NEW_CUE_SEC = 2;

const refuse = (reason: EditRefusal, message: string): CaptionEditResult => ({ ok: false, reason, message });
const round3 = (s: number) => Math.round(s * 1000) / 1000;

function tracksOf(doc: VideoDraft): CaptionTrack[] {
  return doc.captions ?? [];
}

function withTracks(doc: VideoDraft, tracks: CaptionTrack[], trackId: string | null, cueId: string | null): CaptionEditResult {
  return { ok: true, draft: { ...doc, captions: tracks }, clipId: null, trackId, cueId };
}

const trackGone = () => refuse('not_found', 'That caption track is no longer in this draft (it was removed, or an undo took it back). Pick a track from the list.');
const cueGone = () => refuse('not_found', 'That caption is no longer in this track (it was deleted, merged or undone). Pick another one in the list.');

/** Runs `fn` on the track, replacing it in the draft; refuses when the track is gone. */
function onTrack(trackId: string, fn: (track: CaptionTrack) => { track: CaptionTrack; cueId: string | null } | CaptionEditResult): CaptionEdit {
  return (doc) => {
    const tracks = tracksOf(doc);
    const i = tracks.findIndex((t) => t.id === trackId);
    const track = tracks[i];
    if (!track) return trackGone();
    const out = fn(track);
    if ('ok' in out) return out;
    if (out.track === track) return { ok: true, draft: doc, clipId: null, trackId, cueId: out.cueId };
    return withTracks(doc, tracks.map((t, k) => (k === i ? out.track : t)), trackId, out.cueId);
  };
}

/** Runs `fn` on one cue of a track (with its index); refuses when either is gone. */
function onCue(trackId: string, cueId: string, fn: (track: CaptionTrack, cue: CaptionCue, index: number) => { track: CaptionTrack; cueId: string | null } | CaptionEditResult): CaptionEdit {
  return onTrack(trackId, (track) => {
    const i = track.cues.findIndex((c) => c.id === cueId);
    const cue = track.cues[i];
    return cue ? fn(track, cue, i) : cueGone();
  });
}

const replaceCues = (track: CaptionTrack, from: number, count: number, cues: CaptionCue[]): CaptionTrack => ({
  ...track,
  cues: sortCues([...track.cues.slice(0, from), ...cues, ...track.cues.slice(from + count)]),
});

/** The first problem the schema finds in a cue, as a sentence, or null when it is valid. */
function cueProblem(cue: CaptionCue): string | null {
  const r = CaptionCue.safeParse(cue);
  return r.success ? null : r.error.issues[0]!.message;
}

// ── tracks ──────────────────────────────────────────────────────────────────

export type NewTrack = { name: string; language: string; cues?: CaptionCue[]; styleId?: string | null };

export function addTrack(input: NewTrack): CaptionEdit {
  return (doc) => {
    const tracks = tracksOf(doc);
    if (tracks.length >= CAPTION_TRACKS_MAX) return refuse('invalid_value', `A draft holds at most ${CAPTION_TRACKS_MAX} caption tracks. Delete one you no longer need, then add this one.`);
    if (input.styleId && !isCaptionStyleId(input.styleId)) return refuse('invalid_value', `There is no caption style “${input.styleId}”. Pick one from the style list.`);
    if (!LanguageTag.safeParse(input.language).success) return refuse('invalid_value', 'Use a language tag like "en", "fi" or "pt-BR" for the track.');
    const id = freeId('captions', new Set(tracks.map((t) => t.id)));
    const parsed = CaptionTrack.safeParse({ id, name: input.name, language: input.language, cues: sortCues(input.cues ?? []), ...(input.styleId ? { styleId: input.styleId } : {}) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const what = issue.path[0] === 'name' ? 'Give the track a name (at most 80 characters).' : `${issue.message}.`;
      return refuse('invalid_value', `This caption track could not be added: ${what}`);
    }
    return withTracks(doc, [...tracks, parsed.data], id, null);
  };
}

/** All of a track's cues replaced (Sync to script or auto-captions redone); its id, name and style stay. */
export function setTrackCues(trackId: string, cues: readonly CaptionCue[]): CaptionEdit {
  return onTrack(trackId, (track) => {
    const parsed = CaptionTrack.safeParse({ ...track, cues: sortCues(cues) });
    if (!parsed.success) return refuse('invalid_value', `These captions do not fit a caption track: ${parsed.error.issues[0]!.message}.`);
    return { track: parsed.data, cueId: null };
  });
}

/** "English", or "English 2", "English 3"… when a track already has that name (two tracks read apart in the editor). */
export function uniqueTrackName(name: string, tracks: readonly Pick<CaptionTrack, 'name'>[]): string {
  const taken = new Set(tracks.map((t) => t.name));
  const base = name.trim().slice(0, 80) || 'Captions';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const next = `${base.slice(0, 76)} ${n}`;
    if (!taken.has(next)) return next;
  }
}

export function removeTrack(trackId: string): CaptionEdit {
  return (doc) => {
    const tracks = tracksOf(doc);
    if (!tracks.some((t) => t.id === trackId)) return trackGone();
    return withTracks(doc, tracks.filter((t) => t.id !== trackId), null, null);
  };
}

/** A track's name, and its language when given (the tag sidecar files are named with). */
export function renameTrack(trackId: string, name: string, language?: string): CaptionEdit {
  return onTrack(trackId, (track) => {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 80) return refuse('invalid_value', 'A caption track needs a name of 1 to 80 characters, like “English” or “Suomi”.');
    if (language !== undefined && !LanguageTag.safeParse(language).success) return refuse('invalid_value', 'Use a language tag like "en", "fi" or "pt-BR" for the track.');
    const lang = language ?? track.language;
    if (trimmed === track.name && lang === track.language) return { track, cueId: null };
    return { track: { ...track, name: trimmed, language: lang }, cueId: null };
  });
}

/** The style the track is burned in with; null: not burned in (it still exports as a subtitle file). */
export function setTrackStyle(trackId: string, styleId: string | null): CaptionEdit {
  return onTrack(trackId, (track) => {
    if (styleId !== null && !isCaptionStyleId(styleId)) return refuse('invalid_value', `There is no caption style “${styleId}”. Pick one from the style list.`);
    if ((track.styleId ?? null) === styleId) return { track, cueId: null };
    const { styleId: _old, ...rest } = track;
    return { track: styleId === null ? rest : { ...rest, styleId }, cueId: null };
  });
}

// ── cues ────────────────────────────────────────────────────────────────────

/** New text for a cue: word timings stay when the number of words does (withCueText). */
export function setCueText(trackId: string, cueId: string, text: string): CaptionEdit {
  return onCue(trackId, cueId, (track, cue, i) => {
    const checked = CaptionText.safeParse(text);
    if (!checked.success) {
      const msg = checked.error.issues[0]!.message;
      return refuse('invalid_value', normalizeEmpty(text) ? `${msg}. Type some words, or delete the caption.` : `${msg}.`);
    }
    if (checked.data === cue.text) return { track, cueId };
    return { track: replaceCues(track, i, 1, [withCueText(cue, checked.data)]), cueId };
  });
}

const normalizeEmpty = (text: string) => text.trim() === '';

/**
 * Where a cursor at `charOffset` in `text` splits it: the number of words before it, or null when the cursor
 * is inside a word or has no word on one side.
 */
export function wordIndexAt(text: string, charOffset: number): number | null {
  if (!Number.isInteger(charOffset) || charOffset <= 0 || charOffset >= text.length) return null;
  const inWord = /\S/.test(text[charOffset - 1]!) && /\S/.test(text[charOffset]!);
  if (inWord) return null;
  const before = cueTokens(text.slice(0, charOffset)).length;
  return before > 0 && before < cueTokens(text).length ? before : null;
}

/**
 * Splits a cue at the cursor (a character offset in its text, between two words). The second part starts at its
 * first word's own time when the cue has word timings, otherwise where the characters divide the cue's time.
 */
export function splitCue(trackId: string, cueId: string, charOffset: number): CaptionEdit {
  return onCue(trackId, cueId, (track, cue) => {
    if (cueTokens(cue.text).length < 2) return refuse('invalid_value', 'This caption has one word: there is nothing to split. Add words first, or merge it with the next one.');
    const at = wordIndexAt(cue.text, charOffset);
    if (at === null) return refuse('invalid_value', 'Put the cursor between two words (after a space), then split.');
    const after = applyFix(track, { kind: 'split', cueId, atWord: at });
    if (after === track) return refuse('too_short', 'These words are timed at the same moment, so one part would have no time on screen. Split between other words, or retime them first.');
    const taken = new Set(track.cues.map((c) => c.id));
    return { track: after, cueId: after.cues.find((c) => !taken.has(c.id))!.id };
  });
}

/** One cue from a cue and the next in time order: text re-broken into at most two lines when it fits. */
export function mergeWithNext(trackId: string, cueId: string): CaptionEdit {
  return onCue(trackId, cueId, (track, a, i) => {
    const b = track.cues[i + 1];
    if (!b) return refuse('not_found', 'This is the last caption: there is no next one to merge it with. Merge the one before it instead.');
    const joined = `${a.text} ${b.text}`;
    const text = balancedBreak(joined, defaultReadingRules.maxCharsPerLine, defaultReadingRules.maxLines) ?? `${a.text}\n${b.text}`;
    const endSec = Math.max(a.endSec, b.endSec);
    // Word timings survive only when both had them and they still run in order (overlapping cues do not).
    const words = a.words && b.words ? [...a.words, ...b.words] : undefined;
    const { words: _a, ...base } = a;
    const merged: CaptionCue = { ...base, text, endSec, ...(words && !wordsProblem(text, a.startSec, endSec, words) ? { words } : {}) };
    const problem = cueProblem(merged);
    if (problem) return refuse('invalid_value', `These two captions cannot become one: ${problem}. Shorten one of them first.`);
    return { track: replaceCues(track, i, 2, [merged]), cueId };
  });
}

export function deleteCue(trackId: string, cueId: string): CaptionEdit {
  return onCue(trackId, cueId, (track, _cue, i) => ({ track: replaceCues(track, i, 1, []), cueId: null }));
}

/**
 * The free time around `t` in a track: from the latest end at or before t to the earliest start after it. Null
 * when a cue is showing at t.
 */
export function gapAt(track: Pick<CaptionTrack, 'cues'>, t: number): { from: number; to: number } | null {
  let from = 0;
  let to = CAPTION_MAX_SEC;
  for (const c of track.cues) {
    if (c.startSec <= t && t < c.endSec) return null;
    if (c.endSec <= t) from = Math.max(from, c.endSec);
    if (c.startSec > t) to = Math.min(to, c.startSec);
  }
  return { from, to };
}

/**
 * A new cue at `t` (the playhead): NEW_CUE_SEC long, pulled earlier when the next cue is near, never over
 * another cue; refused when the gap is shorter than the minimum reading time.
 */
export function addCueAt(trackId: string, t: number, text: string): CaptionEdit {
  return (doc) => onTrack(trackId, (track) => {
    const checked = CaptionText.safeParse(text);
    if (!checked.success) return refuse('invalid_value', `${checked.error.issues[0]!.message}.`);
    const time = Math.min(Math.max(0, t), CAPTION_MAX_SEC);
    const gap = gapAt(track, time);
    if (!gap) return refuse('track_busy', 'A caption is already showing at the playhead. Move the playhead to a moment without one, or edit that caption.');
    // A new caption ends with the video (past its last frame nobody sees it); a draft with nothing in it has no end yet.
    const videoEnd = draftDuration(doc);
    const to = videoEnd > gap.from ? Math.min(gap.to, videoEnd) : gap.to;
    const min = defaultReadingRules.minDurationSec;
    const start = round3(Math.max(gap.from, Math.min(time, to - NEW_CUE_SEC)));
    const end = round3(Math.min(to, start + NEW_CUE_SEC));
    if (end - start < min - 1e-9) {
      const free = Math.max(0, Math.round((to - gap.from) * 10) / 10);
      return refuse('track_busy', `There is only ${free} s free here, and a caption needs at least ${min} s to be read. Move the playhead to a wider gap, or shorten the caption next to it.`);
    }
    const id = freeId('cue', new Set(track.cues.map((c) => c.id)));
    const cue: CaptionCue = { id, text: checked.data, startSec: start, endSec: end };
    return { track: { ...track, cues: sortCues([...track.cues, cue]) }, cueId: id };
  })(doc);
}

/** A reading-check fix (caption-checks.ts), refused when it no longer fits the cue. */
export function applyCaptionFix(trackId: string, fix: CaptionFix): CaptionEdit {
  return onTrack(trackId, (track) => {
    const after = applyFix(track, fix);
    if (after === track) return refuse('invalid_value', 'This fix no longer fits the caption (it changed since it was checked). Look at the caption again: the check shows what it needs now.');
    return { track: after, cueId: fix.cueId };
  });
}

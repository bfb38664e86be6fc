import { CAPTION_MAX_SEC, type CaptionCue, type CaptionTrack, type CaptionWord } from './caption-track';
import type { VideoDraft } from './draft';
import type { Span } from './speech-chunks';
import type { EditResult } from './timeline';
import { snapCandidates } from './timeline-snap';

/**
 * Timing edits of caption cues on the timeline's caption row (docs/captions.md "Timeline row"): move, trim,
 * shift all, snap to speech. Pure functions `(draft) → EditResult`, so the editor's `edit(fn, { key, sticky })`
 * makes a drag one undo step. Text edits (split, merge, retype) are caption-edits.ts.
 *
 * Every function keeps the track invariants of caption-track.ts: 0 ≤ start < end ≤ 24 h, cues in start order,
 * word timings inside their cue, in order and not overlapping (wordsProblem stays null). Words move with their
 * cue; a trim clips the words it cuts into zero-length words at the new edge (their text must stay: `words` spell
 * the cue's text token for token), which is what a recogniser emits for a word it barely heard.
 *
 * Neighbours: a moved or trimmed cue **stops at its neighbour's edge** (clamped), it is not refused. A drag that
 * is refused stops following the pointer a few pixels short of the neighbour and leaves a gap the creator did
 * not ask for; clamped, the cue sits flush against it, which is what "drag it up to the next one" means. Overlaps
 * a file brought in (imports keep them, reading checks report them) are never made worse and never forced apart
 * by a drag: the bound is the neighbour's edge or the cue's own place, whichever is further.
 */

/** The shortest a cue can be trimmed to: a few frames, long enough to grab and see. Reading checks ask for more. */
export const CUE_MIN_SEC = 0.1;
/** How far "Snap to speech" looks for a speech edge from each of a cue's edges. */
export const SPEECH_SNAP_SEC = 0.5;

export type { Span };

const done = (draft: VideoDraft): EditResult => ({ ok: true, draft, clipId: null });
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** Times to the microsecond: float noise from adding deltas does not pile up over many nudges. */
const tidy = (t: number) => Math.round(t * 1e6) / 1e6 + 0;

type Found = { track: CaptionTrack; trackIndex: number; cue: CaptionCue; index: number };

function find(draft: VideoDraft, trackId: string, cueId: string | null): Found | EditResult {
  const trackIndex = (draft.captions ?? []).findIndex((t) => t.id === trackId);
  if (trackIndex < 0) return { ok: false, reason: 'not_found', message: 'That caption track is not in this draft any more. Reopen the draft.' };
  const track = draft.captions![trackIndex]!;
  if (cueId === null) return { track, trackIndex, cue: track.cues[0]!, index: -1 };
  const index = track.cues.findIndex((c) => c.id === cueId);
  if (index < 0) return { ok: false, reason: 'not_found', message: 'That caption is not on the track any more.' };
  return { track, trackIndex, cue: track.cues[index]!, index };
}

function withCues(draft: VideoDraft, trackIndex: number, cues: CaptionCue[]): VideoDraft {
  const captions = draft.captions!.slice();
  captions[trackIndex] = { ...captions[trackIndex]!, cues };
  return { ...draft, captions };
}

function replaceCue(draft: VideoDraft, f: Found, cue: CaptionCue): VideoDraft {
  if (cue.startSec === f.cue.startSec && cue.endSec === f.cue.endSec && cue.words === f.cue.words) return draft;
  const cues = f.track.cues.slice();
  cues[f.index] = cue;
  return withCues(draft, f.trackIndex, cues);
}

/**
 * How far a cue's edges may go without making an overlap it did not have: its start no earlier than the latest
 * end before it (or its own start, if it already overlaps that), its end no later than the next cue's start (or
 * its own end). Also 0 and 24 h.
 */
export function cueBounds(track: CaptionTrack, index: number): { lo: number; hi: number } {
  const cue = track.cues[index]!;
  let prevEnd = 0;
  for (let i = 0; i < index; i++) prevEnd = Math.max(prevEnd, track.cues[i]!.endSec);
  const next = track.cues[index + 1];
  return { lo: Math.max(0, Math.min(cue.startSec, prevEnd)), hi: Math.min(CAPTION_MAX_SEC, Math.max(cue.endSec, next ? next.startSec : CAPTION_MAX_SEC)) };
}

const shiftWords = (words: CaptionWord[] | undefined, d: number, round: (t: number) => number) =>
  words?.map((w) => ({ ...w, startSec: round(w.startSec + d), endSec: round(w.endSec + d) }));
const exact = (t: number) => t;

/** A cue moved by `d`, its times rounded to the microsecond unless that would empty it (a file's cue may be shorter). */
function shifted(cue: CaptionCue, d: number, round: (t: number) => number = tidy): CaptionCue {
  if (round !== exact && tidy(cue.endSec + d) <= tidy(cue.startSec + d)) return shifted(cue, d, exact);
  const words = shiftWords(cue.words, d, round);
  const out: CaptionCue = { ...cue, startSec: round(cue.startSec + d), endSec: round(cue.endSec + d) };
  if (words) out.words = fitWords(words, out.startSec, out.endSec);
  return out;
}

/** Words kept inside [start, end] and in order: each edge clipped, so a cut word lasts zero seconds at the edge. */
function fitWords(words: CaptionWord[], start: number, end: number): CaptionWord[] {
  let prev = start;
  return words.map((w) => {
    const s = clamp(w.startSec, prev, end);
    const e = clamp(w.endSec, s, end);
    prev = e;
    return s === w.startSec && e === w.endSec ? w : { ...w, startSec: s, endSec: e };
  });
}

/** Moves a cue by `deltaSec` (its words with it), stopping at 0, 24 h and its neighbours (see above). */
export function moveCue(draft: VideoDraft, trackId: string, cueId: string, deltaSec: number): EditResult {
  const f = find(draft, trackId, cueId);
  if ('ok' in f) return f;
  if (!Number.isFinite(deltaSec)) return { ok: false, reason: 'invalid_value', message: 'Move the caption by a number of seconds.' };
  const { lo, hi } = cueBounds(f.track, f.index);
  const dur = f.cue.endSec - f.cue.startSec;
  const start = clamp(f.cue.startSec + deltaSec, lo, Math.max(lo, hi - dur));
  const d = start - f.cue.startSec;
  if (Math.abs(d) < 1e-9) return done(draft);
  const moved = shifted(f.cue, d);
  // Rounding must not carry the cue past a bound that is off the microsecond grid (a neighbour's time from a file).
  return done(replaceCue(draft, f, moved.startSec >= lo && moved.endSec <= hi ? moved : shifted(f.cue, d, exact)));
}

/** Puts a cue's start at `sec`: no earlier than its bound, no later than CUE_MIN_SEC before its end. */
export function trimCueStart(draft: VideoDraft, trackId: string, cueId: string, sec: number): EditResult {
  const f = find(draft, trackId, cueId);
  if ('ok' in f) return f;
  if (!Number.isFinite(sec)) return { ok: false, reason: 'invalid_value', message: 'Give the caption’s start as a time.' };
  const { lo } = cueBounds(f.track, f.index);
  const { startSec, endSec } = f.cue;
  // A cue already shorter than the minimum may only grow; a start never passes the next cue's (the order holds).
  const next = f.track.cues[f.index + 1]?.startSec ?? Infinity;
  const start = clamp(sec, Math.min(lo, startSec), Math.max(startSec, Math.min(next, endSec - CUE_MIN_SEC)));
  const cue: CaptionCue = { ...f.cue, startSec: start };
  if (f.cue.words) cue.words = fitWords(f.cue.words, start, endSec);
  return done(replaceCue(draft, f, cue));
}

/** Puts a cue's end at `sec`: no later than its bound, no earlier than CUE_MIN_SEC after its start. */
export function trimCueEnd(draft: VideoDraft, trackId: string, cueId: string, sec: number): EditResult {
  const f = find(draft, trackId, cueId);
  if ('ok' in f) return f;
  if (!Number.isFinite(sec)) return { ok: false, reason: 'invalid_value', message: 'Give the caption’s end as a time.' };
  const { hi } = cueBounds(f.track, f.index);
  const { startSec, endSec } = f.cue;
  const end = clamp(sec, Math.min(endSec, startSec + CUE_MIN_SEC), Math.max(hi, endSec));
  const cue: CaptionCue = { ...f.cue, endSec: end };
  if (f.cue.words) cue.words = fitWords(f.cue.words, startSec, end);
  return done(replaceCue(draft, f, cue));
}

/**
 * Shifts every cue of a track by `deltaSec` (captions made for another cut, a recording with a lead-in). Refused,
 * saying by how much it may shift, when a cue would start before 0 or end after 24 h: clamping would squash the
 * first cues together, which is not what "shift" means.
 */
export function shiftAll(draft: VideoDraft, trackId: string, deltaSec: number): EditResult {
  const f = find(draft, trackId, null);
  if ('ok' in f) return f;
  if (!Number.isFinite(deltaSec)) return { ok: false, reason: 'invalid_value', message: 'Shift the captions by a number of seconds.' };
  const cues = f.track.cues;
  if (cues.length === 0 || deltaSec === 0) return done(draft);
  const first = Math.min(...cues.map((c) => c.startSec));
  const last = Math.max(...cues.map((c) => c.endSec));
  if (first + deltaSec < -1e-6) {
    return { ok: false, reason: 'invalid_value', message: `The first caption starts at ${first.toFixed(2)} s, so the captions can move at most ${first.toFixed(2)} s earlier. Shift them by less.` };
  }
  if (last + deltaSec > CAPTION_MAX_SEC) return { ok: false, reason: 'invalid_value', message: 'That would move the last caption past 24 hours. Shift them by less.' };
  // A start a hair under 0 from float noise is 0 (the check above allows it).
  return done(withCues(draft, f.trackIndex, cues.map((c) => shifted(c, c.startSec + deltaSec < 0 ? -c.startSec : deltaSec))));
}

// ── snapping ────────────────────────────────────────────────────────────────

/** The speech edge nearest `sec` within `withinSec` (`edge`: speech starts for a cue's start, ends for its end), or null. */
export function nearestSpeechEdge(sec: number, spans: readonly Span[], edge: 'start' | 'end', withinSec = SPEECH_SNAP_SEC): number | null {
  let best: number | null = null;
  for (const s of spans) {
    const t = edge === 'start' ? s.startSec : s.endSec;
    if (Math.abs(t - sec) <= withinSec && (best === null || Math.abs(t - sec) < Math.abs(best - sec))) best = t;
  }
  return best;
}

/**
 * "Snap to speech" for one cue: its start to the nearest start of speech and its end to the nearest end of
 * speech, each within `withinSec`; an edge with none that near stays. Neighbours and the minimum length hold as
 * for a trim. Unchanged draft when nothing is near.
 */
export function snapCueToSpeech(draft: VideoDraft, trackId: string, cueId: string, spans: readonly Span[], withinSec = SPEECH_SNAP_SEC): EditResult {
  const f = find(draft, trackId, cueId);
  if ('ok' in f) return f;
  const start = nearestSpeechEdge(f.cue.startSec, spans, 'start', withinSec);
  const end = nearestSpeechEdge(f.cue.endSec, spans, 'end', withinSec);
  let doc = draft;
  // The end first when it grows, so a start moving later never meets the minimum against the old end.
  const steps: ((d: VideoDraft) => EditResult)[] = [];
  if (end !== null) steps.push((d) => trimCueEnd(d, trackId, cueId, end));
  if (start !== null) steps.push((d) => trimCueStart(d, trackId, cueId, start));
  if (end !== null && start !== null && end < f.cue.endSec) steps.reverse();
  for (const step of steps) {
    const r = step(doc);
    if (!r.ok) return r;
    doc = r.draft;
  }
  return done(doc);
}

/** "Snap all to speech": every cue of the track in turn (earlier cues first, so each sees its neighbours' new edges). */
export function snapAllToSpeech(draft: VideoDraft, trackId: string, spans: readonly Span[], withinSec = SPEECH_SNAP_SEC): EditResult {
  const f = find(draft, trackId, null);
  if ('ok' in f) return f;
  let doc = draft;
  for (const cue of f.track.cues) {
    const r = snapCueToSpeech(doc, trackId, cue.id, spans, withinSec);
    if (!r.ok) return r;
    doc = r.draft;
  }
  return done(doc);
}

/**
 * What a dragged cue edge is drawn to (sorted, without duplicates): the timeline's own candidates (0, the
 * playhead, every clip's edges), the other cues' edges on this track, and the speech edges.
 */
export function cueSnapCandidates(draft: VideoDraft, opts: { trackId: string; excludeCueId?: string; playhead?: number | null; speech?: readonly Span[]; ownCues?: boolean }): number[] {
  const times = snapCandidates(draft, { playhead: opts.playhead });
  // `ownCues: false` for a drag that moves the whole track: its cues move along, their old edges mean nothing.
  const track = opts.ownCues === false ? undefined : draft.captions?.find((t) => t.id === opts.trackId);
  for (const c of track?.cues ?? []) if (c.id !== opts.excludeCueId) times.push(c.startSec, c.endSec);
  for (const s of opts.speech ?? []) times.push(s.startSec, s.endSec);
  times.sort((a, b) => a - b);
  const out: number[] = [];
  for (const t of times) if (out.length === 0 || t - out[out.length - 1]! > 1e-9) out.push(t);
  return out;
}

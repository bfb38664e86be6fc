import { clipDuration, type MediaClip, type VideoDraft } from './draft';
import { clipStateAt } from './keyframes';
import { type EditResult, findClip, insertClip, MAX_TIMELINE_SEC, type SourceInfo, sourceTimeAt, splitClip, toFrames } from './timeline';

/**
 * Freeze frame (issue 14 §3; docs/reverse-freeze.md): the frame of a video clip at the playhead held as a still
 * for FREEZE_SEC. The host extracts the frame from the ORIGINAL at full size and imports it as a photo
 * (studio/freeze-api.ts); this file says which source moment that is and makes the edit.
 */

export const FREEZE_SEC = 3;

/**
 * The source moment a frame of a clip shows at timeline time `t`, snapped to the start of the source frame the
 * preview and export show (`fps` of the source; null: not snapped). A reversed clip plays `in..out` backwards, so
 * its moment mirrors inside the range. `seek` is a quarter frame earlier: ffmpeg's accurate seek returns the first
 * frame at or after it, which is that frame whichever way its timestamp rounds.
 */
export function frameSourceTime(clip: MediaClip, t: number, fps: number | null): { at: number; seek: number } {
  const s = sourceTimeAt(clip, t);
  if (!fps || !(fps > 0)) {
    const at = clip.reversed ? clip.in + clip.out - s : s;
    return { at, seek: at };
  }
  // Forwards the frame holding s; reversed the frame that ENDS at the mirrored time (the copy's frame j is the
  // source's frame N−1−j: model/reverse.ts).
  const k = clip.reversed ? Math.ceil((clip.in + clip.out - s) * fps - 1e-6) - 1 : Math.floor(s * fps + 1e-6);
  const frame = Math.max(0, k);
  return { at: frame / fps, seek: Math.max(0, (frame - 0.25) / fps) };
}

/** "0:03.20": minutes, seconds and hundredths, as the library names the still. */
export function freezeTimeLabel(sec: number): string {
  const cs = Math.round(Math.max(0, sec) * 100);
  const m = Math.floor(cs / 6000);
  const s = Math.floor((cs % 6000) / 100);
  return `${m}:${String(s).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`;
}

/**
 * The still's name in the library: the media and the moment first ("pan.mp4 · 0:02.50 (freeze)"), what tells
 * stills apart in the editor's narrow media list. It used to lead with "Freeze frame of …", which that list cut
 * before the part that differs (walk finding #51); stills named so before keep their names.
 */
export function freezeFrameName(assetName: string, sourceSec: number): string {
  return `${assetName} · ${freezeTimeLabel(sourceSec)} (freeze)`;
}

/**
 * Splits a video clip at `at` and puts a FREEZE_SEC still (`stillAssetId`, a photo) between the parts. The still
 * keeps the clip's transform, look and chroma key, with the keyframes' values at that moment baked into the
 * transform (a still does not move); it is silent and has no fades or transition. On the main track the rest
 * ripples later (the track is packed); on another track the clips from `at` on move FREEZE_SEC later. At the
 * clip's first frame nothing is split: the still goes before it. The result's clipId is the still's.
 */
export function freezeFrame(
  draft: VideoDraft,
  clipId: string,
  at: number,
  stillAssetId: string,
  info: SourceInfo,
  idFor: (prefix: string) => string,
): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return { ok: false, reason: 'not_found', message: `Clip ${clipId} is not in this draft any more. Select a video clip and try again.` };
  const { clip, track } = found;
  if (clip.type !== 'media' || info(clip.assetId)?.kind !== 'video') {
    return { ok: false, reason: 'invalid_value', message: 'Freeze frame works on video clips. Select a video clip and put the playhead on the frame to hold.' };
  }
  const fps = draft.canvas.fps;
  const a = toFrames(at, fps);
  const s = toFrames(clip.start, fps);
  const e = s + toFrames(clipDuration(clip), fps);
  if (a < s || a >= e) return { ok: false, reason: 'near_edge', message: 'Put the playhead over the clip, on the frame to hold, then freeze it.' };
  const last = Math.max(...draft.tracks.flatMap((t) => t.clips.map((c) => toFrames(c.start + clipDuration(c), fps))), 0);
  if ((last + toFrames(FREEZE_SEC, fps)) / fps > MAX_TIMELINE_SEC) {
    return { ok: false, reason: 'track_busy', message: `A freeze frame would make this draft longer than ${MAX_TIMELINE_SEC / 60} minutes. Shorten it first.` };
  }
  let doc = draft;
  if (a > s) {
    const split = splitClip(draft, clipId, a / fps, idFor);
    if (!split.ok) return split;
    doc = split.draft;
  }
  const state = clipStateAt(clip, a / fps);
  const still: MediaClip = {
    id: idFor('clip'),
    type: 'media',
    assetId: stillAssetId,
    start: a / fps,
    in: 0,
    out: FREEZE_SEC,
    speed: 1,
    volume: 1,
    fadeIn: 0,
    fadeOut: 0,
    transform: { ...clip.transform, x: state.x, y: state.y, scale: state.scale, rotation: state.rotation, opacity: state.opacity },
    transitionIn: null,
    brand: null,
    ...(clip.look ? { look: clip.look } : {}),
    ...(clip.chromaKey ? { chromaKey: clip.chromaKey } : {}),
  };
  if (track.kind !== 'main') {
    // Make room: every clip of this track from the playhead on moves the still's length later.
    const push = toFrames(FREEZE_SEC, fps);
    doc = {
      ...doc,
      tracks: doc.tracks.map((t) => (t.id !== track.id ? t : { ...t, clips: t.clips.map((c) => (toFrames(c.start, fps) >= a ? { ...c, start: (toFrames(c.start, fps) + push) / fps } : c)) })),
    };
  }
  return insertClip(doc, track.id, still, a / fps, info);
}

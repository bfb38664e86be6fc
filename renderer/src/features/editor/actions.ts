import type { Asset, AssetSummary } from '../../../../electron/model/asset';
import { clipDuration, clipEnd, defaultTextStyle, type VideoDraft } from '../../../../electron/model/draft';
import { deleteClips, findClip, formatTimecode, insertClip, mainTrack, newMediaClip, newTextClip, overlayTransform, snapDrop, splitClip, trimClip } from '../../../../electron/model/timeline';
import { placeNewOverlay, placeNewText } from '../../../../electron/model/layer-placement';
import { type AudioSlot, audioSlot } from '../../../../electron/model/audio-slot';
import { call, errorText } from '../../api/client';
import { currentBeats } from './timeline/beatsStore';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { idFor, useEditor } from '../../store/editorStore';
import { addKitText } from './kitActions';
import { textEntryPlace } from './textEntryLogic';
import { insertTitle } from './titlePlacement';
import { kitById, useKits } from './kitStore';

/**
 * Editor commands shared by buttons, the timeline and the keyboard. Each is one call of a timeline function
 * through `edit()`, so it is one undo step and autosaved.
 */
const ed = () => useEditor.getState();

/** The track an asset of this kind goes on when added with "+": main for pictures, the first audio track for sound. */
export function defaultTrackFor(doc: VideoDraft, kind: AssetSummary['kind']): string | null {
  if (kind === 'audio') return doc.tracks.find((tr) => tr.kind === 'audio')?.id ?? null;
  return mainTrack(doc)?.id ?? doc.tracks.find((tr) => tr.kind === 'overlay')?.id ?? null;
}

/** A drop from the bin on a lane: the pointer's pixel in it, the zoom, and how far snapping reaches (0: off). */
export type BinDrop = { x: number; pxPerSec: number; snapSec: number };

/**
 * Full facts first (the timeline needs the duration, the preview the size), then one insert: where it was dropped
 * (snapped as a moved clip is: to 0, the playhead, clip edges); a sound added with "+" at the playhead, whole, on
 * the first audio track with room there, else in the nearest room (model/audio-slot.ts: never black after the
 * video when there is room in it); else after the track's last clip.
 */
export async function addAsset(summary: AssetSummary, trackId?: string, drop?: BinDrop): Promise<void> {
  let asset: Asset;
  try {
    asset = ed().assets[summary.id] ?? (await call('assets.get', { id: summary.id }));
  } catch (e) {
    useStore.getState().showToast({ message: errorText(e), tone: 'error' });
    return;
  }
  ed().addAsset(asset);
  const doc = ed().doc;
  if (!doc) return;
  const placed = newMediaClip(asset, 0, idFor);
  const slot = !trackId && !drop && asset.kind === 'audio' ? audioSlot(ed().playhead, doc, clipDuration(placed), { voice: asset.tags.includes('voiceover') }) : null;
  const target = slot?.trackId ?? trackId ?? defaultTrackFor(doc, asset.kind);
  if (!target) return;
  // Pictures on an overlay track arrive a third of the canvas wide, not over the whole frame…
  const size = asset.kind !== 'audio' && asset.width && asset.height ? { width: asset.width, height: asset.height } : null;
  const onOverlay = doc.tracks.find((tr) => tr.id === target)?.kind === 'overlay';
  const clip = onOverlay && size ? { ...placed, transform: overlayTransform(size, doc.canvas) } : placed;
  const result = ed().edit((d) => {
    const track = d.tracks.find((tr) => tr.id === target);
    const when = slot
      ? slot.start
      : drop
      ? snapDrop(d, drop.x, drop.pxPerSec, clipDuration(clip), { playhead: ed().playhead, thresholdSec: drop.snapSec, beats: currentBeats() }).time
      : (track?.clips.reduce((end, c) => Math.max(end, clipEnd(c)), 0) ?? 0);
    // …and beside, not on top of, the pictures and titles already on screen while it plays (layer-placement.ts).
    const at = onOverlay && size ? placeNewOverlay(d, { ...clip, start: when }, assetSize) : { ...clip, start: when };
    return insertClip(d, target, at, when, ed().sourceInfo);
  });
  if (result?.ok && result.clipId) ed().select([result.clipId]);
  if (result?.ok && slot) sayWhereSoundWent(slot);
}

/** A sound that could not go in at the playhead on Music says where it went, and what that means. */
function sayWhereSoundWent(slot: AudioSlot): void {
  const d = ed().doc;
  const said: string[] = [];
  if (!slot.atPlayhead) said.push(t(slot.lengthens ? 'editor.soundAfterEnd' : 'editor.soundMoved', { time: formatTimecode(slot.start, d?.canvas.fps ?? 30) }));
  if (slot.onVoiceTrack) said.push(t('editor.soundOnVoiceTrack'));
  if (said.length > 0) useStore.getState().showToast({ message: said.join(' ') });
}

/**
 * A title at the playhead, fitted to end by the next title or the draft's end (never a stretch of black after the
 * video); with no room there, in the nearest room, the playhead brought to it (titlePlacement.ts). When the
 * draft's brand kit has a title style, the title wears it (and remembers the role, so another kit restyles it).
 * It takes the keyboard at once: the next keys type its words, in place on the preview or else in the Inspector
 * (textEntryLogic.ts), never the editor's shortcuts.
 */
export function addText(): void {
  const doc = ed().doc;
  if (!doc) return;
  const id = addTitle(doc);
  const after = ed().doc;
  if (id && after) ed().askForWords(id, textEntryPlace(after, id, ed().playhead));
}

function addTitle(doc: VideoDraft): string | null {
  const kit = kitById(useKits.getState().kits, doc.kitId);
  if (kit?.textStyles.some((s) => s.role === 'title')) return addKitText(kit, 'title');
  // In the upper third, or the free line nearest it while it plays: never stacked on another title (layer-placement.ts).
  return insertTitle((d, slot) => {
    const clip = { ...newTextClip(t('editor.defaultText'), slot.start, idFor, { ...defaultTextStyle, size: Math.round(d.canvas.width / 12) }), duration: slot.duration };
    return placeNewText(d, clip, assetSize);
  });
}

/** An asset's picture size from the facts the editor holds (null until they arrive). */
function assetSize(assetId: string): { width: number; height: number } | null {
  const a = ed().assets[assetId];
  return a?.width && a.height ? { width: a.width, height: a.height } : null;
}

/** The selected clip, or (for split) the main-track clip under the playhead when nothing is selected. */
function targetClip(doc: VideoDraft, playhead: number): string | null {
  const sel = ed().selection[0];
  if (sel && findClip(doc, sel)) return sel;
  const main = mainTrack(doc);
  return main?.clips.find((c) => c.start <= playhead && playhead < clipEnd(c))?.id ?? null;
}

export function splitAtPlayhead(): void {
  const { doc, playhead } = ed();
  if (!doc) return;
  const id = targetClip(doc, playhead);
  if (!id) return;
  const result = ed().edit((d) => splitClip(d, id, playhead, idFor));
  if (result?.ok && result.clipId) ed().select([result.clipId]);
}

export function deleteSelection(): void {
  const ids = ed().selection;
  if (ids.length === 0) return;
  const result = ed().edit((d) => deleteClips(d, ids, { ripple: true }));
  if (result?.ok) ed().select([]);
}

/** I / O: the selected clip starts or ends at the playhead. */
export function trimSelectionTo(edge: 'start' | 'end'): void {
  const id = ed().selection[0];
  if (!id) return;
  ed().edit((d) => trimClip(d, id, edge, ed().playhead, ed().sourceInfo));
}

/** The Library's media, or the Editor's Drafts list (the rail then highlights Editor: it is still the Editor's room). */
export function goToLibrary(view: 'assets' | 'drafts'): void {
  const s = useStore.getState();
  s.setLibraryView(view, view === 'drafts' ? 'editor' : 'library');
  s.setScreen('library');
}

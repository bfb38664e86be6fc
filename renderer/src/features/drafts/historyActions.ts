import type { DraftRecord, DraftRevision } from '../../../../electron/model/draft-record';
import type { AutosaveStatus } from '../../store/autosave';
import { call } from '../../api/client';
import { useEditor } from '../../store/editorStore';
import { useImageEditor } from '../../store/imageEditorStore';
import { restoreVersion, type HeldDraft, type RestoreOutcome } from '../../store/restoreVersion';

/**
 * Version history's actions, outside React: whichever editor holds the draft (the video or the image editor, open
 * or left for the Drafts list) saves first and shows the restored version, so it never saves over it later.
 */
export function heldDraft(draftId: string): HeldDraft | null {
  return heldBy(useEditor, draftId) ?? heldBy(useImageEditor, draftId);
}

/** The editors' stores share what restoring needs of them. */
type EditorLike = { draftId: string | null; doc: unknown; saveStatus: AutosaveStatus; revision: number; flush: () => Promise<void>; adoptRestored: (r: DraftRecord) => void };

function heldBy(store: { getState: () => EditorLike }, draftId: string): HeldDraft | null {
  const s = store.getState();
  if (s.draftId !== draftId || !s.doc) return null;
  return { flush: () => store.getState().flush(), status: () => store.getState().saveStatus, revision: () => store.getState().revision, adopt: (r) => store.getState().adoptRestored(r) };
}

export type History = { revisions: DraftRevision[]; current: number; undoable: boolean };

/**
 * The draft's saved versions and which one is current. An editor holding it saves its pending edits first, so the
 * list ends with what the creator sees; otherwise the current revision is the one the Drafts list showed.
 */
export async function loadHistory(draftId: string, listedRevision: number | null): Promise<History> {
  const held = heldDraft(draftId);
  if (held) await held.flush();
  const revisions = await call('drafts.revisions', { id: draftId });
  const current = held?.revision() ?? listedRevision ?? Math.max(0, ...revisions.map((r) => r.revision));
  return { revisions, current, undoable: held !== null };
}

export function restoreDraftVersion(draftId: string, revision: number): Promise<RestoreOutcome> {
  return restoreVersion(draftId, revision, heldDraft(draftId));
}

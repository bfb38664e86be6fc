import type { DraftRecord } from '../../../electron/model/draft-record';
import { call, errorText } from '../api/client';
import { t } from '../i18n';
import type { AutosaveStatus } from './autosave';

/**
 * Restoring an earlier version of a draft (Version history): the engine makes it current as a new revision on top
 * (drafts.restoreRevision), so the version it replaces stays in the history. `undoable`: the open editor took the
 * restored document as one undo step, so Ctrl+Z goes back to what it showed before.
 */
export type RestoreOutcome = { ok: true; revision: number; undoable: boolean } | { ok: false; message: string };

/** An editor store that holds the draft: what restoring needs of it (editorStore.ts, imageEditorStore.ts). */
export type HeldDraft = {
  /** Saves what is pending; resolves when saved or when it cannot be (see `status`). */
  flush: () => Promise<void>;
  status: () => AutosaveStatus;
  /** The revision it last saved or loaded: the draft's current one unless another window saved since. */
  revision: () => number;
  /** Shows the restored document as one undo step, at its new revision, without saving it again. */
  adopt: (record: DraftRecord) => void;
};

/** Why a restore is refused before it is asked for, or null: unsaved edits must reach the engine first, so they are a version too. */
export function unsavedReason(status: AutosaveStatus): string | null {
  if (status === 'conflict') return t('history.errConflict');
  if (status === 'offline') return t('history.errOffline');
  return null;
}

/**
 * Restores `revision` of `draftId`. With an editor holding the draft (`held`), its pending edits are saved first
 * and the restored document replaces what it shows; on any refusal nothing changes anywhere.
 */
export async function restoreVersion(draftId: string, revision: number, held: HeldDraft | null): Promise<RestoreOutcome> {
  if (held) {
    await held.flush();
    const reason = unsavedReason(held.status());
    if (reason) return { ok: false, message: reason };
  }
  let record: DraftRecord;
  try {
    record = await call('drafts.restoreRevision', { id: draftId, revision });
  } catch (e) {
    return { ok: false, message: t('history.errRestore', { reason: errorText(e) }) };
  }
  held?.adopt(record);
  return { ok: true, revision: record.revision, undoable: held !== null };
}

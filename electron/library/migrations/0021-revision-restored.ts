import type { Migration } from './types';

/**
 * Which revision a revision restored (walk #78): restoring adds the old document on top as a new revision, and the
 * Version history listed it like any save, so a creator could not tell which row was the restore. NULL: an ordinary
 * save (or rename, or a refused save kept), and every revision from before this column.
 */
export const m0021: Migration = {
  version: 21,
  name: 'revision-restored-from',
  up(db) {
    db.exec(`ALTER TABLE draft_revisions ADD COLUMN restored_from INTEGER CHECK (restored_from IS NULL OR restored_from > 0);`);
  },
};

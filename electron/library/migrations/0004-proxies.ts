import type { Migration } from './types';

/**
 * Whether an asset has a preview proxy (cache/proxies/ab/<sha>.mp4, made in the background after import
 * for heavy videos: see model/proxy.ts). Like the thumbnail flag, it is set only once the file is complete,
 * so a crash mid-proxy leaves 0 (and a hidden part file, swept when the library opens), never a half file.
 */
export const m0004: Migration = {
  version: 4,
  name: 'proxies',
  up(db) {
    db.exec(`ALTER TABLE assets ADD COLUMN has_proxy INTEGER NOT NULL DEFAULT 0;`);
  },
};

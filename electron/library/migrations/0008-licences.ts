import type { Migration } from './types';

/**
 * Licence dates on assets (issue 4, compliance: "a block on assets whose licence has expired"). A licence ends
 * at the end of `licence_expires` (a calendar date, YYYY-MM-DD, counted in UTC by model/policy.ts
 * `licenceEndsAt`); NULL = no known end (owned footage, or nobody entered one). `licence_note` says where the
 * licence came from (stock site, contract number) so whoever renews it knows where to look.
 *
 * The partial index answers "which assets expire before X" (a future licence report, and the check at submit
 * reads it through the draft's assets) without growing for the many assets that have no licence date.
 */
export const m0008: Migration = {
  version: 8,
  name: 'licences',
  up(db) {
    db.exec(`
      ALTER TABLE assets ADD COLUMN licence_expires TEXT CHECK (licence_expires IS NULL OR licence_expires GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
      ALTER TABLE assets ADD COLUMN licence_note TEXT NOT NULL DEFAULT '';
      CREATE INDEX assets_by_licence ON assets (licence_expires) WHERE licence_expires IS NOT NULL;
    `);
  },
};

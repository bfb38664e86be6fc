import type { Migration } from './types';

/**
 * BRANCH-LOCAL PLACEHOLDER (acc/audit): version 14 belongs to acc/backend's accounts migration, which lands at
 * the same time. It exists only so this branch's migrations stay numbered without a gap; at merge, delete this
 * file and keep acc/backend's 0014 (0015-audit-anchor does not depend on it).
 */
export const m0014: Migration = {
  version: 14,
  name: 'reserved-accounts',
  up() {},
};

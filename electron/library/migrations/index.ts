import { m0001 } from './0001-assets';
import { m0002 } from './0002-jobs';
import { m0003 } from './0003-drafts';
import { m0004 } from './0004-proxies';
import { m0005 } from './0005-deliveries';
import { m0006 } from './0006-audit';
import { m0007 } from './0007-posts';
import { m0008 } from './0008-licences';
import { m0009 } from './0009-organise';
import { m0010 } from './0010-colours-hashes';
import { m0011 } from './0011-fonts';
import { m0012 } from './0012-kits';
import { m0013 } from './0013-templates';
import { m0014 } from './0014-accounts';
import { m0015 } from './0015-audit-anchor';
import { m0016 } from './0016-asset-beats';
import { m0017 } from './0017-looks';
import { m0018 } from './0018-dynamic-range';
import { m0019 } from './0019-job-started';
import { m0020 } from './0020-job-first-progress';
import { m0021 } from './0021-revision-restored';
import type { Migration } from './types';

/** Every schema version, oldest first. Append only: a shipped migration is never edited. */
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016, m0017, m0018, m0019, m0020, m0021];
export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
export type { Migration };

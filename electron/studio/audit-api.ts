import fs from 'node:fs/promises';
import path from 'node:path';
import { AuditRepo } from '../library/audit-repo';
import { openDatabase, schemaVersion } from '../library/db';
import { LibraryFolder } from '../library/folder';
import { type SecretKeyProvider, fileKeyProvider } from '../library/machine-key';
import { machineKey } from '../library/secret-crypto';
import { type AuditReport, auditVerifyView } from '../model/audit';
import { AppError } from '../model/errors';
import { callerOf } from '../api/router';
import type { ApiPart, StudioContext } from './context';

/** The audit log's calls: verify (admins). docs/audit.md. */
export function auditApi(ctx: StudioContext): ApiPart<'audit.verify'> {
  return {
    async 'audit.verify'(_input, caller) {
      // The router checked the role (api/access.ts); the engine checks again with the library's user record.
      ctx.postService.permitted(callerOf(caller).user.id, 'audit.verify');
      return auditVerifyView(ctx.rooms.audit.verify());
    },
  };
}

/** The schema version whose first open signs the audit head (migration 0015). */
const ANCHORED_SCHEMA = 15;

type Offline = { libraryPath: string; settingsDir: string; secretKey?: SecretKeyProvider };

/**
 * Opens a library's database read-only with this machine's key, for `postframe audit verify|export`: nothing is
 * migrated, put back or signed first, so what is checked is the file as it was found (a dropped trigger is
 * reported, not quietly re-created). A library from before anchoring (not yet opened by this version) is refused
 * with what to do.
 */
async function withAuditLog<T>(o: Offline, use: (audit: AuditRepo) => T): Promise<T> {
  const folder = new LibraryFolder(o.libraryPath);
  if (!LibraryFolder.exists(folder.root)) {
    throw new AppError('not_found', `There is no Postframe library at ${folder.root}. Check the path, or create one with: postframe library init ${folder.root}`);
  }
  const key = machineKey(await (o.secretKey ?? fileKeyProvider(o.settingsDir))());
  const db = openDatabase(folder.dbPath, { readonly: true });
  try {
    if (schemaVersion(db) < ANCHORED_SCHEMA) {
      throw new AppError('conflict', `This library's audit log is not signed yet (it was last opened by an older Postframe). Open it once with this version (the app, postframe serve, or any postframe command on it), then verify again.`);
    }
    return use(new AuditRepo(db, key));
  } finally {
    db.close();
  }
}

export function verifyAuditOffline(o: Offline): Promise<AuditReport> {
  return withAuditLog(o, (audit) => audit.verify());
}

/**
 * Writes the log as JSON Lines (library/audit-repo.ts exportLines) to `out`, whole or not at all (a temporary
 * file renamed into place). Returns the verification of what was written, for the command to report.
 */
export async function exportAuditOffline(o: Offline & { out: string }): Promise<{ lines: number; report: AuditReport }> {
  const { text, report } = await withAuditLog(o, (audit) => ({ text: [...audit.exportLines()].join('\n') + '\n', report: audit.verify() }));
  const out = path.resolve(o.out);
  const tmp = `${out}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text, { mode: 0o600 });
  await fs.rename(tmp, out);
  return { lines: text.split('\n').length - 2, report };
}

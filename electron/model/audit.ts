/**
 * The audit log's vocabulary (DESIGN.md "Publishing"): who did what to which post, and when. Entries are
 * hash-chained by library/audit-repo.ts; this file holds the pure parts shared by the engine and the CLI.
 */
import { z } from 'zod';

export const auditActions = [
  'submit', 'approve', 'reject', 'comment', 'edit', 'schedule', 'unschedule', 'render', 'export', 'fail', 'retry', 'policy_override', 'policy_edit', 'campaign_edit',
  // A person settles a delivery whose outcome is unknown: the receiver has it, or send it again.
  'mark_delivered', 'resend',
  // An admin changed where posts go (Settings → Delivery): what changed, never the secret header's value.
  'delivery_settings',
  // A brand kit was created, edited, duplicated, deleted, imported or made the default (model/brand-kit.ts).
  'kit_edit',
  // A library font was added, its licence note changed, or it was removed (fonts are brand assets: 'kits.edit').
  'font_edit',
  // An imported look (.cube) was added or removed (library looks are kept with the brand: 'kits.edit').
  'look_edit',
  // An admin backed the library up to a file, or restored a backup into a new folder (docs/backup.md).
  'library_backup', 'library_restore',
  // An admin saved a draft that moves, edits, unlocks or newly locks a template's locked elements (creators are refused).
  'template_lock_edit',
  // An admin downloaded (started), added, removed or chose a speech-recognition model (Settings → Captions models).
  // The models folder is the machine's: the entry is in the library where the admin acted.
  'model_edit',
  // An admin changed Settings → Export (hardware encoding: auto or off) for the library's exports.
  'export_settings',
  // The router refused a call before it ran: above the caller's role, or naming someone else as the actor
  // (electron/api/access.ts). Who tried what is kept; the input itself is not.
  'access_denied',
  // Accounts (studio/accounts-service.ts): who created, changed, disabled or enabled whom; invite and reset links
  // made (never the token); a password set (never the password); every sign-in, failed and throttled ones too.
  'account_create', 'account_role', 'account_disable', 'account_enable', 'account_password', 'account_invite', 'account_invite_cancel', 'account_reset_link',
  'login', 'login_failed', 'login_throttled', 'logout', 'sessions_ended',
  // Someone made a post (posts.create, or one entry per row of a CSV import): what goes out starts here.
  'create',
  // The log's own history (docs/audit.md "Anchor"): a new library's first entry; an older library's log signed for
  // the first time ("trust on first use"); the append-only triggers found missing and put back; the signed head
  // found missing and signed again; the head taken over from another machine's key.
  'library_created', 'audit_anchored', 'audit_guard_restored', 'audit_head_restored', 'audit_key_changed',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** The entries only the log writes about itself: verify reads them, so no caller may append one. */
export const auditSelfActions = ['library_created', 'audit_anchored', 'audit_guard_restored', 'audit_head_restored', 'audit_key_changed'] as const satisfies readonly AuditAction[];
export const isAuditSelfAction = (a: AuditAction): boolean => (auditSelfActions as readonly AuditAction[]).includes(a);

export type AuditEntry = {
  seq: number;
  /** ISO-8601 UTC. */
  at: string;
  actorId: string;
  actorName: string;
  action: AuditAction;
  /** null for actions on the library rather than on one post (e.g. a policy edit). */
  postId: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

export type AuditProblem = 'hash_mismatch' | 'broken_link' | 'gap';
export type AuditVerifyResult = { ok: true; count: number } | { ok: false; seq: number; problem: AuditProblem };

/**
 * What `verify` found wrong, each one line for a person (describeAuditFinding). Some are about the file now (the
 * triggers missing, the head not matching); others are history the log itself records (the guard was found
 * missing once and restored): those stay reported, because what happened while the guard was off cannot be known.
 */
export type AuditFinding =
  | { kind: 'chain'; seq: number; problem: AuditProblem }
  | { kind: 'guard_missing'; triggers: string[] }
  | { kind: 'empty' }
  | { kind: 'no_anchor' }
  | { kind: 'anchor_forged' }
  | { kind: 'other_key'; keyId: string; ours: string }
  | { kind: 'truncated'; lastSeq: number; anchoredSeq: number }
  | { kind: 'unsigned_tail'; lastSeq: number; anchoredSeq: number }
  | { kind: 'anchor_hash'; seq: number }
  | { kind: 'guard_was_missing'; seq: number; at: string; triggers: string[] }
  | { kind: 'head_was_missing'; seq: number; at: string }
  | { kind: 'moved_from'; seq: number; at: string; keyId: string }
  | { kind: 'move_mismatch'; seq: number };

/** Things verify tells but that are not failures: where trust on first use began. */
export type AuditNote = { kind: 'anchored_late'; seq: number; at: string };

export type AuditReport = { ok: boolean; count: number; keyId: string; findings: AuditFinding[]; notes: AuditNote[] };

const when = (at: string) => at.slice(0, 16).replace('T', ' ');
const entries = (from: number, to: number) => (from === to ? `entry ${from}` : `entries ${from}–${to}`);

/** What the app shows of a verification (Settings → Audit log): the findings and notes already in words. */
export const AuditVerifyView = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  /** This machine's key fingerprint (never the key). */
  keyId: z.string(),
  problems: z.array(z.string()),
  notes: z.array(z.string()),
});
export type AuditVerifyView = z.infer<typeof AuditVerifyView>;

export function auditVerifyView(r: AuditReport): AuditVerifyView {
  return { ok: r.ok, count: r.count, keyId: r.keyId, problems: r.findings.map(describeAuditFinding), notes: r.notes.map(describeAuditNote) };
}

/** One line per finding: what is wrong, and what it likely means or what to do. */
export function describeAuditFinding(f: AuditFinding): string {
  switch (f.kind) {
    case 'chain':
      return describeAuditProblem({ ok: false, seq: f.seq, problem: f.problem });
    case 'guard_missing':
      return `the append-only guard is missing now (${f.triggers.join(', ')} dropped): someone changed the file with another tool; opening the library in Postframe puts it back and records it`;
    case 'empty':
      return 'the log is empty: every library has at least its library_created entry, so all entries were deleted';
    case 'no_anchor':
      return 'the signed head is missing (deleted?): the newest entries cannot be vouched for';
    case 'anchor_forged':
      return 'the signed head does not match its signature (edited?)';
    case 'other_key':
      return `signed on another machine (key ${f.keyId}; this machine's key is ${f.ours}): verify it where it was last used, or, if you moved the library here, open it and keep an export from the old machine as the record of what came before`;
    case 'truncated':
      return `the log ends at entry ${f.lastSeq} but its signed head is entry ${f.anchoredSeq}: ${entries(f.lastSeq + 1, f.anchoredSeq)} ${f.lastSeq + 1 === f.anchoredSeq ? 'was' : 'were'} deleted`;
    case 'unsigned_tail':
      return `${entries(f.anchoredSeq + 1, f.lastSeq)} ${f.anchoredSeq + 1 === f.lastSeq ? 'comes' : 'come'} after the signed head: added by another tool, not by Postframe`;
    case 'anchor_hash':
      return `entry ${f.seq} is not the entry the signed head names (the log was rewritten from some point on)`;
    case 'guard_was_missing':
      return `entry ${f.seq} (${when(f.at)} UTC): the append-only guard had been removed (${f.triggers.join(', ')}) and was put back; what happened while it was off cannot be known`;
    case 'head_was_missing':
      return `entry ${f.seq} (${when(f.at)} UTC): the signed head had been deleted and was signed again; entries before it cannot be vouched for`;
    case 'moved_from':
      return `entry ${f.seq} (${when(f.at)} UTC): the log came from another machine (key ${f.keyId}); entries before it were signed there and can only be checked there`;
    case 'move_mismatch':
      return `entry ${f.seq}: the head this machine had signed before the library left does not match the log (entries were deleted or changed elsewhere)`;
  }
}

export function describeAuditNote(n: AuditNote): string {
  return `entry ${n.seq} (${when(n.at)} UTC): the log was first signed here; entries before it are trusted as they were found (trust on first use)`;
}

/** The first entry's prev_hash: there is nothing before it. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** One line for a person: what is wrong with which entry, and what it likely means. */
export function describeAuditProblem(r: Extract<AuditVerifyResult, { ok: false }>): string {
  switch (r.problem) {
    case 'hash_mismatch':
      return `entry ${r.seq}: hash does not match its contents (edited?)`;
    case 'broken_link':
      return `entry ${r.seq}: does not link to the entry before it (an entry was replaced, inserted or removed)`;
    case 'gap':
      return `entry ${r.seq}: missing (deleted?)`;
  }
}

/**
 * JSON with object keys sorted at every depth, so the same entry always hashes the same whatever order
 * its fields were built in. Undefined fields are dropped, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

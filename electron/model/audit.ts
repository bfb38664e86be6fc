/**
 * The audit log's vocabulary (DESIGN.md "Publishing"): who did what to which post, and when. Entries are
 * hash-chained by library/audit-repo.ts; this file holds the pure parts shared by the engine and the CLI.
 */
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
  // An admin backed the library up to a file, or restored a backup into a new folder (docs/backup.md).
  'library_backup', 'library_restore',
  // An admin saved a draft that moves, edits, unlocks or newly locks a template's locked elements (creators are refused).
  'template_lock_edit',
  // An admin downloaded (started), added, removed or chose a speech-recognition model (Settings → Captions models).
  // The models folder is the machine's: the entry is in the library where the admin acted.
  'model_edit',
  // The router refused a call before it ran: above the caller's role, or naming someone else as the actor
  // (electron/api/access.ts). Who tried what is kept; the input itself is not.
  'access_denied',
  // Accounts (studio/accounts-service.ts): who created, changed, disabled or enabled whom; invite and reset links
  // made (never the token); a password set (never the password); every sign-in, failed and throttled ones too.
  'account_create', 'account_role', 'account_disable', 'account_enable', 'account_password', 'account_invite', 'account_reset_link',
  'login', 'login_failed', 'login_throttled', 'logout', 'sessions_ended',
] as const;
export type AuditAction = (typeof auditActions)[number];

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

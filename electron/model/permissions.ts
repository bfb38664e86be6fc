import { AppError } from './errors';
import type { Role, User } from './post';

/**
 * Who may do what, in one table (DESIGN.md "Accounts and trust"; Discourse's Guardian): the engine checks a
 * call's actor against it before acting, and the renderer reads it to show a screen read-only.
 * Which call needs which row is electron/api/access.ts (checked by the router with the session's user).
 * Everything not listed here is open to every role (the workflow has its own rules per step).
 */
export const permissions = {
  'policy.edit': { roles: ['admin'], what: 'change the compliance policy and approval rules' },
  'users.create': { roles: ['admin'], what: 'add users' },
  /** Settings → Team and `postframe users`: invite (and list or cancel pending invites), reset links, roles and approver channels, disable and enable. */
  'users.manage': { roles: ['admin'], what: 'manage the team’s accounts' },
  /** Settings → Delivery: the folder, the webhook and its secret header, each channel's route. */
  'delivery.settings': { roles: ['admin'], what: 'change where posts are delivered (Settings → Delivery)' },
  /**
   * The Brand room: create, edit, duplicate, delete, import kits and choose the default. Admins for now; issue 13
   * may add a designer role, which gets this row and nothing else changes.
   */
  'kits.edit': { roles: ['admin'], what: 'change brand kits' },
  /** Settings → Library: back up the whole library to one file, or restore a backup into a new folder (docs/backup.md). */
  'library.backup': { roles: ['admin'], what: 'back up or restore the library' },
  /**
   * A template's locked elements (docs/templates.md): move, resize, restyle, re-point, hide, reorder, delete or
   * unmark them, or lock new ones. Checked by the engine on every draft write (studio/template-gate.ts).
   */
  'templates.edit': { roles: ['admin'], what: "change a template's locked elements" },
  /**
   * Settings → Captions models: download, add, remove or choose a speech-recognition model. The models folder is the
   * machine's (the user's data folder, shared by every library): a change puts hundreds of MB on disk and changes
   * what auto-captions use in every library. Reading the list and transcribing stay open to every role.
   */
  'models.manage': { roles: ['admin'], what: 'download, add, remove or choose speech-recognition models (Settings → Captions models)' },
  /**
   * Settings → Export: whether exports use this machine's hardware encoder. It changes every export of the library
   * (the encoder is the machine's, and its output differs from libx264's), so it is not one creator's to switch.
   */
  'export.settings': { roles: ['admin'], what: 'change how exports are encoded (Settings → Export)' },
  /** Approve a post or request changes (the workflow then checks it is not your own post and your channels). */
  'posts.review': { roles: ['approver', 'admin'], what: 'approve posts or request changes' },
  /** Open another library folder: on a shared host it changes the library for everyone signed in. */
  'library.open': { roles: ['admin'], what: 'open another library' },
  /** Delete trashed media for good: it cannot be undone, and the media is the team's. */
  'media.purge': { roles: ['admin'], what: 'delete media from the trash for good' },
  /** Settings → Audit log → Verify (`audit.verify`): check the log's chain and signed head with this machine's key. */
  'audit.verify': { roles: ['admin'], what: 'verify the audit log' },
  // captions.syncScript is open to every role on purpose: it reads a recording and returns cues, writing nothing
  // (the caption editor's save goes through the draft's own checks, templates.edit included). captions.speech too:
  // it reads a draft's recording as drafts.get reads the draft, and writes nothing.
} as const satisfies Record<string, { roles: readonly Role[]; what: string }>;
export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission].roles as readonly Role[]).includes(role);
}

const roleNames: Record<Role, string> = { creator: 'a creator', approver: 'an approver', admin: 'an admin' };

/** Who holds a permission, for messages: "an admin", "an approver or an admin". */
export function whoMay(permission: Permission): string {
  return permissions[permission].roles.map((r) => roleNames[r]).join(' or ');
}

/** The user, when their role holds the permission; otherwise an 'unauthorized' error that says what to do. */
export function requirePermission(user: User, permission: Permission): User {
  if (can(user.role, permission)) return user;
  const p = permissions[permission];
  const who = whoMay(permission);
  throw new AppError('unauthorized', `Only ${who} can ${p.what}. Ask ${who} to do it, or to change your role.`);
}

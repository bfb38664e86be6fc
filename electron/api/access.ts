import type { z } from 'zod';
import { type Permission, can, permissions, whoMay } from '../model/permissions';
import type { User } from '../model/post';
import type { CallName, ParsedInput } from './contract';

/**
 * Who may make each call (DESIGN.md "Accounts and trust"): the one table the router checks before any handler runs,
 * with the caller the transport vouches for (never a name the client sends). `everyone` is every signed-in,
 * enabled user; a Permission names a row of model/permissions.ts (roles). A rule may look at the parsed input when
 * one call carries steps of different weight (a workflow step). The workflow's own rules (not your own post, the
 * channels you approve) still run in model/workflow.ts: this table is the first wall, not the only one.
 *
 * Exhaustive over the contract: a new call without a row here does not compile.
 */
type Rule<K extends CallName> = 'everyone' | Permission | ((input: ParsedInput<K>) => 'everyone' | Permission);
type AccessTable = { [K in CallName]: Rule<K> };

/**
 * Who may change a draft's content (drafts.save, and drafts.restoreRevision, which saves an earlier version), and so
 * who may start the media jobs an edit needs.
 */
export const EDIT_DRAFTS: 'everyone' | Permission = 'everyone';

export const access: AccessTable = {
  'app.info': 'everyone',
  'libraries.recent': 'everyone',
  // Switching the library switches it for everyone on a shared host.
  'libraries.open': 'library.open',
  // Only the one who may open another library needs to know whom it signs out.
  'libraries.signedIn': 'library.open',
  'assets.list': 'everyone',
  'assets.ids': 'everyone',
  'assets.get': 'everyone',
  'assets.update': 'everyone',
  'assets.tag': 'everyone',
  'assets.trash': 'everyone',
  'assets.restore': 'everyone',
  // Emptying the trash cannot be undone: the team's media is not one creator's to destroy.
  'assets.purge': 'media.purge',
  'assets.setRating': 'everyone',
  'assets.setLabel': 'everyone',
  'assets.whereUsed': 'everyone',
  'collections.list': 'everyone',
  'collections.create': 'everyone',
  'collections.rename': 'everyone',
  'collections.delete': 'everyone',
  'collections.addAssets': 'everyone',
  'collections.removeAssets': 'everyone',
  'smartCollections.list': 'everyone',
  'smartCollections.create': 'everyone',
  'smartCollections.update': 'everyone',
  'smartCollections.delete': 'everyone',
  'smartCollections.count': 'everyone',
  'tags.list': 'everyone',
  'imports.start': 'everyone',
  'duplicates.list': 'everyone',
  'duplicates.keep': 'everyone',
  'visual.backfill': 'everyone',
  'drafts.list': 'everyone',
  'drafts.create': 'everyone',
  'drafts.get': 'everyone',
  // Template locks are checked per save against 'templates.edit' (studio/template-gate.ts).
  'drafts.save': EDIT_DRAFTS,
  'drafts.rename': 'everyone',
  'drafts.duplicate': 'everyone',
  'drafts.trash': 'everyone',
  'drafts.restore': 'everyone',
  'drafts.licences': 'everyone',
  // Reading the history is reading the draft; restoring a version writes the draft as a save does (a new revision on
  // top, through the same template gate), so whoever may not save drafts may not restore one either (access-edit.test.ts).
  'drafts.revisions': 'everyone',
  'drafts.restoreRevision': EDIT_DRAFTS,
  'captions.import': 'everyone',
  'captions.export': 'everyone',
  'captions.render': 'everyone',
  'captions.transcribe': 'everyone',
  'captions.speech': 'everyone',
  'captions.syncScript': 'everyone',
  'models.list': 'everyone',
  'models.download': 'models.manage',
  'models.add': 'models.manage',
  'models.remove': 'models.manage',
  'models.choose': 'models.manage',
  // Anyone who may edit a draft may mark its music's beats: they are a fact of the asset and change no draft.
  'beats.find': 'everyone',
  'beats.get': 'everyone',
  'beats.clear': 'everyone',
  // Reverse and freeze frame exist to edit a draft: whoever may save drafts may make them (access.test.ts ties them).
  'reverse.start': EDIT_DRAFTS,
  'freezeFrame.make': EDIT_DRAFTS,
  'exportSettings.get': 'everyone',
  'exportSettings.set': 'export.settings',
  'templates.list': 'everyone',
  // Anyone saves a template; its author or an admin deletes it (studio/templates-api.ts).
  'templates.create': 'everyone',
  'templates.instantiate': 'everyone',
  'templates.delete': 'everyone',
  'exports.start': 'everyone',
  'exports.list': 'everyone',
  'text.render': 'everyone',
  'images.photo': 'everyone',
  'images.export': 'everyone',
  'images.exports': 'everyone',
  'images.renderPage': 'everyone',
  'library.backup': 'library.backup',
  'library.restore': 'library.backup',
  'jobs.list': 'everyone',
  'jobs.cancel': 'everyone',
  'recordings.start': 'everyone',
  'recordings.stop': 'everyone',
  'recordings.interrupted': 'everyone',
  'recordings.recover': 'everyone',
  'recordings.discard': 'everyone',
  'posts.list': 'everyone',
  'posts.get': 'everyone',
  'posts.create': 'everyone',
  // The author's own steps are checked by the workflow (author or admin); reviewing needs a reviewer's role first.
  'posts.update': 'everyone',
  'posts.transition': (input) => (input.event === 'approve' || input.event === 'request_changes' ? 'posts.review' : 'everyone'),
  'posts.comments': 'everyone',
  'posts.comment': 'everyone',
  'users.list': 'everyone',
  'users.create': 'users.create',
  'campaigns.list': 'everyone',
  'campaigns.create': 'everyone',
  'campaigns.update': 'everyone',
  'policy.get': 'everyone',
  'policy.set': 'policy.edit',
  'queue.importCsv': 'everyone',
  'queue.ics': 'everyone',
  'connectors.get': 'everyone',
  'connectors.set': 'delivery.settings',
  'delivery.status': 'everyone',
  'delivery.exportNow': 'everyone',
  'delivery.markDelivered': 'everyone',
  'delivery.sendAgain': 'everyone',
  'delivery.late': 'everyone',
  'kits.list': 'everyone',
  'kits.get': 'everyone',
  'kits.create': 'kits.edit',
  'kits.update': 'kits.edit',
  'kits.duplicate': 'kits.edit',
  'kits.delete': 'kits.edit',
  'kits.setDefault': 'kits.edit',
  'kits.export': 'everyone',
  'kits.import': 'kits.edit',
  'kits.importStart': 'kits.edit',
  'kits.usingAsset': 'everyone',
  'fonts.list': 'everyone',
  // Fonts are brand assets (docs/fonts.md).
  'fonts.add': 'kits.edit',
  'fonts.update': 'kits.edit',
  'fonts.remove': 'kits.edit',
  // Imported looks are library items kept with the brand, as fonts are (docs/looks.md).
  'looks.list': 'everyone',
  'looks.cube': 'everyone',
  'looks.import': 'kits.edit',
  'looks.remove': 'kits.edit',
  // Accounts (issue 13): your own account is yours; the team's accounts are an admin's.
  'session.me': 'everyone',
  'account.changePassword': 'everyone',
  'account.signOutEverywhere': 'everyone',
  'users.invite': 'users.manage',
  'users.invites': 'users.manage',
  'users.cancelInvite': 'users.manage',
  'users.resetLink': 'users.manage',
  'users.setRole': 'users.manage',
  'users.setDisabled': 'users.manage',
  // ── audit log (issue 13 §4) ──
  'audit.verify': 'audit.verify',
  // The review view reads a post as posts.get does; deciding is posts.transition's row above.
  'posts.review': 'everyone',
};

export type AccessDecision = { ok: true } | { ok: false; permission: Permission; message: string };

/** Whether `user` may make call `name` with this (parsed) input; a refusal says who may and what to do. */
export function mayCall<K extends CallName>(user: User, name: K, input: ParsedInput<K>): AccessDecision {
  const rule = access[name];
  return decide(user, typeof rule === 'function' ? rule(input) : rule);
}

/**
 * The same decision before the input is read, for calls whose rule does not depend on it: a caller without the
 * role learns nothing about what the call would accept, and a malformed call above their role is still recorded.
 */
export function mayCallAtAll(user: User, name: CallName): AccessDecision {
  const rule = access[name];
  return typeof rule === 'function' ? { ok: true } : decide(user, rule);
}

function decide(user: User, needed: 'everyone' | Permission): AccessDecision {
  if (needed === 'everyone' || can(user.role, needed)) return { ok: true };
  const who = whoMay(needed);
  return { ok: false, permission: needed, message: `Only ${who} can ${permissions[needed].what}. Ask ${who} to do it, or to change your role.` };
}

/**
 * Whether a call's input names its actor (`actorId`). Those calls predate sessions: the router fills the field from
 * the caller and refuses an input that names someone else, so the handlers behind them act for the session's user.
 */
export function takesActorId(schema: z.ZodType): boolean {
  const s = schema as unknown as { shape?: Record<string, unknown>; def?: { in?: z.ZodType; innerType?: z.ZodType } };
  if (s.shape && typeof s.shape === 'object') return Object.hasOwn(s.shape, 'actorId');
  if (s.def?.in) return takesActorId(s.def.in);
  if (s.def?.innerType) return takesActorId(s.def.innerType);
  return false;
}

import type { DraftWriteGuard } from '../library/drafts-repo';
import { TemplatesRepo } from '../library/templates-repo';
import { AppError } from '../model/errors';
import { can, whoMay } from '../model/permissions';
import type { User } from '../model/post';
import type { Draft } from '../model/draft';
import { type TemplateViolation, templateRefusalMessage, templateViolations } from '../model/template-guard';
import type { StudioContext } from './context';

/**
 * Who is acting on a draft: the user an API call names by `actorId` (as kits.* calls do), or nobody. Nobody acts
 * with a creator's rights, never more: the editor's calls that name no one (autosave from before profiles) can
 * change everything but a template's locked elements. The ONE place a draft call's identity is resolved, so
 * sessions (issue 13) replace it here.
 */
export function draftActor(ctx: StudioContext, actorId: string | undefined): User | null {
  return actorId === undefined ? null : ctx.postsRepo.requireUser(actorId);
}

/**
 * The check every write of a draft document goes through (drafts.save, drafts.restoreRevision): a change to a
 * template's locked elements (model/template-guard.ts) needs 'templates.edit' (model/permissions.ts). Run by the
 * drafts repository inside the write's transaction, against the document stored at that moment. A permitted
 * change is audited ('template_lock_edit') in that same transaction once the write is the current revision: the
 * actor is the user record the engine resolved (its id and name from the library, never the caller's words).
 */
export function templateGate(ctx: StudioContext, actor: User | null, draftId: string): DraftWriteGuard {
  return (before, after) => {
    const violations = templateViolations(before, after);
    if (!violations.length) return undefined;
    if (!actor || !can(actor.role, 'templates.edit')) throw new AppError('unauthorized', templateRefusalMessage(violations, whoMay('templates.edit')));
    return (revision) => {
      ctx.rooms.audit.append({ actor, action: 'template_lock_edit', postId: null, detail: lockedEditDetail(draftId, after, revision, violations), at: ctx.clock().toISOString() });
    };
  };
}

/** The audit entry's detail: the draft (id, name, revision written) and each locked element changed, with how. */
export function lockedEditDetail(draftId: string, after: Draft, revision: number, violations: TemplateViolation[]): Record<string, unknown> {
  return {
    draftId,
    draftName: after.name,
    revision,
    elements: violations.map((v) => ({ id: v.elementId, element: v.element, where: v.where, changes: v.changes })),
  };
}

/**
 * A template (not a draft) is changed, renamed or deleted only by its author or someone holding 'templates.edit';
 * a starter (no author) only by the latter. Drafts pass. Everyone may make a new draft from any template.
 */
export function requireTemplateWriter(ctx: StudioContext, actor: User | null, draftId: string): void {
  const meta = new TemplatesRepo(ctx.rooms.db, ctx.rooms.drafts).meta(draftId);
  if (!meta) return;
  if (actor && (can(actor.role, 'templates.edit') || (meta.author !== null && meta.author === actor.id))) return;
  const who = whoMay('templates.edit');
  const name = ctx.rooms.drafts.summary(draftId)?.name ?? '';
  throw new AppError('unauthorized', meta.author === null
    ? `“${name}” is a starter template: only ${who} can change or delete it. Make a new draft from it instead.`
    : `Only the template's author or ${who} can change or delete the template “${name}”. Make a new draft from it instead.`);
}

import { TemplatesRepo } from '../library/templates-repo';
import { draftNotFound } from '../library/drafts-repo';
import type { Draft } from '../model/draft';
import type { DraftSummary } from '../model/draft-record';
import { AppError } from '../model/errors';
import { applyKit } from '../model/kit-apply';
import { type AssetFacts, fillTemplate, placeholdersOf, type TemplateSummary } from '../model/template-fill';
import { normalizeDraft, type SourceInfo } from '../model/timeline';
import type { ApiPart, StudioContext } from './context';
import { ensureStarterTemplates } from './starter-templates';
import { draftActor, requireTemplateWriter } from './template-gate';

type TemplateCalls = 'templates.list' | 'templates.create' | 'templates.instantiate' | 'templates.delete';

const templateGone = () => new AppError('not_found', 'This template is no longer in the library. Pick another one from the template list.');

/**
 * Templates (docs/templates.md): drafts marked as templates, listed with their placeholders; "New from template"
 * copies one into a new draft with the placeholders filled. `templatesDir` is resources/templates (the shipped
 * starters), or null in an install without them.
 */
export function templatesApi(ctx: StudioContext, templatesDir: () => string | null): ApiPart<TemplateCalls> {
  const repo = () => new TemplatesRepo(ctx.rooms.db, ctx.rooms.drafts);
  const summary = (s: DraftSummary & { author: string | null; starter: string | null }): TemplateSummary => {
    const rec = ctx.rooms.drafts.get(s.id)!;
    return { ...s, placeholders: placeholdersOf(rec.doc) };
  };
  const facts: AssetFacts = (id) => {
    const a = ctx.rooms.assets.get(id);
    return a && !a.trashedAt ? { kind: a.kind, durationSec: a.durationSec, name: a.name } : null;
  };
  const info: SourceInfo = (id) => {
    const a = facts(id);
    return a ? { kind: a.kind, durationSec: a.durationSec } : null;
  };

  return {
    async 'templates.list'() {
      const created = await ensureStarterTemplates(ctx.rooms, templatesDir());
      if (created.length) ctx.emit('templates.changed', { reason: 'imported', ids: created });
      return repo().list().map(summary);
    },
    async 'templates.create'(input) {
      const actor = draftActor(ctx, input.actorId)!;
      const rec = ctx.rooms.drafts.get(input.draftId);
      if (!rec) throw draftNotFound();
      const t = repo().create({ ...rec.doc, name: input.name ?? rec.doc.name }, actor.id);
      ctx.emit('templates.changed', { reason: 'created', ids: [t.id] });
      return summary({ ...t, author: actor.id, starter: null });
    },
    async 'templates.instantiate'(input) {
      const rec = ctx.rooms.drafts.get(input.templateId);
      if (!rec || !repo().meta(input.templateId)) throw templateGone();
      let doc: Draft = fillTemplate(rec.doc, input.fills, facts);
      if (doc.kind === 'video') doc = normalizeDraft(doc, info);
      // The new draft wears the library's default kit, as a new blank draft does (an admin's kit: locks included).
      const kit = ctx.rooms.kits.defaultKit();
      if (kit) {
        doc = applyKit(doc, kit, (id) => {
          const a = ctx.rooms.assets.get(id);
          return a?.width && a.height ? { width: a.width, height: a.height } : null;
        }, { locked: true }).draft;
      }
      const d = ctx.rooms.drafts.createFrom({ ...doc, name: input.name ?? rec.doc.name, kitId: kit?.id ?? null });
      ctx.emit('drafts.changed', { reason: 'created', ids: [d.id] });
      return d;
    },
    async 'templates.delete'(input) {
      const meta = repo().meta(input.id);
      if (!meta) throw templateGone();
      requireTemplateWriter(ctx, draftActor(ctx, input.actorId), input.id);
      const count = repo().delete(input.id) ? 1 : 0;
      if (count) ctx.emit('templates.changed', { reason: 'deleted', ids: [input.id] });
      return { count };
    },
  };
}

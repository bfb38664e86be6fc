import type { KitsRepo } from '../library/kits-repo';
import type { AuditAction } from '../model/audit';
import { type BrandKit, BrandKitContent } from '../model/brand-kit';
import { checkKitReferences } from '../model/kit-refs';
import type { ApiPart, Rooms, StudioContext } from './context';
import type { KitFonts } from './kit-fonts';

type KitCalls = 'kits.list' | 'kits.get' | 'kits.create' | 'kits.update' | 'kits.duplicate' | 'kits.delete' | 'kits.setDefault' | 'kits.usingAsset';

type Audit = { action: AuditAction; detail: Record<string, unknown> };
const kitAudit = (change: string, kit: { id: string; name: string }, more: Record<string, unknown> = {}): Audit => ({ action: 'kit_edit', detail: { change, kitId: kit.id, name: kit.name, ...more } });

/** The content fields that differ between two versions of a kit (the audit entry of an edit names them). */
export function changedFields(before: BrandKitContent, after: BrandKitContent): string[] {
  const keys = Object.keys(BrandKitContent.shape) as (keyof BrandKitContent)[];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Throws unless every asset and font `content` names is usable in this library (model/kit-refs.ts). */
export function checkReferences(rooms: Pick<Rooms, 'assets'>, fonts: KitFonts, content: BrandKitContent): void {
  checkKitReferences(
    content,
    (id) => {
      const a = rooms.assets.get(id);
      return a ? { id: a.id, name: a.name, kind: a.kind, trashed: a.trashedAt !== null } : null;
    },
    (id) => fonts.fontFilePath(id) !== null,
  );
}

/**
 * The Brand room's calls. Reading is open; every change is checked against 'kits.edit' and audited in the same
 * transaction as the change (PostService.withPermission), with the references checked inside it too, so an asset
 * purged by another process between the check and the write cannot end up in a kit.
 */
export function kitsApi(ctx: StudioContext, fontsOf: (rooms: Rooms) => KitFonts): ApiPart<KitCalls> {
  const repo = (): KitsRepo => ctx.rooms.kits;
  const edit = <T>(actorId: string, change: () => { result: T; audit: Audit | null }): T => ctx.postService.withPermission(actorId, 'kits.edit', change);
  const changed = (reason: 'created' | 'updated' | 'duplicated' | 'deleted' | 'default', ids: (string | null)[]) =>
    ctx.emit('kits.changed', { reason, ids: ids.filter((id): id is string => id !== null) });

  return {
    async 'kits.list'() {
      return repo().list();
    },
    async 'kits.get'(input) {
      return repo().require(input.id);
    },
    async 'kits.create'(input) {
      const kit = edit(input.actorId, (): { result: BrandKit; audit: Audit } => {
        if (input.content) checkReferences(ctx.rooms, fontsOf(ctx.rooms), input.content);
        const k = repo().create(input.content ?? { name: input.name! });
        return { result: k, audit: kitAudit('created', k, { isDefault: k.isDefault }) };
      });
      changed('created', [kit.id]);
      return kit;
    },
    async 'kits.update'(input) {
      const kit = edit(input.actorId, () => {
        checkReferences(ctx.rooms, fontsOf(ctx.rooms), input.content);
        const { before, after } = repo().update(input.id, input.content, input.baseUpdatedAt);
        const fields = changedFields(before, after);
        return { result: after, audit: kitAudit('updated', after, { fields, ...(before.name !== after.name ? { previousName: before.name } : {}) }) };
      });
      changed('updated', [kit.id]);
      return kit;
    },
    async 'kits.duplicate'(input) {
      const kit = edit(input.actorId, () => {
        const k = repo().duplicate(input.id);
        return { result: k, audit: kitAudit('duplicated', k, { from: input.id }) };
      });
      changed('duplicated', [kit.id]);
      return kit;
    },
    async 'kits.delete'(input) {
      const r = edit(input.actorId, () => {
        const out = repo().delete(input.id);
        return { result: out, audit: kitAudit('deleted', out.deleted, { newDefaultId: out.newDefaultId }) };
      });
      changed('deleted', [r.deleted.id, r.newDefaultId]);
      return { count: 1, defaultId: repo().defaultKit()?.id ?? null };
    },
    async 'kits.setDefault'(input) {
      const r = edit(input.actorId, () => {
        const out = repo().setDefault(input.id);
        // Already the default: nothing changed, nothing to record.
        return { result: out, audit: out.previousId === out.kit.id ? null : kitAudit('default', out.kit, { previousId: out.previousId }) };
      });
      if (r.previousId !== r.kit.id) changed('default', [r.kit.id, r.previousId]);
      return r.kit;
    },
    async 'kits.usingAsset'(input) {
      return repo()
        .kitsUsingAsset(input.assetId)
        .map((u) => ({ kitId: u.kitId, kitName: u.kitName, role: u.role }));
    },
  };
}

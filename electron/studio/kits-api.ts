import fs from 'node:fs/promises';
import path from 'node:path';
import { uploadPath } from '../import/importer';
import type { KitsRepo } from '../library/kits-repo';
import { AppError, clause, errorMessage } from '../model/errors';
import type { AuditAction } from '../model/audit';
import { type BrandKit, BrandKitContent } from '../model/brand-kit';
import type { ApiPart, Rooms, StudioContext } from './context';
import { type KitImportOutcome, checkReferences, exportKit, importKit, kitFileName } from './kit-files';
import type { KitImportResult } from '../model/job';
import { z } from 'zod';
import type { KitFonts } from './kit-fonts';

type KitCalls = 'kits.list' | 'kits.get' | 'kits.create' | 'kits.update' | 'kits.duplicate' | 'kits.delete' | 'kits.setDefault' | 'kits.usingAsset' | 'kits.export' | 'kits.import' | 'kits.importStart';

/** What a 'kit-import' job keeps as its input: the path already checked by the gate, and whether it is our upload. */
const KitImportJobInput = z.object({ actorId: z.string(), file: z.string(), upload: z.boolean() });

/**
 * Registers the 'kit-import' job (kits.importStart): the same import as kits.import, with progress per file and
 * cancel between files (what it added is removed again), for kits whose intro/outro clips take a while.
 */
export function registerKitJobs(ctx: StudioContext, rooms: Rooms, fontsOf: (rooms: Rooms) => KitFonts): void {
  rooms.runner.register('kit-import', async (job, raw): Promise<KitImportResult> => {
    const input = KitImportJobInput.parse(raw);
    try {
      const r = await importKit(ctx, fontsOf(rooms), input.file, input.actorId, undefined, { signal: job.signal, progress: (f, d) => job.progress(f, d) });
      announceImport(ctx, r);
      return { kind: 'kit-import', kitId: r.kit.id, kitName: r.kit.name, importedAssetIds: r.importedAssetIds };
    } finally {
      if (input.upload) await fs.rm(input.file, { force: true });
    }
  });
}

function announceImport(ctx: StudioContext, r: KitImportOutcome): void {
  if (r.importedAssetIds.length) ctx.emit('assets.changed', { reason: 'imported', ids: r.importedAssetIds });
  if (r.restoredAssetIds.length) ctx.emit('assets.changed', { reason: 'restored', ids: r.restoredAssetIds });
  ctx.emit('kits.changed', { reason: 'imported', ids: [r.kit.id] });
}

type Audit = { action: AuditAction; detail: Record<string, unknown> };
const kitAudit = (change: string, kit: { id: string; name: string }, more: Record<string, unknown> = {}): Audit => ({ action: 'kit_edit', detail: { change, kitId: kit.id, name: kit.name, ...more } });

/** The content fields that differ between two versions of a kit (the audit entry of an edit names them). */
export function changedFields(before: BrandKitContent, after: BrandKitContent): string[] {
  const keys = Object.keys(BrandKitContent.shape) as (keyof BrandKitContent)[];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
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
    async 'kits.export'(input) {
      const kit = repo().require(input.id);
      const fileName = kitFileName(kit.name);
      let dest: string;
      if (input.path !== undefined) {
        const checked = await ctx.paths.check(input.path, 'delivery');
        if (!path.isAbsolute(checked)) throw new AppError('invalid_input', `“${input.path}” is not a full path. Give the whole path of the file to write.`);
        // A folder means "in there, under the kit's name".
        const st = await fs.stat(checked).catch(() => null);
        dest = st?.isDirectory() ? path.join(checked, fileName) : checked;
      } else {
        const dir = path.join(ctx.rooms.folder.exportsDir, 'kits');
        await fs.mkdir(dir, { recursive: true });
        dest = await freeFilePath(dir, fileName);
      }
      const out = await exportKit(ctx.rooms, fontsOf(ctx.rooms), kit, dest).catch((e: unknown) => {
        if (e instanceof AppError) throw e;
        throw new AppError('invalid_input', `The kit could not be written to ${dest} (${clause(errorMessage(e))}). Choose a folder you can write to.`);
      });
      return { path: out.path, fileName: path.basename(out.path), sizeBytes: out.sizeBytes };
    },
    async 'kits.import'(input) {
      const file = input.upload ? uploadPath(ctx.rooms.folder, input.upload.id) : await ctx.paths.check(input.path!, 'import');
      try {
        const r = await importKit(ctx, fontsOf(ctx.rooms), file, input.actorId);
        announceImport(ctx, r);
        return r.kit;
      } finally {
        // An upload is ours to remove, imported or not (as imports do).
        if (input.upload) await fs.rm(file, { force: true });
      }
    },
    async 'kits.importStart'(input) {
      // Refused before a job exists: a creator's import never starts.
      ctx.postService.permitted(input.actorId, 'kits.edit');
      const file = input.upload ? uploadPath(ctx.rooms.folder, input.upload.id) : await ctx.paths.check(input.path!, 'import');
      const name = input.upload?.name ?? path.basename(file);
      const job = ctx.rooms.runner.start('kit-import', `Importing the brand kit ${name}`, { actorId: input.actorId, file, upload: input.upload !== undefined } satisfies z.infer<typeof KitImportJobInput>);
      return { jobId: job.id };
    },
    async 'kits.usingAsset'(input) {
      return repo()
        .kitsUsingAsset(input.assetId)
        .map((u) => ({ kitId: u.kitId, kitName: u.kitName, role: u.role }));
    },
  };
}

/** `dir/name`, or `dir/name (2).ext`, … when a file of that name exists. */
async function freeFilePath(dir: string, name: string): Promise<string> {
  const ext = name.endsWith('.postframe-kit') ? '.postframe-kit' : path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? name : `${base} (${n})${ext}`);
    if (!(await fs.stat(candidate).catch(() => null))) return candidate;
  }
}

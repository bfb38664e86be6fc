import fs from 'node:fs/promises';
import { uploadPath } from '../import/importer';
import type { AssetFiles } from '../library/assets-repo';
import { purgeRefusalMessage } from '../library/drafts-repo';
import { kitPurgeRefusalMessage } from '../library/kits-repo';
import type { LibraryFolder } from '../library/folder';
import { renditionExt } from '../model/asset';
import { AppError } from '../model/errors';
import { importTitle } from '../model/import';
import type { ApiPart, StudioContext } from './context';
import { assetFilter } from './organise-api';

type LibraryCalls = 'assets.list' | 'assets.ids' | 'assets.get' | 'assets.update' | 'assets.tag' | 'assets.trash' | 'assets.restore' | 'assets.purge' | 'tags.list' | 'imports.start';

const assetGone = () => new AppError('not_found', 'This asset is no longer in the library.');

/** The media library's calls: browse, search, tag, trash, purge and import assets. */
export function libraryApi(ctx: StudioContext): ApiPart<LibraryCalls> {
  const api: ApiPart<LibraryCalls> = {
    async 'assets.list'(input) {
      return ctx.rooms.assets.list({ ...input, ...assetFilter(ctx, input) });
    },
    async 'assets.ids'(input) {
      return ctx.rooms.assets.ids(assetFilter(ctx, input));
    },
    async 'assets.get'(input) {
      const a = ctx.rooms.assets.get(input.id);
      if (!a) throw assetGone();
      return a;
    },
    async 'assets.update'(input) {
      const { id, ...patch } = input;
      if (!ctx.rooms.assets.update(id, patch)) throw assetGone();
      ctx.emit('assets.changed', { reason: 'updated', ids: [input.id] });
      return api['assets.get']({ id: input.id });
    },
    async 'assets.tag'(input) {
      const updated = ctx.rooms.assets.tag(input.ids, input.add, input.remove);
      ctx.emit('assets.changed', { reason: 'updated', ids: input.ids });
      return { updated };
    },
    async 'assets.trash'(input) {
      const ids = ctx.rooms.assets.setTrashed(input.ids, true);
      if (ids.length) ctx.emit('assets.changed', { reason: 'trashed', ids });
      return { count: ids.length };
    },
    async 'assets.restore'(input) {
      const ids = ctx.rooms.assets.setTrashed(input.ids, false);
      if (ids.length) ctx.emit('assets.changed', { reason: 'restored', ids });
      return { count: ids.length };
    },
    async 'assets.purge'(input) {
      const { db, drafts, kits, assets, folder } = ctx.rooms;
      // Check and delete in one write transaction (taken up front), so a draft or kit saved in between by another
      // process (the CLI, a second app on the same library) cannot start using an asset deleted under it.
      const gone = db.transaction(() => {
        const uses = drafts.liveUsesOfTrashedAssets(input.ids);
        if (uses.length) throw new AppError('conflict', purgeRefusalMessage(uses));
        // A kit's logo or intro/outro is kept rather than cleared: a kit silently losing its logo breaks the brand.
        const kitUses = kits.usesOf(input.ids).filter((u) => u.role !== 'font');
        if (kitUses.length) throw new AppError('conflict', kitPurgeRefusalMessage(kitUses.map((u) => ({ ...u, assetName: assets.get(u.refId)?.name ?? u.refId }))));
        return assets.purge(input.ids);
      }).immediate();
      await Promise.all(gone.map((f) => removeAssetFiles(folder, f)));
      if (gone.length) ctx.emit('assets.changed', { reason: 'purged', ids: gone.map((g) => g.id) });
      return { count: gone.length };
    },
    async 'tags.list'(input) {
      return input.ids ? ctx.rooms.assets.tagsOf(input.ids) : ctx.rooms.assets.tags();
    },
    async 'imports.start'(input) {
      for (const u of input.uploads) uploadPath(ctx.rooms.folder, u.id); // validates ids before a job exists
      // Every path must be one this front door may read (browser mode: allowed folders); the job reads the real
      // path that was checked, so a link changed afterwards cannot lead it elsewhere.
      const paths = await Promise.all(input.paths.map((p) => ctx.paths.check(p, 'import')));
      const job = ctx.rooms.runner.start('import', importTitle(input), { ...input, paths });
      return { jobId: job.id };
    },
  };
  return api;
}

/** Removes an asset's original and every cached file made from it (after its row is gone). */
export async function removeAssetFiles(folder: LibraryFolder, f: AssetFiles): Promise<void> {
  const rendition = renditionExt(f.ext);
  const files = [folder.originalPath(f.sha256, f.ext), folder.thumbPath(f.sha256), folder.tilePath(f.sha256), folder.posterPath(f.sha256), folder.waveformPath(f.sha256), folder.proxyPath(f.sha256), folder.reversedPath(f.sha256), folder.reversedProxyPath(f.sha256)];
  if (rendition) files.push(folder.renditionPath(f.sha256, rendition));
  await Promise.all(files.map((p) => fs.rm(p, { force: true })));
}

import fs from 'node:fs/promises';
import { uploadPath } from '../import/importer';
import type { ApiPart, StudioContext } from './context';
import type { FontGuard } from './fonts-store';

type FontCalls = 'fonts.list' | 'fonts.add' | 'fonts.update' | 'fonts.remove';

/**
 * The library's fonts (storage and checks in studio/fonts-store.ts; `fonts.changed` is emitted by the store).
 * Reading is open. Fonts are brand assets: every change needs 'kits.edit', checked before any file is read and
 * again in the write's own transaction with its audit entry (PostService.withPermission), as kits are.
 */
export function fontsApi(ctx: StudioContext): ApiPart<FontCalls> {
  const guard =
    (actorId: string): FontGuard =>
    (write) =>
      ctx.postService.withPermission(actorId, 'kits.edit', write);
  // Refuse early, before an upload is decoded or a path is looked at; the write checks again.
  const permitted = (actorId: string) => ctx.postService.permitted(actorId, 'kits.edit');

  return {
    async 'fonts.list'() {
      return ctx.rooms.fonts.list();
    },
    async 'fonts.add'(input) {
      const { fonts, folder } = ctx.rooms;
      if (input.upload) {
        const file = uploadPath(folder, input.upload.id);
        try {
          permitted(input.actorId);
          return await fonts.addFile(file, { fileName: input.upload.name, licenceNote: input.licenceNote }, guard(input.actorId));
        } finally {
          // The upload was for this call only: added or refused, it is not needed again.
          await fs.rm(file, { force: true });
        }
      }
      permitted(input.actorId);
      // Browser mode: only inside the allowed folders; the checked real path is what is read.
      const file = await ctx.paths.check(input.path!, 'import');
      return fonts.addFile(file, { fileName: input.path!.split(/[\\/]/).pop() ?? 'font', licenceNote: input.licenceNote }, guard(input.actorId));
    },
    async 'fonts.update'(input) {
      return ctx.rooms.fonts.setLicenceNote(input.id, input.licenceNote, guard(input.actorId));
    },
    async 'fonts.remove'(input) {
      await ctx.rooms.fonts.remove(input.id, guard(input.actorId));
      return { id: input.id };
    },
  };
}

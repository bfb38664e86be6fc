import fs from 'node:fs/promises';
import { uploadPath } from '../import/importer';
import type { ApiPart, StudioContext } from './context';
import type { LookGuard } from './looks-store';

type LookCalls = 'looks.list' | 'looks.cube' | 'looks.import' | 'looks.remove';

/**
 * Imported looks (storage and checks in studio/looks-store.ts). Reading is open. A look is a library item every
 * draft can use, kept with the brand: importing and removing need 'kits.edit' (as fonts do), checked before any
 * file is read and again in the write's own transaction with its audit entry ('look_edit').
 */
export function looksApi(ctx: StudioContext): ApiPart<LookCalls> {
  const guard =
    (actorId: string): LookGuard =>
    (write) =>
      ctx.postService.withPermission(actorId, 'kits.edit', write);
  const permitted = (actorId: string) => ctx.postService.permitted(actorId, 'kits.edit');

  return {
    async 'looks.list'() {
      return ctx.rooms.looks.list();
    },
    async 'looks.cube'(input) {
      return ctx.rooms.looks.cubeText(input.id);
    },
    async 'looks.import'(input) {
      const { looks, folder } = ctx.rooms;
      if (input.upload) {
        const file = uploadPath(folder, input.upload.id);
        try {
          permitted(input.actorId);
          return await looks.addFile(file, input.upload.name, guard(input.actorId));
        } finally {
          // The upload was for this call only: added or refused, it is not needed again.
          await fs.rm(file, { force: true });
        }
      }
      permitted(input.actorId);
      // Browser mode: only inside the allowed folders; the checked real path is what is read.
      const file = await ctx.paths.check(input.path!, 'import');
      return looks.addFile(file, input.path!.split(/[\\/]/).pop() ?? 'look.cube', guard(input.actorId));
    },
    async 'looks.remove'(input) {
      await ctx.rooms.looks.remove(input.id, guard(input.actorId));
      return { id: input.id };
    },
  };
}

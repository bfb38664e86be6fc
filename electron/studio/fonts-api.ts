import fs from 'node:fs/promises';
import { uploadPath } from '../import/importer';
import type { ApiPart, StudioContext } from './context';

type FontCalls = 'fonts.list' | 'fonts.add' | 'fonts.update' | 'fonts.remove';

/** The library's fonts (storage and checks in studio/fonts-store.ts; `fonts.changed` is emitted by the store). */
export function fontsApi(ctx: StudioContext): ApiPart<FontCalls> {
  return {
    async 'fonts.list'() {
      return ctx.rooms.fonts.list();
    },
    async 'fonts.add'(input) {
      const { fonts, folder } = ctx.rooms;
      if (input.upload) {
        const file = uploadPath(folder, input.upload.id);
        try {
          return await fonts.addFile(file, { fileName: input.upload.name, licenceNote: input.licenceNote });
        } finally {
          // The upload was for this call only: added or refused, it is not needed again.
          await fs.rm(file, { force: true });
        }
      }
      // Browser mode: only inside the allowed folders; the checked real path is what is read.
      const file = await ctx.paths.check(input.path!, 'import');
      return fonts.addFile(file, { fileName: input.path!.split(/[\\/]/).pop() ?? 'font', licenceNote: input.licenceNote });
    },
    async 'fonts.update'(input) {
      return ctx.rooms.fonts.setLicenceNote(input.id, input.licenceNote);
    },
    async 'fonts.remove'(input) {
      await ctx.rooms.fonts.remove(input.id);
      return { id: input.id };
    },
  };
}

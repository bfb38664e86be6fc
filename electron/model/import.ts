import { z } from 'zod';

/** What an import job is asked to do; stored as the job's input and parsed again when it runs. */
export const ImportRequest = z
  .object({
    paths: z.array(z.string().min(1)).default([]),
    uploads: z.array(z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(255) })).default([]),
  })
  .refine((v) => v.paths.length + v.uploads.length > 0, 'Choose at least one file or folder to import');
export type ImportRequest = z.output<typeof ImportRequest>;

export function importTitle(input: ImportRequest): string {
  const n = input.paths.length + input.uploads.length;
  const only = input.uploads.length === 1 && input.paths.length === 0 ? input.uploads[0]!.name : input.paths.length === 1 && input.uploads.length === 0 ? input.paths[0]! : null;
  return only ? `Import ${only.split(/[\\/]/).pop()}` : `Import ${n} items`;
}

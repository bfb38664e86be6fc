import { z } from 'zod';
import { type CubeLut, parseCube } from './cube-lut';
import { AppError } from './errors';

/**
 * A creator's own 3D LUT imported into the library (docs/looks.md "Imported looks"). The id is the SHA-256 of
 * the .cube file's bytes, kept as `luts/ab/<sha256>.cube` in the library folder: the same file imported twice is
 * one look, and a draft's `look.lut.id` names exactly the bytes the preview and the export both read.
 */
export const ImportedLookId = z.string().regex(/^[0-9a-f]{64}$/, 'An imported look id is the SHA-256 of its .cube file');

export const LookRecord = z.object({
  id: ImportedLookId,
  /** What the Looks row shows: the file's TITLE, else its name without `.cube`. */
  name: z.string().min(1).max(120),
  /** LUT_3D_SIZE (2…65). */
  size: z.number().int().min(2).max(65),
  fileName: z.string().max(255),
  sizeBytes: z.number().int().nonnegative(),
  addedAt: z.string(),
});
export type LookRecord = z.infer<typeof LookRecord>;

/** A .cube past this is refused before it is read: a 65³ table at full precision is about 9 MB. */
export const MAX_CUBE_BYTES = 20 * 1024 * 1024;

export const isImportedLookId = (id: string): boolean => /^[0-9a-f]{64}$/.test(id);

/** The look's shown name: the file's TITLE if it has one, else its file name without the extension. */
export function importedLookName(fileName: string, title: string | null): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.cube$/i, '').trim();
  const name = (title?.trim() || base || 'Imported look').replace(/\s+/g, ' ');
  return name.slice(0, 120);
}

/**
 * The shipped looks' names as the Looks row shows them (renderer i18n `look.name.<id>`, held equal by
 * renderer/src/features/editor/lookLogic.test.ts): an imported look may not take one.
 */
export const SHIPPED_LOOK_NAMES: readonly string[] = ['Warm', 'Cool', 'Film fade', 'Mono', 'Punch', 'Teal & orange'];

/**
 * A name no other look in the row has (compared without case): a .cube titled "Warm" beside the shipped Warm is
 * "Warm (imported)"; one named as another imported look gets a number ("Sunset Gold 2"). Two looks of the same
 * name could not be told apart in the row, the remove dialog or the audit.
 */
export function uniqueLookName(name: string, imported: readonly string[], shipped: readonly string[] = SHIPPED_LOOK_NAMES): string {
  const taken = new Set([...shipped, ...imported].map((n) => n.toLowerCase()));
  const free = (n: string) => !taken.has(n.toLowerCase());
  const base = free(name) ? name : shipped.some((n) => n.toLowerCase() === name.toLowerCase()) ? `${name.slice(0, 108)} (imported)` : name.slice(0, 112);
  if (free(base)) return base;
  for (let n = 2; ; n++) {
    const next = `${base} ${n}`;
    if (free(next)) return next;
  }
}

/**
 * Reads an imported .cube's text: the parser's checks (a message naming the line and what to do), with the file
 * name in front. Throws AppError('invalid_input').
 */
export function readImportedCube(text: string, fileName: string): CubeLut {
  try {
    return parseCube(text);
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, `${fileName}: ${e.message}`);
    throw e;
  }
}

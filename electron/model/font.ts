import { z } from 'zod';

/**
 * A font file kept in the library (DESIGN.md "Brand kits and fonts"). The id is the SHA-256 of the bytes the
 * rasteriser loads (a TTF/OTF; a WOFF2 is decoded to one on import), so the same font added twice is one
 * record, a kit export carries exactly these bytes, and the preview's @font-face serves the same file the
 * export draws with. `family` is what a TextStyle's `font` names.
 */
export const FontId = z.string().regex(/^[0-9a-f]{64}$/, 'A font id is the SHA-256 of its file');
export type FontId = z.infer<typeof FontId>;

export const FontRecord = z.object({
  id: FontId,
  /** Typographic family from the font's name table (nameID 16, else 1): what text styles refer to. */
  family: z.string().min(1).max(200),
  /** Subfamily (nameID 17, else 2), e.g. "Bold Italic". */
  subfamily: z.string().max(200),
  /** OS/2 usWeightClass (100–900). */
  weight: z.number().int().min(1).max(1000),
  italic: z.boolean(),
  /** The file format as added: the stored file is always an sfnt (TrueType or CFF outlines). */
  sourceFormat: z.enum(['ttf', 'otf', 'woff2']),
  /** The name the file had when it was added. */
  fileName: z.string().max(255),
  sizeBytes: z.number().int().nonnegative(),
  /** What the designer wrote about the licence (where it was bought, seats, terms). */
  licenceNote: z.string().max(2000),
  /** OS/2 fsType embedding bits read from the file, as words a person understands. */
  embedding: z.enum(['installable', 'editable', 'preview-print', 'restricted']),
  /** Ascent and descent as fractions of the em (hhea/OS2), used to centre glyphs in a line box. */
  ascent: z.number(),
  descent: z.number(),
  addedAt: z.string(),
});
export type FontRecord = z.infer<typeof FontRecord>;

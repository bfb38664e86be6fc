import type { FontRecord } from '../model/font';
import { AppError } from '../model/errors';
import type { Rooms } from './context';

/**
 * The narrow part of the library's fonts store the kit engine uses (the store itself is built on branch kit/fonts):
 * where a font's file is, and adding a font file (a kit import). Kept as a parameter so the kit engine does not
 * depend on how fonts are stored; the Studio wires the real store (`StudioOptions.kitFonts`).
 */
export interface KitFonts {
  /** The stored file of a library font, or null when the library has no font with that id. */
  fontFilePath(id: string): string | null;
  /** The font's record (its file name and licence note travel in a kit file), or null when there is none. */
  fontRecord(id: string): FontRecord | null;
  /** Adds a font file (validated and stored content-addressed by the store) and returns its record. */
  addFontFile(file: string, meta: { fileName: string; licenceNote: string }): Promise<FontRecord>;
}

export type KitFontsFactory = (rooms: Omit<Rooms, 'delivery'>) => KitFonts;

/**
 * Until the fonts store is wired in, a library has no fonts: a kit that lists one is refused by the reference
 * check (saying to add the font first), and a kit file with fonts is refused on import without leaving anything.
 */
export const noFontStore: KitFontsFactory = () => ({
  fontFilePath: () => null,
  fontRecord: () => null,
  addFontFile: () => Promise.reject(new AppError('unsupported_media', 'This Postframe cannot store font files yet, so a kit with fonts cannot be imported. Update Postframe.')),
});

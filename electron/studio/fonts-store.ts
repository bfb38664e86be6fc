import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FontsRepo, FontUse, StoredFont } from '../library/fonts-repo';
import type { LibraryFolder } from '../library/folder';
import { decodeWoff2 } from '../media/woff2';
import { AppError, errorMessage, isAppError } from '../model/errors';
import type { FontRecord } from '../model/font';
import { fontContainer, MAX_FONT_BYTES, readSfnt } from '../model/sfnt';
import { writeAtomic } from '../media/write-atomic';

export type FontMeta = { fileName: string; licenceNote: string };
export type FontChange = { reason: 'added' | 'updated' | 'removed'; ids: string[] };

/** A font change as the audit log records it. */
export type FontAudit = { action: 'font_edit'; detail: Record<string, unknown> };

/**
 * Runs a font write with the rights check and its audit entry in one transaction (the fonts API passes
 * PostService.withPermission for 'kits.edit'). When the actor may not, it throws and the write does not happen.
 */
export type FontGuard = <T>(write: () => { result: T; audit: FontAudit | null }) => T;

/**
 * For writes whose caller already holds the right and audits the whole operation itself: a kit import checks
 * 'kits.edit' before it unpacks anything (studio/kit-files.ts importKit) and audits the imported kit.
 */
export const preauthorised: FontGuard = (write) => write().result;

const fontAudit = (change: 'added' | 'updated' | 'removed', f: Pick<FontRecord, 'id' | 'family' | 'subfamily' | 'fileName'>, more: Record<string, unknown> = {}): FontAudit => ({
  action: 'font_edit',
  detail: { change, fontId: f.id, family: f.family, subfamily: f.subfamily, fileName: f.fileName, ...more },
});

/** The record as the API shows it (the stored file's extension is the store's business). */
export function publicFont(f: StoredFont): FontRecord {
  const { ext: _ext, ...record } = f;
  return record;
}

/**
 * The library's font files: validated (model/sfnt.ts), WOFF2 decoded to the sfnt it carries, stored
 * content-addressed under `fonts/ab/<sha256>.<ttf|otf>` and indexed in the `fonts` table. Every change is
 * announced through `changed` (the Studio emits `fonts.changed` and restarts the text rasteriser, which only
 * sees the fonts that existed when it started: docs/fonts.md).
 *
 * The kit engine uses `fontFilePath` and `addFontFile` (its KitFonts interface); `fontUsage` (kits and drafts)
 * is what refuses a removal.
 */
export class FontStore {
  constructor(
    private readonly folder: LibraryFolder,
    readonly repo: FontsRepo,
    private readonly changed: (change: FontChange) => void,
  ) {}

  list(): FontRecord[] {
    return this.repo.list().map(publicFont);
  }

  get(id: string): FontRecord | null {
    const f = this.repo.get(id);
    return f ? publicFont(f) : null;
  }

  /** The stored file of a library font, or null when the library has no font with that id. */
  fontFilePath(id: string): string | null {
    const f = /^[0-9a-f]{64}$/.test(id) ? this.repo.get(id) : null;
    return f ? this.folder.fontPath(f.id, f.ext) : null;
  }

  /**
   * Adds a font file for a kit import and returns its record (the existing one for the same bytes). The import
   * has checked 'kits.edit' before reading its file and audits the kit it makes.
   */
  async addFontFile(file: string, meta: FontMeta): Promise<FontRecord> {
    return (await this.addFile(file, meta, preauthorised)).font;
  }

  /** Adds a font file, saying whether it was new (`duplicate`: the same bytes were already in the library). */
  async addFile(file: string, meta: FontMeta, guard: FontGuard): Promise<{ font: FontRecord; duplicate: boolean }> {
    const st = await fs.stat(file).catch(() => null);
    if (!st?.isFile()) throw new AppError('not_found', `There is no font file at ${file}. Check that the file still exists.`);
    if (st.size > MAX_FONT_BYTES) {
      throw new AppError('too_large', `${meta.fileName} is ${(st.size / 1048576).toFixed(1)} MB; Postframe takes font files up to ${MAX_FONT_BYTES / 1048576} MB.`);
    }
    if (st.size === 0) throw new AppError('unsupported_media', `${meta.fileName} is empty (0 bytes). Copy the font file again from its source.`);
    return this.addBytes(new Uint8Array(await fs.readFile(file)), meta, guard);
  }

  async addBytes(bytes: Uint8Array, meta: FontMeta, guard: FontGuard): Promise<{ font: FontRecord; duplicate: boolean }> {
    const fileName = path.basename(meta.fileName).slice(0, 255);
    const container = fontContainer(bytes);
    const sfnt = container === 'woff2' ? await decodeWoff2(bytes) : bytes;
    const facts = withFileName(fileName, () => readSfnt(sfnt));
    const id = createHash('sha256').update(sfnt).digest('hex');
    const same = this.repo.get(id);
    if (same) return { font: publicFont(same), duplicate: true };
    const clash = this.repo.byFace(facts.family, facts.subfamily);
    if (clash) {
      throw new AppError(
        'conflict',
        `The library already has ${facts.family} ${facts.subfamily} from another file (${clash.fileName}, added ${clash.addedAt.slice(0, 10)}). Remove that font first if ${fileName} should replace it.`,
      );
    }
    const font: StoredFont = {
      id,
      family: facts.family,
      subfamily: facts.subfamily,
      weight: facts.weight,
      italic: facts.italic,
      sourceFormat: container === 'woff2' ? 'woff2' : facts.ext,
      fileName,
      sizeBytes: sfnt.length,
      licenceNote: meta.licenceNote.slice(0, 2000),
      embedding: facts.embedding,
      ascent: facts.ascent,
      descent: facts.descent,
      addedAt: new Date().toISOString(),
      ext: facts.ext,
    };
    const target = this.folder.fontPath(id, facts.ext);
    const existed = await fs.stat(target).then(() => true, () => false);
    if (!existed) {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await writeAtomic(target, sfnt);
    }
    try {
      guard(() => {
        this.repo.insert(font);
        return { result: null, audit: fontAudit('added', font, { sizeBytes: font.sizeBytes, embedding: font.embedding }) };
      });
    } catch (e) {
      // Refused (the rights check runs again in the insert's transaction): keep nothing of it.
      if (isAppError(e) && e.code === 'unauthorized') {
        if (!existed) await fs.rm(target, { force: true });
        throw e;
      }
      // Another process added the same bytes in between: theirs is the record; the file is the same either way.
      const raced = this.repo.get(id);
      if (raced) return { font: publicFont(raced), duplicate: true };
      if (!existed) await fs.rm(target, { force: true });
      if (/UNIQUE/.test(errorMessage(e))) throw new AppError('conflict', `The library already has ${facts.family} ${facts.subfamily} from another file. Remove that font first.`);
      throw e;
    }
    this.changed({ reason: 'added', ids: [id] });
    return { font: publicFont(font), duplicate: false };
  }

  setLicenceNote(id: string, note: string, guard: FontGuard): FontRecord {
    const font = guard(() => {
      const before = this.repo.get(id);
      if (!before || !this.repo.setLicenceNote(id, note)) throw fontGone();
      // The same note again changes nothing: nothing to record.
      return { result: publicFont(this.repo.get(id)!), audit: before.licenceNote === note ? null : fontAudit('updated', before, { licenceNote: note }) };
    });
    this.changed({ reason: 'updated', ids: [id] });
    return font;
  }

  /** What would break if this font went (FontsRepo.fontUsage: brand kits, then live drafts). */
  fontUsage(id: string): FontUse[] {
    return this.repo.fontUsage(id);
  }

  /**
   * Removes a font nothing uses; refuses (naming the users) otherwise, and then removes nothing. The check, the
   * row's removal and the audit entry are one transaction, so a kit saved meanwhile cannot start using it.
   */
  async remove(id: string, guard: FontGuard): Promise<void> {
    const f = guard(() => {
      const font = this.repo.get(id);
      if (!font) throw fontGone();
      const uses = this.fontUsage(id);
      if (uses.length) throw new AppError('conflict', fontInUseMessage(font, uses));
      this.repo.remove(id);
      return { result: font, audit: fontAudit('removed', font) };
    });
    await fs.rm(this.folder.fontPath(f.id, f.ext), { force: true });
    this.changed({ reason: 'removed', ids: [id] });
  }
}

export const fontGone = () => new AppError('not_found', 'This font is no longer in the library.');

/**
 * Why a font cannot be removed, naming what uses it (kits first: they are the brand) and what to do. Removing is
 * refused rather than cascaded: silently changing a brand kit or a draft's look is worse than one more step.
 */
export function fontInUseMessage(f: Pick<FontRecord, 'family' | 'subfamily'>, uses: FontUse[]): string {
  const list = (items: FontUse[]) => {
    const names = items.slice(0, 3).map((u) => `“${u.name}”`);
    const more = items.length > 3 ? ` and ${items.length - 3} more` : '';
    return `${names.join(', ')}${more}`;
  };
  const kits = uses.filter((u) => u.kind === 'kit');
  const drafts = uses.filter((u) => u.kind === 'draft');
  const face = `${f.family} ${f.subfamily}`;
  if (kits.length === 0) {
    const one = drafts.length === 1;
    const fix = one ? 'Change its text to another font, or move it to the Trash, first.' : 'Change their text to another font, or move them to the Trash, first.';
    return `${face} is used by the draft${one ? '' : 's'} ${list(drafts)}. ${fix} Nothing was removed.`;
  }
  const kitWords = `the brand kit${kits.length === 1 ? '' : 's'} ${list(kits)}`;
  const draftWords = drafts.length ? ` and the draft${drafts.length === 1 ? '' : 's'} ${list(drafts)}` : '';
  const kitFix = `In Brand, remove the font from ${kits.length === 1 ? 'that kit' : 'those kits'} and give ${kits.length === 1 ? 'its' : 'their'} text styles another font`;
  const draftFix = drafts.length ? `, and change the draft${drafts.length === 1 ? '’s' : 's’'} text to another font` : '';
  return `${face} is used by ${kitWords}${draftWords}. ${kitFix}${draftFix} first. Nothing was removed.`;
}

function withFileName<T>(fileName: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isAppError(e)) throw new AppError(e.code, `${fileName}: ${e.message}`);
    throw e;
  }
}

/** For the kit engine's factory (studio/kit-fonts.ts on kit/engine): the store's narrow interface. */
export type KitFontsView = Pick<FontStore, 'fontFilePath' | 'addFontFile'>;

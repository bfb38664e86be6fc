import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { LibraryFolder } from '../library/folder';
import type { LooksRepo, LookUse } from '../library/looks-repo';
import { writeAtomic } from '../media/write-atomic';
import type { CubeLut } from '../model/cube-lut';
import { AppError, isAppError } from '../model/errors';
import { type LookRecord, MAX_CUBE_BYTES, importedLookName, isImportedLookId, readImportedCube, uniqueLookName } from '../model/imported-look';
import { type LutSource, shippedOnly } from '../model/look';

/** A look change as the audit log records it. */
export type LookAudit = { action: 'look_edit'; detail: Record<string, unknown> };

/** Runs a look write with the rights check and its audit entry in one transaction (PostService.withPermission). */
export type LookGuard = <T>(write: () => { result: T; audit: LookAudit | null }) => T;

export type LookChange = { reason: 'added' | 'removed'; ids: string[] };

const lookAudit = (change: 'added' | 'removed', l: LookRecord): LookAudit => ({
  action: 'look_edit',
  detail: { change, lookId: l.id, name: l.name, fileName: l.fileName, size: l.size },
});

/**
 * The library's imported looks (docs/looks.md "Imported looks"): a .cube is checked by the same parser the
 * preview and the export read it with (model/cube-lut.ts), stored content-addressed under
 * `luts/ab/<sha256>.cube` and indexed in the `looks` table. `source` is the export's LutSource: shipped looks,
 * then imported ones, parsed once and kept.
 */
export class LookStore {
  private readonly tables = new Map<string, CubeLut>();

  constructor(
    private readonly folder: LibraryFolder,
    readonly repo: LooksRepo,
    private readonly changed: (change: LookChange) => void,
  ) {}

  list(): LookRecord[] {
    return this.repo.list();
  }

  /** The stored .cube text of an imported look: what the preview parses (the export parses the same file). */
  async cubeText(id: string): Promise<{ look: LookRecord; cube: string }> {
    const look = isImportedLookId(id) ? this.repo.get(id) : null;
    if (!look) throw lookGone();
    const cube = await fs.readFile(this.folder.lutPath(id), 'utf8').catch(() => null);
    if (cube === null) throw new AppError('not_found', `The file of the look “${look.name}” is missing from the library folder. Import ${look.fileName} again.`);
    return { look, cube };
  }

  /**
   * The tables the export's lut3d needs, read before the (synchronous) compile: shipped looks from the model,
   * imported ones from their files. An id that is neither stays unknown and the export refuses it by name.
   */
  async sourceFor(ids: readonly string[]): Promise<LutSource> {
    for (const id of new Set(ids)) {
      if (shippedOnly(id) || this.tables.has(id) || !isImportedLookId(id) || !this.repo.get(id)) continue;
      const text = await fs.readFile(this.folder.lutPath(id), 'utf8').catch(() => null);
      if (text !== null) this.tables.set(id, readImportedCube(text, id));
    }
    return (id) => shippedOnly(id) ?? (this.repo.get(id) ? (this.tables.get(id) ?? null) : null);
  }

  /** Imports a .cube file, saying whether it was new (`duplicate`: the same bytes were already in the library). */
  async addFile(file: string, fileName: string, guard: LookGuard): Promise<{ look: LookRecord; duplicate: boolean }> {
    const st = await fs.stat(file).catch(() => null);
    if (!st?.isFile()) throw new AppError('not_found', `There is no file at ${file}. Check that the .cube file still exists.`);
    if (st.size > MAX_CUBE_BYTES) throw new AppError('too_large', `${fileName} is ${(st.size / 1048576).toFixed(1)} MB; Postframe takes .cube files up to ${MAX_CUBE_BYTES / 1048576} MB.`);
    if (st.size === 0) throw new AppError('invalid_input', `${fileName} is empty (0 bytes). Export the LUT from your grading app again.`);
    return this.addBytes(await fs.readFile(file), fileName, guard);
  }

  async addBytes(bytes: Buffer, fileNameIn: string, guard: LookGuard): Promise<{ look: LookRecord; duplicate: boolean }> {
    const fileName = path.basename(fileNameIn).slice(0, 255);
    if (!/\.cube$/i.test(fileName)) throw new AppError('invalid_input', `${fileName} is not a .cube file. Export a 3D LUT as .cube from your grading app and import that.`);
    const lut = readImportedCube(bytes.toString('utf8'), fileName);
    const id = createHash('sha256').update(bytes).digest('hex');
    const same = this.repo.get(id);
    if (same) return { look: same, duplicate: true };
    const look: LookRecord = { id, name: uniqueLookName(importedLookName(fileName, lut.title), this.repo.list().map((l) => l.name)), size: lut.size, fileName, sizeBytes: bytes.length, addedAt: new Date().toISOString() };
    const target = this.folder.lutPath(id);
    const existed = await fs.stat(target).then(() => true, () => false);
    if (!existed) {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await writeAtomic(target, bytes);
    }
    try {
      guard(() => {
        this.repo.insert(look);
        return { result: null, audit: lookAudit('added', look) };
      });
    } catch (e) {
      const raced = isAppError(e) && e.code === 'unauthorized' ? null : this.repo.get(id);
      if (raced) return { look: raced, duplicate: true };
      if (!existed) await fs.rm(target, { force: true });
      throw e;
    }
    this.tables.set(id, lut);
    this.changed({ reason: 'added', ids: [id] });
    return { look, duplicate: false };
  }

  /**
   * Removes a look no live draft uses; refuses (naming the drafts) otherwise, and removes nothing. Refused rather
   * than allowed: a draft that silently lost its grade would export different colours than the creator approved.
   */
  async remove(id: string, guard: LookGuard): Promise<void> {
    const look = guard(() => {
      const l = this.repo.get(id);
      if (!l) throw lookGone();
      const uses = this.repo.draftsUsing(id);
      if (uses.length) throw new AppError('conflict', lookInUseMessage(l, uses));
      this.repo.remove(id);
      return { result: l, audit: lookAudit('removed', l) };
    });
    this.tables.delete(id);
    await fs.rm(this.folder.lutPath(look.id), { force: true });
    this.changed({ reason: 'removed', ids: [id] });
  }
}

export const lookGone = () => new AppError('not_found', 'This look is no longer in the library. Choose another look.');

/** Why a look cannot be removed: the drafts that use it (three by name) and what to do. */
export function lookInUseMessage(l: Pick<LookRecord, 'name'>, uses: readonly LookUse[]): string {
  const names = uses.slice(0, 3).map((u) => `“${u.name}”`).join(', ');
  const more = uses.length > 3 ? ` and ${uses.length - 3} more` : '';
  const one = uses.length === 1;
  return `The look “${l.name}” is used by the draft${one ? '' : 's'} ${names}${more}. Choose another look for ${one ? 'its' : 'their'} clips, or move ${one ? 'it' : 'them'} to the Trash, first. Nothing was removed.`;
}

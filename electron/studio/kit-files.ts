import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pkg from '../../package.json';
import { runImport } from '../import/importer';
import { type ZipLimits, type ZipSource, badKit, extractEntry, readEntry, readZipDirectory, writeZip } from '../library/zip';
import type { BrandKit, BrandKitContent } from '../model/brand-kit';
import { AppError, clause, errorMessage } from '../model/errors';
import { KIT_FORMAT, KIT_FORMAT_VERSION, type KitFileEntry, type KitManifest, MANIFEST_NAME, type ManifestKit, parseKitManifest } from '../model/kit-manifest';
import type { Rooms, StudioContext } from './context';
import type { KitFonts } from './kit-fonts';
import { checkKitReferences } from '../model/kit-refs';
import { removeAssetFiles } from './library-api';

export const KIT_EXTENSION = '.postframe-kit';

/** Throws unless every asset and font `content` names is usable in this library (model/kit-refs.ts). */
export function checkReferences(rooms: Pick<Rooms, 'assets'>, fonts: KitFonts, content: BrandKitContent): void {
  checkKitReferences(
    content,
    (id) => {
      const a = rooms.assets.get(id);
      return a ? { id: a.id, name: a.name, kind: a.kind, trashed: a.trashedAt !== null } : null;
    },
    (id) => fonts.fontFilePath(id) !== null,
  );
}

/** What a kit file may hold (docs/kit-format.md "Limits"): 16 fonts and 4 media files fit with room to spare. */
export const DEFAULT_KIT_LIMITS: ZipLimits = {
  maxArchiveBytes: 2 * 1024 ** 3,
  maxEntries: 41,
  maxEntryBytes: 1024 ** 3,
  maxTotalBytes: 2 * 1024 ** 3,
};

/** A file name for a kit, from its name: letters, digits, spaces, dots, dashes and underscores kept. */
export function kitFileName(name: string): string {
  const base = name.normalize('NFC').replace(/[^\p{L}\p{N} ._-]+/gu, '-').replace(/^[.\s-]+|[.\s-]+$/g, '') || 'brand-kit';
  return `${base.slice(0, 100)}${KIT_EXTENSION}`;
}

const entryExt = (name: string, fallback: string) => (/^\.[a-z0-9]{1,8}$/i.test(path.extname(name)) ? path.extname(name).toLowerCase() : fallback);

/**
 * Writes `kit` as a `.postframe-kit` file at `dest`: the manifest (references rewritten to entry paths, each file's
 * SHA-256) and the stored bytes of its logos, intro/outro clips and fonts. Entry paths are `media/<sha>.<ext>`
 * and `fonts/<sha>.<ext>`: content-addressed like the library, so a logo used twice is carried once.
 */
export async function exportKit(rooms: Pick<Rooms, 'assets' | 'folder'>, fonts: KitFonts, kit: BrandKit, dest: string, now = new Date()): Promise<{ path: string; sizeBytes: number }> {
  const files = new Map<string, KitFileEntry & { source: string }>();
  const media = (id: string | null, what: string): string | null => {
    if (id === null) return null;
    const a = rooms.assets.get(id);
    if (!a) throw new AppError('not_found', `The ${what} of “${kit.name}” is no longer in the library. Pick another ${what} in Brand, then export again.`);
    const entry = `media/${a.sha256}.${a.ext}`;
    if (a.kind !== 'image' && a.kind !== 'video') throw new AppError('invalid_input', `The ${what} of “${kit.name}” is not an image or a video. Pick another ${what}, then export again.`);
    files.set(entry, { path: entry, sha256: a.sha256, sizeBytes: a.sizeBytes, kind: a.kind, name: a.name, licenceNote: '', source: rooms.folder.originalPath(a.sha256, a.ext) });
    return entry;
  };
  const font = (id: string): string => {
    const file = fonts.fontFilePath(id);
    const rec = fonts.fontRecord(id);
    if (!file || !rec) throw new AppError('not_found', `A font of “${kit.name}” is no longer in the library. Add it again in Brand → Fonts, or remove it from the kit, then export again.`);
    const entry = `fonts/${id}${entryExt(file, '.ttf')}`;
    files.set(entry, { path: entry, sha256: id, sizeBytes: rec.sizeBytes, kind: 'font', name: rec.fileName || path.basename(file), licenceNote: rec.licenceNote, source: file });
    return entry;
  };
  const { id: _i, isDefault: _d, createdAt: _c, updatedAt: _u, ...content } = kit;
  const manifestKit: ManifestKit = {
    ...content,
    logos: { light: media(kit.logos.light, 'light logo'), dark: media(kit.logos.dark, 'dark logo') },
    intro: media(kit.intro, 'intro clip'),
    outro: media(kit.outro, 'outro clip'),
    fontIds: kit.fontIds.map(font),
  };
  // Sizes and hashes are taken from the bytes written, not from the records: the manifest must match the zip.
  const listed: KitFileEntry[] = [];
  for (const f of files.values()) {
    const { sha256, size } = await hashFile(f.source).catch((e: unknown) => {
      throw new AppError('not_found', `A file of “${kit.name}” (${f.name}) cannot be read (${clause(errorMessage(e))}). Check the library folder, then export again.`);
    });
    const { source: _s, ...entry } = f;
    listed.push({ ...entry, sha256, sizeBytes: size });
  }
  const manifest: KitManifest = { format: KIT_FORMAT, version: KIT_FORMAT_VERSION, generator: `Postframe ${pkg.version}`, createdAt: now.toISOString(), kit: manifestKit, files: listed };
  const entries: ZipSource[] = [{ name: MANIFEST_NAME, data: Buffer.from(JSON.stringify(manifest, null, 2)) }, ...[...files.values()].map((f) => ({ name: f.path, file: f.source }))];
  const { sizeBytes } = await writeZip(dest, entries);
  return { path: dest, sizeBytes };
}

async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

/**
 * Reads and checks a kit file completely before the library is touched: the zip's structure and names, sizes while
 * unpacking, the manifest (format, version, shape, references) and the SHA-256 of every file. Returns the manifest
 * and where each file was unpacked inside `scratch`.
 */
export async function unpackKit(file: string, scratch: string, limits: ZipLimits = DEFAULT_KIT_LIMITS): Promise<{ manifest: KitManifest; files: Map<string, string> }> {
  const entries = await readZipDirectory(file, limits);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const manifestEntry = byName.get(MANIFEST_NAME);
  if (!manifestEntry) throw badKit('it has no manifest.json, so it is not a Postframe kit');
  if (manifestEntry.size > 1024 * 1024) throw badKit('its manifest is too large');
  let json: unknown;
  try {
    json = JSON.parse((await readEntry(file, manifestEntry, scratch)).toString('utf8'));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw badKit('its manifest is not valid JSON');
  }
  const parsed = parseKitManifest(json);
  if (!parsed.ok) {
    if (parsed.problem.kind === 'newer') {
      throw new AppError('invalid_input', `This kit file was made by a newer Postframe (kit format ${parsed.problem.version}; this version reads up to ${KIT_FORMAT_VERSION}). Update Postframe to import it.`);
    }
    throw badKit(`its manifest is not valid (${parsed.problem.message})`);
  }
  const { manifest } = parsed;
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const e of entries) if (e.name !== MANIFEST_NAME && !listed.has(e.name)) throw badKit(`“${e.name}” is not listed in its manifest`);
  const files = new Map<string, string>();
  for (const [i, f] of manifest.files.entries()) {
    const entry = byName.get(f.path);
    if (!entry) throw badKit(`“${f.path}” is listed in its manifest but missing`);
    if (entry.size !== f.sizeBytes) throw badKit(`“${f.path}” is not the size its manifest says`);
    // Unpacked under its library name (the importer names assets after their file), in a folder of its own.
    const dir = path.join(scratch, String(i));
    await fs.mkdir(dir);
    const dest = path.join(dir, safeBaseName(f.name, f.path));
    const { sha256 } = await extractEntry(file, entry, dest);
    if (sha256 !== f.sha256) throw badKit(`“${f.path}” does not match its SHA-256 in the manifest (changed or damaged)`);
    files.set(f.path, dest);
  }
  return { manifest, files };
}

/** A file name for an unpacked file: the manifest's `name` if it is a plain name, else the entry's own. */
function safeBaseName(name: string, entryPath: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const plain = name.normalize('NFC').replace(/[/\\:\u0000-\u001f<>"|?*]+/g, '-').replace(/^[.\s]+|[.\s]+$/g, '');
  return plain.length > 0 ? plain.slice(0, 200) : path.basename(entryPath);
}

export type KitImportOutcome = { kit: BrandKit; importedAssetIds: string[]; restoredAssetIds: string[] };

/**
 * Imports a kit file into the library: checked whole first (unpackKit), then logos and clips through the normal
 * importer (deduplicated by SHA-256: a logo the library has is reused, brought back from the Trash if it was
 * there), fonts through the fonts store, and the kit row with its audit entry in one transaction, named
 * "Name (2)" when the name is taken. If any step fails, assets this import added are removed again and the
 * scratch folder goes; no kit row is left. (Fonts the store already accepted stay: they are valid library fonts,
 * and the narrow fonts interface has no removal.)
 */
export async function importKit(
  ctx: StudioContext,
  fonts: KitFonts,
  file: string,
  actorId: string,
  limits: ZipLimits = DEFAULT_KIT_LIMITS,
  job: { signal?: AbortSignal; progress?: (fraction: number, detail: string) => void } = {},
): Promise<KitImportOutcome> {
  const rooms = ctx.rooms;
  const progress = job.progress ?? (() => undefined);
  // Checked between steps: a cancel lands in the catch below, which removes what this import added.
  const step = () => {
    if (job.signal?.aborted) throw new AppError('cancelled', 'The kit import was cancelled. Nothing was imported.');
  };
  // Refused before any work: a creator's import would otherwise add assets and fonts first.
  ctx.postService.permitted(actorId, 'kits.edit');
  const scratch = path.join(rooms.folder.stagingDir, `${process.pid}-kit-${randomUUID()}`);
  await fs.mkdir(scratch, { recursive: true });
  const added: string[] = [];
  const restored: string[] = [];
  try {
    progress(0, 'Checking the kit file');
    const { manifest, files } = await unpackKit(file, scratch, limits);
    const ids = new Map<string, string>();
    const total = manifest.files.length;
    let done = 0;
    const next = (name: string) => progress(0.3 + (0.65 * done++) / Math.max(1, total), name);
    for (const f of manifest.files) {
      if (f.kind === 'font') continue;
      step();
      next(f.name);
      const outcome = await runImport({ folder: rooms.folder, assets: rooms.assets, tools: rooms.tools, toolsError: rooms.toolsError ?? undefined, concurrency: 1 }, { paths: [files.get(f.path)!], uploads: [] });
      const id = outcome.assetIds[0] ?? outcome.duplicateIds[0];
      if (!id) throw badKit(`its file “${f.name}” could not be imported (${clause(outcome.failed[0]?.reason ?? 'unknown reason')})`);
      if (outcome.assetIds[0]) added.push(id);
      const asset = rooms.assets.get(id);
      if (asset && asset.kind !== f.kind) throw badKit(`its file “${f.name}” is not ${f.kind === 'image' ? 'an image' : 'a video'}`);
      if (asset?.trashedAt) restored.push(...rooms.assets.setTrashed([id], false));
      ids.set(f.path, id);
    }
    for (const f of manifest.files) {
      if (f.kind !== 'font') continue;
      step();
      next(f.name);
      const rec = await fonts.addFontFile(files.get(f.path)!, { fileName: f.name, licenceNote: f.licenceNote });
      ids.set(f.path, rec.id);
    }
    const ref = (p: string | null) => (p === null ? null : ids.get(p)!);
    const content: BrandKitContent = {
      ...manifest.kit,
      logos: { light: ref(manifest.kit.logos.light), dark: ref(manifest.kit.logos.dark) },
      intro: ref(manifest.kit.intro),
      outro: ref(manifest.kit.outro),
      fontIds: manifest.kit.fontIds.map((p) => ids.get(p)!),
    };
    step();
    const kit = ctx.postService.withPermission(actorId, 'kits.edit', () => {
      checkReferences(rooms, fonts, content);
      const k = rooms.kits.create({ ...content, name: rooms.kits.freeName(content.name, 'number') });
      return { result: k, audit: { action: 'kit_edit', detail: { change: 'imported', kitId: k.id, name: k.name, fileName: path.basename(file), generator: manifest.generator } } };
    });
    progress(1, kit.name);
    return { kit, importedAssetIds: added, restoredAssetIds: restored };
  } catch (e) {
    if (restored.length) rooms.assets.setTrashed(restored, true);
    if (added.length) {
      rooms.assets.setTrashed(added, true);
      const gone = rooms.assets.purge(added);
      await Promise.all(gone.map((g) => removeAssetFiles(rooms.folder, g)));
    }
    throw e;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/**
 * A kit file in the library's exports/kits/ by its file name (the browser download of `kits.export`): only a plain
 * `.postframe-kit` name, only inside that folder (links followed and checked), else null.
 */
export async function resolveKitFile(exportsDir: string, fileName: string): Promise<{ path: string; fileName: string; mime: string } | null> {
  if (!fileName.endsWith(KIT_EXTENSION) || fileName.includes('/') || fileName.includes('\\') || fileName.startsWith('.')) return null;
  const dir = path.join(exportsDir, 'kits');
  const real = await fs.realpath(path.join(dir, fileName)).catch(() => null);
  const realDir = await fs.realpath(dir).catch(() => null);
  if (!real || !realDir || path.dirname(real) !== realDir) return null;
  const st = await fs.stat(real).catch(() => null);
  return st?.isFile() ? { path: real, fileName, mime: 'application/zip' } : null;
}

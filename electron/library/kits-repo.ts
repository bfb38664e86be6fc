import { randomUUID } from 'node:crypto';
import { type BrandKit, BrandKitContent, emptyKitContent } from '../model/brand-kit';
import { AppError } from '../model/errors';
import type { Db } from './db';

/** What a kit uses a library asset or font for (migration 0012 `brand_kit_uses.role`). */
export const kitUseRoles = ['logo_light', 'logo_dark', 'intro', 'outro', 'font'] as const;
export type KitUseRole = (typeof kitUseRoles)[number];
/** The roles in which a kit uses a library asset (the rest, 'font', names a library font). */
export type KitAssetRole = Exclude<KitUseRole, 'font'>;

/** One kit's use of an asset (or a font, role 'font'): "where used", and why a purge is refused. */
export type KitUse = { kitId: string; kitName: string; refId: string; role: KitUseRole };

type Row = { rowid: number; id: string; name: string; is_default: number; doc: string; created_at: string; updated_at: string };

const KIT_NAME_MAX = 80;

/** The references a kit's content makes, as rows of the uses table. */
export function kitUses(content: BrandKitContent): { role: KitUseRole; refId: string }[] {
  const out: { role: KitUseRole; refId: string }[] = [];
  if (content.logos.light) out.push({ role: 'logo_light', refId: content.logos.light });
  if (content.logos.dark) out.push({ role: 'logo_dark', refId: content.logos.dark });
  if (content.intro) out.push({ role: 'intro', refId: content.intro });
  if (content.outro) out.push({ role: 'outro', refId: content.outro });
  for (const f of new Set(content.fontIds)) out.push({ role: 'font', refId: f });
  return out;
}

export function kitNotFound(): AppError {
  return new AppError('not_found', 'This brand kit is no longer in the library. Pick a kit from the list again.');
}

const roleWords: Record<KitUseRole, string> = { logo_light: 'light logo', logo_dark: 'dark logo', intro: 'intro clip', outro: 'outro clip', font: 'font' };

/** Why assets cannot be deleted for good while a kit uses them, and what to do. */
export function kitPurgeRefusalMessage(uses: (KitUse & { assetName: string })[]): string {
  const first = uses[0]!;
  const more = uses.length > 1 ? ` (and ${uses.length - 1} more use${uses.length > 2 ? 's' : ''} in brand kits)` : '';
  return `“${first.assetName}” is the ${roleWords[first.role]} of the brand kit “${first.kitName}”${more}. Pick another one in Brand → “${first.kitName}” first. Nothing was deleted.`;
}

/** "Acme" → "Acme copy", "Acme copy 2", …, or "Acme (2)", "Acme (3)", … when `style` is 'number'; within the name limit. */
export function nextFreeName(name: string, taken: (candidate: string) => boolean, style: 'copy' | 'number'): string {
  const fit = (base: string, suffix: string) => `${base.slice(0, KIT_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
  if (style === 'copy') {
    for (let n = 1; ; n++) {
      const candidate = fit(name, n === 1 ? ' copy' : ` copy ${n}`);
      if (!taken(candidate)) return candidate;
    }
  }
  if (!taken(name)) return name;
  for (let n = 2; ; n++) {
    const candidate = fit(name, ` (${n})`);
    if (!taken(candidate)) return candidate;
  }
}

export type KitsRepoOptions = { now?: () => Date };

/**
 * Brand kits (migration 0012). Every write validates the content (BrandKitContent), rewrites the kit's uses and
 * keeps exactly one default while any kit exists, in one transaction. Checking what the kit refers to (assets
 * exist and are the right kind, fonts are in the library) is the caller's, inside the same transaction.
 */
export class KitsRepo {
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    options: KitsRepoOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** The default kit first, then by name. */
  list(): BrandKit[] {
    const rows = this.db.prepare('SELECT * FROM brand_kits ORDER BY is_default DESC, name COLLATE NOCASE, rowid').all() as Row[];
    return rows.map(toKit);
  }

  get(id: string): BrandKit | null {
    const r = this.db.prepare('SELECT * FROM brand_kits WHERE id = ?').get(id) as Row | undefined;
    return r ? toKit(r) : null;
  }

  require(id: string): BrandKit {
    const k = this.get(id);
    if (!k) throw kitNotFound();
    return k;
  }

  /** A kit by its name, whatever its case. */
  byName(name: string): BrandKit | null {
    const r = this.db.prepare('SELECT * FROM brand_kits WHERE name = ? COLLATE NOCASE').get(name.trim()) as Row | undefined;
    return r ? toKit(r) : null;
  }

  defaultKit(): BrandKit | null {
    const r = this.db.prepare('SELECT * FROM brand_kits WHERE is_default = 1').get() as Row | undefined;
    return r ? toKit(r) : null;
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM brand_kits').pluck().get() as number;
  }

  /** A name no kit has yet, made from `name` (see nextFreeName). */
  freeName(name: string, style: 'copy' | 'number'): string {
    return nextFreeName(name, (n) => this.byName(n) !== null, style);
  }

  /** A new kit; the first kit of a library becomes its default. A name in use is refused. */
  create(content: BrandKitContent | { name: string }): BrandKit {
    const doc = BrandKitContent.parse('palette' in content ? content : emptyKitContent(content.name));
    return this.db.transaction(() => {
      this.refuseTakenName(doc.name, null);
      const at = this.now().toISOString();
      const isDefault = this.count() === 0 ? 1 : 0;
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO brand_kits (id, name, is_default, doc, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(randomUUID(), doc.name, isDefault, JSON.stringify(doc), at, at);
      this.writeUses(Number(lastInsertRowid), doc);
      return toKit(this.db.prepare('SELECT * FROM brand_kits WHERE rowid = ?').get(lastInsertRowid) as Row);
    })();
  }

  /**
   * Saves new content. `baseUpdatedAt` is the `updatedAt` the edit started from: if the kit changed since (another
   * designer, another window), the save is refused with 'conflict' and nothing is overwritten.
   */
  update(id: string, content: BrandKitContent, baseUpdatedAt: string): { before: BrandKit; after: BrandKit } {
    const doc = BrandKitContent.parse(content);
    return this.db.transaction(() => {
      const row = this.row(id);
      if (row.updated_at !== baseUpdatedAt) {
        throw new AppError(
          'conflict',
          `Someone else changed the brand kit “${row.name}” since you opened it. Your changes were not saved: reload the kit to see theirs, then make yours again.`,
        );
      }
      this.refuseTakenName(doc.name, row.rowid);
      const at = this.nextStamp(row.updated_at);
      this.db.prepare('UPDATE brand_kits SET name = ?, doc = ?, updated_at = ? WHERE rowid = ?').run(doc.name, JSON.stringify(doc), at, row.rowid);
      this.writeUses(row.rowid, doc);
      return { before: toKit(row), after: toKit(this.row(id)) };
    })();
  }

  /** A copy named "<name> copy" (or "copy 2", …); never the default. */
  duplicate(id: string): BrandKit {
    return this.db.transaction(() => {
      const source = this.require(id);
      const { id: _id, isDefault: _d, createdAt: _c, updatedAt: _u, ...content } = source;
      return this.create({ ...content, name: this.freeName(source.name, 'copy') });
    })();
  }

  /**
   * Deletes a kit; if it was the default, the oldest remaining kit becomes the default. Reads only the row's
   * name, so a damaged kit can still be deleted.
   */
  delete(id: string): { deleted: { id: string; name: string }; newDefaultId: string | null } {
    return this.db.transaction(() => {
      const row = this.row(id);
      this.db.prepare('DELETE FROM brand_kits WHERE rowid = ?').run(row.rowid);
      let newDefaultId: string | null = null;
      if (row.is_default === 1) {
        const next = this.db.prepare('SELECT rowid, id FROM brand_kits ORDER BY created_at, rowid LIMIT 1').get() as { rowid: number; id: string } | undefined;
        if (next) {
          this.db.prepare('UPDATE brand_kits SET is_default = 1 WHERE rowid = ?').run(next.rowid);
          newDefaultId = next.id;
        }
      }
      return { deleted: { id: row.id, name: row.name }, newDefaultId };
    })();
  }

  /** Makes a kit the default (the one a new draft gets); returns it and the previous default's id. */
  setDefault(id: string): { kit: BrandKit; previousId: string | null } {
    return this.db.transaction(() => {
      const row = this.row(id);
      const previous = this.defaultKit();
      if (previous?.id === id) return { kit: previous, previousId: id };
      // Clear first: the partial unique index allows one default at a time, even inside a transaction.
      this.db.prepare('UPDATE brand_kits SET is_default = 0 WHERE is_default = 1').run();
      this.db.prepare('UPDATE brand_kits SET is_default = 1 WHERE rowid = ?').run(row.rowid);
      return { kit: toKit(this.row(id)), previousId: previous?.id ?? null };
    })();
  }

  /** The kits that use an asset (as a logo, intro or outro): the asset's "where used" and the purge check. */
  kitsUsingAsset(assetId: string): (KitUse & { role: KitAssetRole })[] {
    return this.usesOf([assetId]).filter((u): u is KitUse & { role: KitAssetRole } => u.role !== 'font');
  }

  /** The kits that list a font (for the fonts store's own removal check). */
  kitsUsingFont(fontId: string): KitUse[] {
    return this.usesOf([fontId]).filter((u) => u.role === 'font');
  }

  /** Uses of any of `ids` (asset or font ids), kit by kit. The ids travel as one JSON parameter (no variable limit). */
  usesOf(ids: string[]): KitUse[] {
    return (
      this.db
        .prepare(
          `SELECT k.id AS kitId, k.name AS kitName, u.ref_id AS refId, u.role AS role
           FROM brand_kit_uses u JOIN brand_kits k ON k.rowid = u.kit_rowid
           WHERE u.ref_id IN (SELECT value FROM json_each(?))
           ORDER BY k.name COLLATE NOCASE, u.role`,
        )
        .all(JSON.stringify(ids)) as KitUse[]
    );
  }

  private row(id: string): Row {
    const r = this.db.prepare('SELECT * FROM brand_kits WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw kitNotFound();
    return r;
  }

  private refuseTakenName(name: string, ownRowid: number | null): void {
    const other = this.db.prepare('SELECT rowid, name FROM brand_kits WHERE name = ? COLLATE NOCASE').get(name) as { rowid: number; name: string } | undefined;
    if (other && other.rowid !== ownRowid) {
      throw new AppError('conflict', `There is already a brand kit named “${other.name}”. Choose another name.`);
    }
  }

  private writeUses(rowid: number, doc: BrandKitContent): void {
    this.db.prepare('DELETE FROM brand_kit_uses WHERE kit_rowid = ?').run(rowid);
    const insert = this.db.prepare('INSERT INTO brand_kit_uses (kit_rowid, role, ref_id) VALUES (?, ?, ?)');
    for (const u of kitUses(doc)) insert.run(rowid, u.role, u.refId);
  }

  /**
   * Now, but always after `previous`: `updatedAt` is what a stale edit is told apart by, so two saves within one
   * millisecond (or a clock set back) must still get different stamps.
   */
  private nextStamp(previous: string): string {
    const now = this.now().getTime();
    const prev = Date.parse(previous);
    return new Date(Number.isNaN(prev) || now > prev ? now : prev + 1).toISOString();
  }
}

function toKit(r: Row): BrandKit {
  // Parsed on the way out too: a document changed outside Postframe fails here with a clear message, not later.
  const parsed = BrandKitContent.safeParse(JSON.parse(r.doc));
  if (!parsed.success) {
    throw new AppError('library_unavailable', `The brand kit “${r.name}” is damaged in this library (${parsed.error.issues[0]?.message ?? 'invalid'}). Delete it, or import it again from its .postframe-kit file.`);
  }
  return { ...parsed.data, name: r.name, id: r.id, isDefault: r.is_default === 1, createdAt: r.created_at, updatedAt: r.updated_at };
}

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { runImport } from '../import/importer';
import { TemplatesRepo } from '../library/templates-repo';
import type { Draft } from '../model/draft';
import { migrateDraft } from '../model/draft-migrate';
import type { Rooms } from './context';

/**
 * The starter templates shipped in resources/templates (written by scripts/make-starter-templates.ts): each file
 * is `{ key, version, doc }` with asset references written as "asset:<file in assets/>". A library imports them on
 * first use of templates.list: the pictures through the importer (deduplicated by content, so a second run adds
 * nothing) and each document as a template with no author. Which keys a library has imported is recorded
 * (migration 0013), so importing is idempotent and a starter an admin deleted stays deleted.
 */

export const StarterFile = z.object({ key: z.string().regex(/^[a-z0-9-]{1,64}$/), version: z.number().int().positive(), doc: z.unknown() });
/** `doc` points at stand-in asset ids (for checking and tests); `raw` is the file's document, resolved at import. */
export type Starter = { key: string; version: number; doc: Draft; raw: unknown; assetFiles: string[] };

const ASSET_REF = /^asset:([A-Za-z0-9._-]{1,100})$/;

/** resources/templates: packaged under process.resourcesPath, in a checkout at the repository's root (as bundledFontsDir). */
export function bundledTemplatesDir(resourcesPath?: string): string | null {
  if (resourcesPath) {
    const packaged = path.join(resourcesPath, 'templates');
    if (fs.existsSync(packaged)) return packaged;
  }
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'resources', 'templates');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

/** The asset id a starter's document names a picture by until a library imports it. */
export const standIn = (file: string) => `starter-${file.replace(/[^A-Za-z0-9]/g, '-')}`.slice(0, 64);

/** Every `"asset:<file>"` string in a JSON value replaced by `map(file)`. */
function mapAssetRefs(v: unknown, map: (file: string) => string): unknown {
  if (typeof v === 'string') {
    const m = ASSET_REF.exec(v);
    return m ? map(m[1]!) : v;
  }
  if (Array.isArray(v)) return v.map((x) => mapAssetRefs(x, map));
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapAssetRefs(x, map)]));
  return v;
}

/**
 * Reads and checks the starters in `dir` (sorted by file name). Every document must parse as a draft once its
 * asset references are filled in, and every referenced file must exist: a broken starter is a bug of the build.
 */
export function readStarters(dir: string): Starter[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = StarterFile.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      const assetFiles = new Set<string>();
      const doc = migrateDraft(mapAssetRefs(file.doc, (name) => {
        if (!fs.existsSync(path.join(dir, 'assets', name))) throw new Error(`Starter template ${f} names assets/${name}, which is missing`);
        assetFiles.add(name);
        return standIn(name);
      }));
      return { key: file.key, version: file.version, doc, raw: file.doc, assetFiles: [...assetFiles] };
    });
}

/** Imports one starter's pictures and returns its document pointing at them. */
async function importStarterAssets(rooms: Rooms, dir: string, starter: Starter): Promise<Draft> {
  const ids = new Map<string, string>();
  for (const name of starter.assetFiles) {
    const outcome = await runImport({ folder: rooms.folder, assets: rooms.assets, tools: rooms.tools, toolsError: rooms.toolsError ?? undefined, concurrency: 1 }, { paths: [path.join(dir, 'assets', name)], uploads: [] });
    const id = outcome.assetIds[0] ?? outcome.duplicateIds[0];
    if (!id) throw new Error(`The starter picture ${name} could not be imported: ${outcome.failed[0]?.reason ?? 'unknown reason'}`);
    // A picture someone moved to the Trash is brought back: the template needs it.
    if (rooms.assets.get(id)?.trashedAt) rooms.assets.setTrashed([id], false);
    ids.set(name, id);
  }
  return migrateDraft(mapAssetRefs(starter.raw, (name) => ids.get(name)!));
}

const inFlight = new WeakMap<Rooms, Promise<string[]>>();

/**
 * Imports the starters this library has not imported yet; returns the new templates' ids. One run at a time per
 * library (a second caller waits for the first), and each starter is recorded in the same transaction as its
 * template, so a crash leaves it either imported or still to do.
 */
export function ensureStarterTemplates(rooms: Rooms, dir: string | null): Promise<string[]> {
  if (!dir) return Promise.resolve([]);
  const running = inFlight.get(rooms);
  if (running) return running;
  const run = (async () => {
    const repo = new TemplatesRepo(rooms.db, rooms.drafts);
    const done = repo.importedStarters();
    const todo = readStarters(dir).filter((s) => !done.has(s.key));
    const created: string[] = [];
    for (const s of todo) {
      const doc = await importStarterAssets(rooms, dir, s);
      if (repo.importedStarters().has(s.key)) continue; // another process (the CLI) was quicker
      created.push(repo.create(doc, null, { key: s.key, version: s.version }).id);
    }
    return created;
  })().finally(() => inFlight.delete(rooms));
  inFlight.set(rooms, run);
  return run;
}

import { z } from 'zod';
import { BrandKitContent } from './brand-kit';
import { unsafeEntryName } from './zip-entry';

/**
 * The manifest of a `.postframe-kit` file (docs/kit-format.md): the kit's content with every asset and font
 * reference rewritten to the path of a file in the same zip, and the SHA-256 and size of each file.
 *
 * Versioning: `version` goes up only when an older Postframe could not read the file correctly (a field it would
 * ignore, misread or lose). A newer version is refused with "made by a newer Postframe". Fields added in a way an
 * older reader can safely ignore do not change the version; zod's default (strip unknown keys) ignores them.
 */
export const KIT_FORMAT = 'postframe-kit';
export const KIT_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';

export const EntryPath = z
  .string()
  .min(1)
  .max(255)
  .superRefine((p, ctx) => {
    const why = unsafeEntryName(p);
    if (why) ctx.addIssue({ code: 'custom', message: why });
    if (p === MANIFEST_NAME) ctx.addIssue({ code: 'custom', message: 'a file cannot be the manifest itself' });
  });

export const KitFileEntry = z.object({
  path: EntryPath,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  /** What it is: a font goes to the fonts store, an image or a video through the importer. */
  kind: z.enum(['font', 'image', 'video']),
  /** The file's name in the library it came from (the imported asset or font gets it again). */
  name: z.string().min(1).max(255),
  /** A font's licence note travels with it. */
  licenceNote: z.string().max(2000).default(''),
});
export type KitFileEntry = z.infer<typeof KitFileEntry>;

/** The kit as the manifest holds it: references are entry paths instead of library ids. */
export const ManifestKit = BrandKitContent.extend({
  fontIds: z.array(EntryPath).max(16),
  logos: z.object({ light: EntryPath.nullable(), dark: EntryPath.nullable() }),
  intro: EntryPath.nullable(),
  outro: EntryPath.nullable(),
});
export type ManifestKit = z.infer<typeof ManifestKit>;

const Header = z.object({ format: z.literal(KIT_FORMAT, { message: 'not a Postframe kit file' }), version: z.number().int().positive() });

export const KitManifest = Header.extend({
  version: z.literal(KIT_FORMAT_VERSION),
  /** Which Postframe wrote it (for people; never used to decide anything). */
  generator: z.string().max(100),
  createdAt: z.string().max(40),
  kit: ManifestKit,
  files: z.array(KitFileEntry).max(40),
}).superRefine((m, ctx) => {
  const listed = new Map(m.files.map((f) => [f.path, f]));
  if (listed.size !== m.files.length) ctx.addIssue({ code: 'custom', message: 'a file is listed twice' });
  const want = (p: string | null, kind: KitFileEntry['kind'], what: string) => {
    if (p === null) return;
    const f = listed.get(p);
    if (!f) ctx.addIssue({ code: 'custom', message: `the ${what} (${p}) is not among the files` });
    else if (f.kind !== kind) ctx.addIssue({ code: 'custom', message: `the ${what} (${p}) is not ${kind === 'image' ? 'an image' : `a ${kind}`}` });
  };
  want(m.kit.logos.light, 'image', 'light logo');
  want(m.kit.logos.dark, 'image', 'dark logo');
  want(m.kit.intro, 'video', 'intro');
  want(m.kit.outro, 'video', 'outro');
  for (const f of m.kit.fontIds) want(f, 'font', 'font');
});
export type KitManifest = z.infer<typeof KitManifest>;

export type ManifestProblem = { kind: 'newer'; version: number } | { kind: 'invalid'; message: string };

/** Reads a manifest's JSON value: the manifest, or what is wrong with it in words for the import's error. */
export function parseKitManifest(value: unknown): { ok: true; manifest: KitManifest } | { ok: false; problem: ManifestProblem } {
  const header = Header.safeParse(value);
  if (!header.success) return { ok: false, problem: { kind: 'invalid', message: header.error.issues[0]?.message ?? 'not a Postframe kit file' } };
  if (header.data.version > KIT_FORMAT_VERSION) return { ok: false, problem: { kind: 'newer', version: header.data.version } };
  const full = KitManifest.safeParse(value);
  if (!full.success) {
    const i = full.error.issues[0]!;
    return { ok: false, problem: { kind: 'invalid', message: `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}` } };
  }
  return { ok: true, manifest: full.data };
}

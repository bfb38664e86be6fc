import { z } from 'zod';

/**
 * The speech-recognition models Postframe knows (whisper.cpp's ggml files; docs/captions.md "Models"). Models
 * are not in any package registry: the model manager downloads one once into the user's data folder
 * (`<settings>/models`, never inside a library) or takes a file the user already has.
 *
 * Checksums: whisper.cpp's own model listing (its models/README.md) publishes a SHA-1 per file, and no SHA-256;
 * those SHA-1 values are what the catalogue holds, and a download whose SHA-1 differs is refused and deleted.
 * Every finished file's SHA-256 is computed too and recorded beside it (`<file>.json`), so a file that was
 * verified once is known by its SHA-256 afterwards. A catalogue entry may carry a SHA-256 instead (tests do).
 * Sizes are the listing's rounded MiB, for the card and the disk check; the server's Content-Length is what a
 * download's progress goes by.
 */

export const ModelId = z.enum(['tiny', 'tiny.en', 'base', 'base.en', 'small', 'small.en']);
export type ModelId = z.infer<typeof ModelId>;

export type Checksum = { algorithm: 'sha1' | 'sha256'; hex: string };

export type CatalogueModel = {
  id: ModelId;
  /** The file name on the server and on disk (`ggml-<id>.bin`). */
  fileName: string;
  /** Approximate size in bytes (the listing's MiB), for the card and the free-space check. */
  approxBytes: number;
  checksum: Checksum;
  /** 'multilingual' (99 languages, English and Finnish among them), or English only. */
  languages: 'multilingual' | 'en';
  /** 1 (fastest) … 3 (slowest), and 1 (roughest) … 3 (best), for the card's words. */
  speed: 1 | 2 | 3;
  quality: 1 | 2 | 3;
};

const MiB = 1024 * 1024;
const sha1 = (hex: string): Checksum => ({ algorithm: 'sha1', hex });

/** From whisper.cpp models/README.md "Available models" (disk size and SHA). */
export const MODEL_CATALOGUE: readonly CatalogueModel[] = [
  { id: 'tiny', fileName: 'ggml-tiny.bin', approxBytes: 75 * MiB, checksum: sha1('bd577a113a864445d4c299885e0cb97d4ba92b5f'), languages: 'multilingual', speed: 1, quality: 1 },
  { id: 'tiny.en', fileName: 'ggml-tiny.en.bin', approxBytes: 75 * MiB, checksum: sha1('c78c86eb1a8faa21b369bcd33207cc90d64ae9df'), languages: 'en', speed: 1, quality: 1 },
  { id: 'base', fileName: 'ggml-base.bin', approxBytes: 142 * MiB, checksum: sha1('465707469ff3a37a2b9b8d8f89f2f99de7299dac'), languages: 'multilingual', speed: 2, quality: 2 },
  { id: 'base.en', fileName: 'ggml-base.en.bin', approxBytes: 142 * MiB, checksum: sha1('137c40403d78fd54d454da0f9bd998f78703390c'), languages: 'en', speed: 2, quality: 2 },
  { id: 'small', fileName: 'ggml-small.bin', approxBytes: 466 * MiB, checksum: sha1('55356645c2b361a969dfd0ef2c5a50d530afd8d5'), languages: 'multilingual', speed: 3, quality: 3 },
  { id: 'small.en', fileName: 'ggml-small.en.bin', approxBytes: 466 * MiB, checksum: sha1('db8a495a91d927739e50b3fc1cc4c6b8f6c2d022'), languages: 'en', speed: 3, quality: 3 },
];

export function catalogueModel(id: ModelId, catalogue: readonly CatalogueModel[] = MODEL_CATALOGUE): CatalogueModel {
  const m = catalogue.find((c) => c.id === id);
  if (!m) throw new Error(`No model ${id} in the catalogue`);
  return m;
}

/** Where the catalogue's files are fetched from; POSTFRAME_MODEL_BASE_URL overrides it (tests, mirrors). */
export const DEFAULT_MODEL_BASE_URL = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main/';

/** The download URL of a model: the base (with or without a trailing slash) joined with its file name. */
export function modelUrl(base: string, model: Pick<CatalogueModel, 'fileName'>): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return new URL(encodeURIComponent(model.fileName), b).toString();
}

/** Can a model transcribe this language? English-only models take only English. */
export function modelSpeaks(model: Pick<CatalogueModel, 'languages'>, language: string): boolean {
  return model.languages === 'multilingual' || language.toLowerCase().split('-')[0] === 'en';
}

/**
 * A ggml whisper file starts with the magic 0x67676d6c ("ggml" as a little-endian uint32: bytes 6c 6d 67 67).
 * This is what "use a file I already have" checks before copying; whisper.cpp itself refuses anything else.
 */
export function hasGgmlMagic(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x6c && head[1] === 0x6d && head[2] === 0x67 && head[3] === 0x67;
}

/** The smallest file that can be a model (tiny is ~75 MiB; a test model is far smaller but still has a header). */
export const MODEL_MIN_BYTES = 16;

/** What the card shows for one catalogue model. */
export const ModelStatus = z.object({
  id: ModelId,
  fileName: z.string(),
  approxBytes: z.number().int().nonnegative(),
  languages: z.enum(['multilingual', 'en']),
  speed: z.number().int().min(1).max(3),
  quality: z.number().int().min(1).max(3),
  /** Installed: verified (downloaded and checked) or added by the user from a file. */
  installed: z.boolean(),
  /** Bytes on disk when installed, else null. */
  sizeBytes: z.number().int().nonnegative().nullable(),
  /** Bytes of an interrupted download that the next one resumes from (0: none). */
  partialBytes: z.number().int().nonnegative(),
  /** 'download' (checksum checked), 'file' (the user's own file, ggml header checked), or null. */
  source: z.enum(['download', 'file']).nullable(),
  /** SHA-256 of the installed file (computed when it was installed). */
  sha256: z.string().nullable(),
});
export type ModelStatus = z.infer<typeof ModelStatus>;

/** The models folder's answer: every catalogue model, and which one recognition uses. */
export const ModelList = z.object({
  folder: z.string(),
  models: z.array(ModelStatus),
  /** The model captions.transcribe uses when none is named: the chosen one, else the best installed, else null. */
  active: ModelId.nullable(),
  /** The model the user chose, or null for "Best installed" (then `active` is the best installed one). */
  chosen: ModelId.nullable(),
  /** Whether speech recognition can run on this machine (the whisper.cpp binding is installed for it). */
  recognizer: z.object({ available: z.boolean(), reason: z.string().nullable() }),
});
export type ModelList = z.infer<typeof ModelList>;

/**
 * Which installed model recognition uses for a language: the one the user chose when it speaks the language,
 * otherwise the best installed that does (for English, an English-only model before a multilingual one of the
 * same size: it is more accurate), otherwise null.
 */
export function pickModel(installed: readonly CatalogueModel[], language: string, chosen: ModelId | null): CatalogueModel | null {
  const able = installed.filter((m) => modelSpeaks(m, language));
  const pick = chosen ? able.find((m) => m.id === chosen) : undefined;
  if (pick) return pick;
  const ranked = [...able].sort((a, b) => b.quality - a.quality || (a.languages === 'en' ? -1 : 0) - (b.languages === 'en' ? -1 : 0));
  return ranked[0] ?? null;
}

/** The title of a model's 'model-download' job: how the engine finds a running one and the card its model. */
export function modelDownloadTitle(id: ModelId): string {
  return `Downloading the speech model (${id})`;
}

/** The model a 'model-download' job's title names, or null. */
export function modelOfDownloadTitle(title: string): ModelId | null {
  const m = /\(([^()]+)\)$/.exec(title);
  const id = ModelId.safeParse(m?.[1]);
  return id.success ? id.data : null;
}

/** The models folder's `models.json`: what was installed and how, and the user's choice. */
export const ModelsState = z.object({
  chosen: ModelId.nullable().default(null),
  installed: z
    .partialRecord(
      ModelId,
      z.object({ source: z.enum(['download', 'file']), sha256: z.string(), bytes: z.number().int().nonnegative(), installedAt: z.string() }),
    )
    .default({}),
});
export type ModelsState = z.infer<typeof ModelsState>;

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json';
import type { Asset } from '../model/asset';
import { describeAuditFinding, describeAuditNote } from '../model/audit';
import { exportAuditOffline, verifyAuditOffline } from '../studio/audit-api';
import { inBackground } from '../model/background';
import { AppError, errorMessage, isAppError } from '../model/errors';
import { type Job, backupResultOf, exportResultOf, importResultOf, isFinished } from '../model/job';
import type { Draft, VideoDraft } from '../model/draft';
import type { ImageDraft } from '../model/image-draft';
import { migrateDraft } from '../model/draft-migrate';
import { ExportPreset } from '../model/draft-record';
import { DEFAULT_MAX_UPLOAD_MB, MAX_UPLOAD_MB_RANGE, MB, formatBytes } from '../model/upload';
import { defaultLibraryPath, defaultSettingsDir } from '../paths';
import { Studio, hostKeySecretIn } from '../studio';
import { ANY_PATH } from '../studio/path-gate';
import { restoreLibrary } from '../studio/backup';
import { exportImageDraft } from '../studio/images-api';
import { installProcessGuards } from '../studio/process-guards';
import { ColourFilter } from '../model/colour-search';
import { type ImageFormat, imageFormats } from '../model/image-format';
import { processInput, type CliInput, usersCommand } from './users-command';
import { type ParsedArgs, UsageError, intFlag, listFlag, parseArgs, portFlag, stringFlag } from './args';

const USAGE = `postframe ${pkg.version}: offline studio for short-form video

Usage:
  postframe library init DIR
  postframe import [--library DIR] PATH... [--json]
  postframe search [--library DIR] [QUERY] [--color HEX [--tolerance N]] [--json]
  postframe duplicates [--library DIR] [--near] [--json]
  postframe render [--library DIR] (DRAFT_ID | FILE.json) -o OUT.mp4 [--height 1920|1080|720] [--fps 24|30|60]
                   [--quality high|standard|small] [--json]
  postframe render [--library DIR] (DRAFT_ID | FILE.json) -o (OUT.jpg|.png|.webp|.avif | DIR/)
                   [--format jpeg|png|webp|avif] [--max-kb N] [--json]      (image drafts; a carousel needs DIR/)
  postframe serve [--library DIR] [--port N] [--host ADDR] [--allow-folder DIR]... [--max-upload-mb N]
                  [--public-url https://NAME:PORT] [--tls self-signed | --tls-cert FILE --tls-key FILE]
  postframe audit verify [--library DIR]
  postframe audit export [--library DIR] --out FILE.jsonl
  postframe queue list --library DIR [--json]
  postframe queue import-csv --library DIR FILE.csv [--zone IANA_ZONE] [--json]
  postframe queue folder --library DIR PATH
  postframe queue export-due --library DIR [--include-late] [--json]
  postframe kit list [--library DIR] [--json]
  postframe kit export [--library DIR] (NAME | ID) FILE.postframe-kit
  postframe kit import [--library DIR] FILE.postframe-kit [--json]
  postframe backup [--library DIR] FILE.postframe-backup [--json]
  postframe restore FILE.postframe-backup NEW_FOLDER [--json]
  postframe captions import [--library DIR] DRAFT_ID FILE.srt|FILE.vtt [--language TAG] [--name NAME] [--format srt|vtt] [--json]
  postframe captions export [--library DIR] DRAFT_ID TRACK_ID OUT.srt|OUT.vtt
  postframe users list [--library DIR] [--json]
  postframe users add [--library DIR] --name NAME --login LOGIN (--role ROLE | --admin) [--channels C,C] [--password-stdin]
  postframe users (disable | enable) [--library DIR] LOGIN
  postframe users set-role [--library DIR] LOGIN creator|approver|admin [--channels C,C]
  postframe users reset [--library DIR] LOGIN [--public-url URL]

Without --library, the default library in your user data folder is used (created on first use).
search --color finds pictures with a dominant colour within --tolerance (ΔE, CIELAB; default 15) of HEX, closest first;
duplicates lists groups of the same picture (same pixels and size) or, with --near, resized, re-encoded or lightly cropped
copies; both first compute colours and hashes for pictures that have none yet.
FILE.json is a draft document (docs/draft-format.md); its media ids refer to assets in the library.
audit verify checks the audit log's hash chain and its head signed with this machine's key: "ok (N entries, …)", or
one line per problem and exit 1; audit export writes the log as JSON Lines with the signed head last (docs/audit.md).
queue import-csv reads Hootsuite bulk-composer CSV (date and time, message, link) in --zone (default: this machine's);
queue folder sets the delivery folder; export-due runs one delivery pass: scheduled posts that are due (not >1 h late
ones unless --include-late) are rendered per channel and delivered to the folder or webhook set in Settings → Delivery.
serve also runs the in-app scheduler, which delivers due posts while it serves. In the browser, files arrive as
uploads (each at most --max-upload-mb, default 5000 = 5 GB); paths (import from a folder, open or create a library,
the delivery folder) only inside a folder given with --allow-folder DIR (repeat it for more).
serve listens on 127.0.0.1 unless --host says otherwise; any other address needs TLS (--tls self-signed makes a
certificate and keeps it in the settings folder; or --tls-cert FILE --tls-key FILE) and --public-url, the address
people open (the only name it answers to). It prints the certificate's SHA-256 fingerprint (docs/security.md).
kit export writes a brand kit with its logos, intro/outro clips and fonts into one file (FILE may be a folder);
kit import adds it to the library as the owner (an admin), named "Name (2)" if the name is taken (docs/kit-format.md).
backup writes the whole library (database, originals, fonts, previews) into one file while it may be in use (FILE may be a
folder); restore unpacks a backup into a new folder, checking every file first, never over a library (docs/backup.md).
captions import adds an SRT or WebVTT file to a video draft as a new caption track (a new revision; --language is a
BCP 47 tag like en or fi, default und); captions export writes one track as SRT or WebVTT, by OUT's extension (docs/captions.md).
users manages who signs in to the library (browser mode), acting as its owner (an admin) and audited as such: add asks
for the password twice without echo (or reads the first line of standard input with --password-stdin); --channels limits an
approver to those channels; disable ends the person's sessions at once; reset prints a one-time link (1 day) to set a new
password; the last enabled admin cannot be disabled or demoted (docs/security.md "Accounts and sessions").
Exit codes: 0 ok · 2 usage error · 3 some files or CSV rows failed to import · 1 any other error.`;

export const EXIT = { ok: 0, error: 1, usage: 2, partial: 3 } as const;

type Out = { out: (s: string) => void; err: (s: string) => void; input?: CliInput };
const stdio: Out = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), input: processInput };

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function libraryArg(args: ParsedArgs, settingsDir: string): { path: string; isDefault: boolean } {
  const given = stringFlag(args, 'library');
  return given ? { path: path.resolve(given), isDefault: false } : { path: defaultLibraryPath(settingsDir), isDefault: true };
}

/** The one-shot commands' Studio: paths on the command line are the person's own (ANY_PATH), as in the app. */
async function openStudio(libraryPath: string, create: boolean): Promise<Studio> {
  // No background backfill in a command that ends in a moment; the commands that need it run it and wait.
  return Studio.open({ libraryPath, settingsDir: defaultSettingsDir(), shell: 'browser', createLibrary: create, pathAccess: ANY_PATH, visualBackfill: false });
}

/**
 * The `postframe` command as bin/postframe.mjs runs it: `main` inside the process guards (an unhandled
 * rejection is logged and the command goes on; an uncaught exception stops ffmpeg, closes the library and
 * exits 1). Tests call `main` directly, so they never install process-wide handlers.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  installProcessGuards({ write: (text) => process.stderr.write(text), exit: (code) => process.exit(code), open: () => Studio.openStudios() });
  return main(argv);
}

export async function main(argv: readonly string[], io: Out = stdio): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, ['library', 'port', 'host', 'output', 'height', 'fps', 'quality', 'zone', 'max-upload-mb', 'allow-folder', 'color', 'tolerance', 'format', 'max-kb', 'language', 'name', 'public-url', 'tls', 'tls-cert', 'tls-key', 'out', 'login', 'role', 'channels']);
    if (args.flags.has('version')) {
      io.out(`${pkg.version}\n`);
      return EXIT.ok;
    }
    const [command, ...rest] = args.positionals;
    if (!command || args.flags.has('help')) {
      io.out(`${USAGE}\n`);
      return command || args.flags.has('help') ? EXIT.ok : EXIT.usage;
    }
    const settingsDir = defaultSettingsDir();
    switch (command) {
      case 'library':
        return await libraryCommand(rest, io);
      case 'import':
        return await importCommand(args, rest, libraryArg(args, settingsDir), io);
      case 'search':
        return await searchCommand(args, rest, libraryArg(args, settingsDir), io);
      case 'duplicates':
        return await duplicatesCommand(args, rest, libraryArg(args, settingsDir), io);
      case 'render':
        return await renderCommand(args, rest, libraryArg(args, settingsDir), io);
      case 'serve':
        return await serveCommand(args, libraryArg(args, settingsDir), io);
      case 'audit':
        return await auditCommand(args, rest, libraryArg(args, settingsDir), io);
      case 'queue':
        return await queueCommand(args, rest, libraryArg(args, settingsDir), io);
      case 'kit':
        return await kitCommand(args, rest, libraryArg(args, settingsDir), io);
      case 'backup':
        return await backupCommand(args, rest, libraryArg(args, settingsDir), io);
      case 'restore':
        return await restoreCommand(args, rest, io);
      case 'captions':
        return await captionsCommand(args, rest, libraryArg(args, settingsDir), io);
      case 'users':
        return await usersCliCommand(args, rest, libraryArg(args, settingsDir), io);
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`postframe: ${e.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    io.err(`postframe: ${isAppError(e) ? e.message : errorMessage(e)}\n`);
    return EXIT.error;
  }
}

async function usersCliCommand(args: ParsedArgs, rest: string[], lib: { path: string; isDefault: boolean }, io: Out): Promise<number> {
  // A mistyped --library is an error, not a new empty team; the default library is created on first use as elsewhere.
  const studio = await openStudio(lib.path, lib.isDefault);
  try {
    return await usersCommand(args, rest, studio, { out: io.out, err: io.err, input: io.input ?? processInput });
  } finally {
    await studio.close();
  }
}

async function libraryCommand(rest: string[], io: Out): Promise<number> {
  const [sub, dir] = rest;
  if (sub !== 'init' || !dir) throw new UsageError('Use: postframe library init DIR');
  const studio = await openStudio(path.resolve(dir), true);
  io.out(`Library ready at ${studio.folder.root}\n`);
  await studio.close();
  return EXIT.ok;
}

async function importCommand(args: ParsedArgs, paths: string[], lib: { path: string; isDefault: boolean }, io: Out): Promise<number> {
  if (paths.length === 0) throw new UsageError('Name at least one file or folder to import.');
  const json = args.flags.has('json');
  const studio = await openStudio(lib.path, lib.isDefault);
  try {
    // A refused start (e.g. an invalid path list) rejects here and is reported like any other error.
    const start = async () => (await studio.api['imports.start']({ paths: paths.map((p) => path.resolve(p)), uploads: [] })).jobId;
    const job = await waitForJob(studio, start, io, !json && process.stderr.isTTY);
    if (!json && process.stderr.isTTY) io.err('\r\x1b[K');
    const r = importResultOf(job);
    if (job.status !== 'done' || !r) {
      io.err(`postframe: import ${job.status}: ${job.error ?? 'no result'}\n`);
      return EXIT.error;
    }
    const assets = r.assetIds.map((id) => studio.assetsRepo.get(id)).filter((a): a is Asset => a !== null);
    if (json) {
      io.out(`${JSON.stringify({ imported: r.imported, duplicates: r.duplicates, failed: r.failed, assets, duplicateIds: r.duplicateIds })}\n`);
    } else {
      io.out(`Imported ${r.imported} · ${r.duplicates} duplicate${r.duplicates === 1 ? '' : 's'} · ${r.failed.length} failed\n`);
      for (const f of r.failed) io.out(`  ✗ ${f.path}: ${f.reason}\n`);
    }
    return r.failed.length > 0 ? EXIT.partial : EXIT.ok;
  } finally {
    await studio.close();
  }
}

async function searchCommand(args: ParsedArgs, words: string[], lib: { path: string; isDefault: boolean }, io: Out): Promise<number> {
  const hex = stringFlag(args, 'color');
  const tolerance = numberFlag(args, 'tolerance', { min: 0, max: 100 });
  if (tolerance !== undefined && hex === undefined) throw new UsageError('--tolerance goes with --color HEX.');
  if (hex !== undefined && !ColourFilter.shape.hex.safeParse(hex).success) throw new UsageError(`--color needs a hex colour such as '#e4002b' (got "${hex}").`);
  if (words.length === 0 && hex === undefined) throw new UsageError('Give a search query, or --color HEX.');
  const json = args.flags.has('json');
  const studio = await openStudio(lib.path, lib.isDefault);
  try {
    if (hex !== undefined) await computeVisuals(studio, io, json);
    const color = hex === undefined ? null : ColourFilter.parse({ hex, ...(tolerance === undefined ? {} : { tolerance }) });
    const { items, total } = await studio.api['assets.list']({
      query: words.join(' '), kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 1000, color,
    });
    if (json) io.out(`${JSON.stringify(items)}\n`);
    else {
      for (const a of items) io.out(`${a.id}  ${a.kind.padEnd(5)}  ${a.name}\n`);
      io.out(`${total} match${total === 1 ? '' : 'es'}\n`);
    }
    return EXIT.ok;
  } finally {
    await studio.close();
  }
}

function numberFlag(args: ParsedArgs, key: string, range: { min: number; max: number }): number | undefined {
  const raw = stringFlag(args, key);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < range.min || n > range.max) throw new UsageError(`--${key} must be a number from ${range.min} to ${range.max} (got "${raw}").`);
  return n;
}

/** Colours and hashes for pictures that have none yet (imported before they existed), progress on a terminal. */
async function computeVisuals(studio: Studio, io: Out, quiet: boolean): Promise<void> {
  if (studio.rooms.visual.pendingCount() === 0) return;
  const showProgress = !quiet && process.stderr.isTTY;
  const job = await waitForJob(studio, async () => {
    const { jobId } = await studio.api['visual.backfill']({});
    if (!jobId) throw new AppError('internal', 'No backfill job started although pictures lack colours.');
    return jobId;
  }, io, showProgress);
  if (showProgress) io.err('\r\x1b[K');
  if (job.status !== 'done') throw new AppError('internal', `Computing colours and hashes ${job.status}: ${job.error ?? 'no result'}`);
}

async function duplicatesCommand(args: ParsedArgs, rest: string[], lib: { path: string; isDefault: boolean }, io: Out): Promise<number> {
  if (rest.length > 0) throw new UsageError('Use: postframe duplicates [--library DIR] [--near] [--json]');
  const json = args.flags.has('json');
  const mode = args.flags.has('near') ? 'near' : 'exact';
  const studio = await openStudio(lib.path, lib.isDefault);
  try {
    await computeVisuals(studio, io, json);
    const list = await studio.api['duplicates.list']({ mode });
    if (json) {
      io.out(`${JSON.stringify(list)}\n`);
      return EXIT.ok;
    }
    list.groups.forEach((g, i) => {
      io.out(`Group ${i + 1}\n`);
      for (const m of g.members) io.out(`  ${m.id}  ${`${m.width ?? '?'}×${m.height ?? '?'}`.padEnd(11)} ${formatBytes(m.sizeBytes).padStart(9)}  ${m.name}${m.distance ? `  (${m.distance} bits apart)` : ''}\n`);
    });
    const n = list.groups.length;
    io.out(n === 0 ? `No ${mode === 'near' ? 'near ' : ''}duplicates.${mode === 'exact' ? ' Identical files are stored once already; try --near for resized or re-encoded copies.' : ''}\n` : `${n} group${n === 1 ? '' : 's'} of ${mode === 'near' ? 'near ' : ''}duplicates\n`);
    return EXIT.ok;
  } finally {
    await studio.close();
  }
}

/** Waits for one job to finish, showing its progress on a terminal's stderr. */
function waitForJob(studio: Studio, start: () => Promise<string> | string, io: Out, showProgress: boolean): Promise<Job> {
  return new Promise<Job>((resolve, reject) => {
    let jobId: string | null = null;
    const early: Job[] = [];
    const check = (job: Job) => {
      if (job.id !== jobId) return;
      if (showProgress && job.detail) io.err(`\r\x1b[K${Math.round((job.progress ?? 0) * 100)}% ${job.detail}`);
      if (isFinished(job.status)) resolve(job);
    };
    studio.onEvent((name, payload) => {
      if (name !== 'job.updated') return;
      if (jobId === null) early.push(payload as Job);
      else check(payload as Job);
    });
    Promise.resolve()
      .then(start)
      .then((id) => {
        jobId = id;
        early.forEach(check);
      }, reject);
  });
}

async function renderCommand(args: ParsedArgs, rest: string[], lib: { path: string; isDefault: boolean }, io: Out): Promise<number> {
  // `-o OUT` is a short flag, which parseArgs leaves among the positionals.
  const positionals = [...rest];
  let out = stringFlag(args, 'output');
  const oi = positionals.indexOf('-o');
  if (oi >= 0) {
    out = positionals[oi + 1];
    if (out === undefined) throw new UsageError('-o needs a value.');
    positionals.splice(oi, 2);
  }
  const [what, extra] = positionals;
  if (!what || extra !== undefined) throw new UsageError('Name one draft: its id, or a draft FILE.json.');
  if (!out) throw new UsageError('Say where to write the video: -o OUT.mp4 (an image post: -o OUT.jpg, a carousel: -o DIR/)');
  const imageOut = await imageTarget(out, stringFlag(args, 'format'));
  if (imageOut) return renderImageCommand(args, what, imageOut, lib, io);
  if (!/\.mp4$/i.test(out)) throw new UsageError(`The output must be an .mp4 file (a video), an image file or a folder ending in / (an image post), not "${out}".`);
  const preset = ExportPreset.safeParse({
    height: numberOr(stringFlag(args, 'height')),
    fps: numberOr(stringFlag(args, 'fps')),
    quality: stringFlag(args, 'quality'),
  });
  if (!preset.success) throw new UsageError('Use --height 1920, 1080 or 720; --fps 24, 30 or 60; --quality high, standard or small.');
  let doc: VideoDraft | undefined;
  if (/\.json$/i.test(what)) {
    let raw: unknown;
    try {
      raw = JSON.parse(await fs.readFile(path.resolve(what), 'utf8'));
    } catch (e) {
      throw new AppError('invalid_input', `Cannot read the draft ${what} (${errorMessage(e)}). Give a draft JSON file (docs/draft-format.md).`);
    }
    const parsed = migrateDraft(raw);
    if (parsed.kind !== 'video') throw new AppError('invalid_input', `${what} is an image draft; only video drafts render to MP4. Use -o OUT.jpg, or -o DIR/ for a carousel.`);
    doc = parsed;
  }
  const json = args.flags.has('json');
  const studio = await openStudio(lib.path, lib.isDefault);
  try {
    const input = { draftId: doc ? null : what, doc, preset: preset.data, outputPath: path.resolve(out) };
    const job = await waitForJob(studio, () => studio.startExport(input).id, io, !json && process.stderr.isTTY);
    if (!json && process.stderr.isTTY) io.err('\r\x1b[K');
    const r = exportResultOf(job);
    if (job.status !== 'done' || !r) {
      io.err(`postframe: render ${job.status}: ${job.error ?? 'no result'}\n`);
      return EXIT.error;
    }
    if (json) io.out(`${JSON.stringify({ output: r.outputPath, durationSec: r.durationSec, sizeBytes: r.sizeBytes })}\n`);
    else io.out(`Rendered ${r.outputPath} · ${r.durationSec.toFixed(2)} s · ${(r.sizeBytes / 1e6).toFixed(1)} MB\n`);
    return EXIT.ok;
  } finally {
    await studio.close();
  }
}

const IMAGE_EXTS: Record<string, ImageFormat> = { '.jpg': 'jpeg', '.jpeg': 'jpeg', '.png': 'png', '.webp': 'webp', '.avif': 'avif' };
type ImageTarget = { kind: 'file'; path: string; format: ImageFormat } | { kind: 'dir'; path: string; format: ImageFormat };

/** Where `-o` asks an image post to go: an image file by its extension, or a folder (ending in a separator, or existing). */
async function imageTarget(out: string, formatFlag: string | undefined): Promise<ImageTarget | null> {
  const flagFormat = formatFlag === undefined ? undefined : (imageFormats as readonly string[]).includes(formatFlag) ? (formatFlag as ImageFormat) : null;
  if (flagFormat === null) throw new UsageError(`Use --format jpeg, png, webp or avif, not "${formatFlag}".`);
  const ext = IMAGE_EXTS[path.extname(out).toLowerCase()];
  if (ext) {
    if (flagFormat && flagFormat !== ext) throw new UsageError(`${out} is a ${ext} file name but --format says ${flagFormat}; choose one.`);
    return { kind: 'file', path: path.resolve(out), format: ext };
  }
  const isDir = /[\\/]$/.test(out) || (await fs.stat(out).then((st) => st.isDirectory(), () => false));
  return isDir ? { kind: 'dir', path: path.resolve(out), format: flagFormat ?? 'jpeg' } : null;
}

/** `postframe render` of an image draft: one page to a file, or every page into a folder as numbered files. */
async function renderImageCommand(args: ParsedArgs, what: string, target: ImageTarget, lib: { path: string; isDefault: boolean }, io: Out): Promise<number> {
  const maxKb = intFlag(args, 'max-kb', { min: 1, max: 1_000_000 });
  let fromFile: Draft | undefined;
  if (/\.json$/i.test(what)) {
    let raw: unknown;
    try {
      raw = JSON.parse(await fs.readFile(path.resolve(what), 'utf8'));
    } catch (e) {
      throw new AppError('invalid_input', `Cannot read the draft ${what} (${errorMessage(e)}). Give a draft JSON file (docs/draft-format.md).`);
    }
    fromFile = migrateDraft(raw);
  }
  const json = args.flags.has('json');
  const studio = await openStudio(lib.path, lib.isDefault);
  try {
    const doc = fromFile ?? studio.rooms.drafts.get(what)?.doc;
    if (!doc) throw new AppError('not_found', `There is no draft "${what}" in this library. List drafts in the app, or give a draft FILE.json.`);
    if (doc.kind !== 'image') throw new AppError('invalid_input', `${what} is a video draft; it renders to MP4: -o OUT.mp4.`);
    const draft: ImageDraft = doc;
    if (target.kind === 'file' && draft.pages.length > 1) {
      throw new AppError('invalid_input', `${what} has ${draft.pages.length} pages; write a carousel into a folder: -o DIR/ (the files are numbered).`);
    }
    const dir = target.kind === 'dir' ? target.path : path.dirname(target.path);
    const baseName = target.kind === 'file' ? path.basename(target.path, path.extname(target.path)) : undefined;
    const written = await exportImageDraft(studio.rooms, draft, { dir, format: target.format, maxBytes: maxKb === undefined ? undefined : maxKb * 1000, baseName });
    // A single page keeps the exact name asked for (`.jpeg` stays `.jpeg`).
    if (target.kind === 'file' && written[0] && written[0].path !== target.path) {
      await fs.rename(written[0].path, target.path);
      written[0] = { ...written[0], path: target.path };
    }
    if (json) io.out(`${JSON.stringify({ files: written })}\n`);
    else for (const w of written) io.out(`Rendered ${w.path} · ${formatBytes(w.sizeBytes)}${w.quality === null ? '' : ` · quality ${w.quality}`}${w.fits ? '' : ` · OVER the ${maxKb} kB limit at the lowest quality`}\n`);
    return written.every((w) => w.fits) ? EXIT.ok : EXIT.error;
  } finally {
    await studio.close();
  }
}

async function auditCommand(args: ParsedArgs, rest: string[], lib: { path: string; isDefault: boolean }, io: Out): Promise<number> {
  const [sub, ...more] = rest;
  const usage = 'Use: postframe audit verify --library DIR, or postframe audit export --library DIR --out FILE.jsonl';
  if ((sub !== 'verify' && sub !== 'export') || more.length > 0) throw new UsageError(usage);
  // Read-only and never through a Studio: opening would put back a dropped trigger before it could be reported.
  const where = { libraryPath: lib.path, settingsDir: defaultSettingsDir() };
  if (sub === 'verify') {
    const report = await verifyAuditOffline(where);
    if (report.ok) io.out(`ok (${report.count} ${report.count === 1 ? 'entry' : 'entries'}, signed by this machine's key ${report.keyId})\n`);
    for (const f of report.findings) io.out(`${describeAuditFinding(f)}\n`);
    for (const n of report.notes) io.out(`note: ${describeAuditNote(n)}\n`);
    return report.ok ? EXIT.ok : EXIT.error;
  }
  const out = stringFlag(args, 'out');
  if (!out) throw new UsageError(usage);
  const { lines, report } = await exportAuditOffline({ ...where, out });
  io.out(`Wrote ${lines} ${lines === 1 ? 'entry' : 'entries'} and the signed head to ${path.resolve(out)}\n`);
  // The export is evidence either way; what verify finds is said with it.
  for (const f of report.findings) io.err(`warning: ${describeAuditFinding(f)}\n`);
  return EXIT.ok;
}

async function queueCommand(args: ParsedArgs, rest: string[], lib: { path: string; isDefault: boolean }, io: Out): Promise<number> {
  const [sub, ...more] = rest;
  const json = args.flags.has('json');
  const subs = ['list', 'import-csv', 'folder', 'export-due'];
  if (!sub || !subs.includes(sub)) throw new UsageError(`Use: postframe queue ${subs.join('|')} --library DIR`);
  if ((sub === 'import-csv' || sub === 'folder') && more.length !== 1) {
    throw new UsageError(sub === 'folder' ? 'Use: postframe queue folder --library DIR PATH' : 'Use: postframe queue import-csv --library DIR FILE.csv');
  }
  if ((sub === 'list' || sub === 'export-due') && more.length > 0) throw new UsageError(`postframe queue ${sub} takes no arguments besides --library.`);
  let csv = '';
  if (sub === 'import-csv') {
    try {
      csv = await fs.readFile(path.resolve(more[0]!), 'utf8');
    } catch (e) {
      throw new AppError('invalid_input', `Cannot read ${more[0]} (${errorMessage(e)}). Give the path of a CSV file.`);
    }
  }
  // The queue lives in a library: never create one just to look at an empty queue.
  const studio = await openStudio(lib.path, false);
  try {
    switch (sub) {
      case 'list': {
        const posts = await studio.api['posts.list']({ state: null, campaignId: null, from: null, to: null });
        if (json) io.out(`${JSON.stringify(posts)}\n`);
        else {
          for (const p of posts) io.out(`${p.scheduledAt ?? 'unscheduled'.padEnd(24)}  ${p.state.padEnd(17)}  ${p.targets.map((t) => t.channel).join(',')}  ${p.title}\n`);
          io.out(`${posts.length} post${posts.length === 1 ? '' : 's'}\n`);
        }
        return EXIT.ok;
      }
      case 'import-csv': {
        const zone = stringFlag(args, 'zone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
        const r = await studio.api['queue.importCsv']({ text: csv, zone, actorId: 'owner', channels: ['tiktok'], campaignId: null });
        if (json) io.out(`${JSON.stringify({ created: r.created.map((p) => ({ id: p.id, title: p.title, scheduledAt: p.scheduledAt })), errors: r.errors })}\n`);
        else {
          io.out(`Imported ${r.created.length} post${r.created.length === 1 ? '' : 's'} · ${r.errors.length} row${r.errors.length === 1 ? '' : 's'} failed\n`);
          for (const e of r.errors) io.out(`  ✗ row ${e.row}: ${e.problem}\n`);
        }
        return r.errors.length > 0 ? EXIT.partial : EXIT.ok;
      }
      case 'folder': {
        const root = await studio.setDeliveryFolder(path.resolve(more[0]!));
        io.out(`Due posts will be delivered to ${root}\n`);
        return EXIT.ok;
      }
      default: {
        const outcomes = await studio.exportDue({ includeLate: args.flags.has('include-late') });
        if (json) io.out(`${JSON.stringify(outcomes)}\n`);
        else {
          for (const o of outcomes) io.out(`${o.status === 'delivered' ? '✓' : '✗'} ${o.title}: ${o.message}\n`);
          io.out(`${outcomes.filter((o) => o.status === 'delivered').length} of ${outcomes.length} due post${outcomes.length === 1 ? '' : 's'} delivered\n`);
        }
        return outcomes.some((o) => o.status === 'failed') ? EXIT.error : EXIT.ok;
      }
    }
  } finally {
    await studio.close();
  }
}

async function kitCommand(args: ParsedArgs, rest: string[], lib: { path: string; isDefault: boolean }, io: Out): Promise<number> {
  const [sub, ...more] = rest;
  const json = args.flags.has('json');
  const wanted: Record<string, number> = { list: 0, export: 2, import: 1 };
  if (!sub || !(sub in wanted)) throw new UsageError('Use: postframe kit list|export|import');
  if (more.length !== wanted[sub]) {
    throw new UsageError(sub === 'list' ? 'postframe kit list takes no arguments besides --library and --json.' : sub === 'export' ? 'Use: postframe kit export (NAME | ID) FILE.postframe-kit' : 'Use: postframe kit import FILE.postframe-kit');
  }
  // Kits live in a library: a typo in --library must not create an empty one (the default library is made on first use).
  const studio = await openStudio(lib.path, lib.isDefault);
  try {
    switch (sub) {
      case 'list': {
        const kits = await studio.api['kits.list']({});
        if (json) io.out(`${JSON.stringify(kits)}\n`);
        else {
          for (const k of kits) io.out(`${k.isDefault ? '*' : ' '} ${k.id}  ${k.name}  (${k.palette.length} colour${k.palette.length === 1 ? '' : 's'}, ${k.fontIds.length} font${k.fontIds.length === 1 ? '' : 's'}, ${k.textStyles.length} text style${k.textStyles.length === 1 ? '' : 's'})\n`);
          io.out(kits.length ? `${kits.length} kit${kits.length === 1 ? '' : 's'} (* = default)\n` : 'No brand kits yet. Create one in the Brand room, or import a .postframe-kit file: postframe kit import FILE\n');
        }
        return EXIT.ok;
      }
      case 'export': {
        const [which, file] = more as [string, string];
        const kit = studio.rooms.kits.get(which) ?? studio.rooms.kits.byName(which);
        if (!kit) throw new AppError('not_found', `There is no brand kit named or with the id “${which}”. See them with: postframe kit list`);
        const out = await studio.api['kits.export']({ id: kit.id, path: path.resolve(file) });
        io.out(`Exported “${kit.name}” to ${out.path} (${Math.max(1, Math.round(out.sizeBytes / 1024))} KB)\n`);
        return EXIT.ok;
      }
      default: {
        const kit = await studio.api['kits.import']({ actorId: 'owner', path: path.resolve(more[0]!) });
        if (json) io.out(`${JSON.stringify(kit)}\n`);
        else io.out(`Imported the brand kit “${kit.name}” (${kit.id})\n`);
        return EXIT.ok;
      }
    }
  } finally {
    await studio.close();
  }
}

async function backupCommand(args: ParsedArgs, rest: string[], lib: { path: string; isDefault: boolean }, io: Out): Promise<number> {
  if (rest.length !== 1) throw new UsageError('Use: postframe backup [--library DIR] FILE.postframe-backup');
  const studio = await openStudio(lib.path, lib.isDefault);
  try {
    // The command line is the person's own machine: it acts as the library's owner (an admin), as kit import does.
    const { jobId } = await studio.api['library.backup']({ actorId: 'owner', path: path.resolve(rest[0]!) });
    const job = await studio.waitForJob(jobId);
    const r = backupResultOf(job);
    if (job.status !== 'done' || !r) throw new AppError('internal', job.error ?? `The backup ended ${job.status}.`);
    if (args.flags.has('json')) io.out(`${JSON.stringify(r)}\n`);
    else io.out(`Backed up ${r.assets} asset${r.assets === 1 ? '' : 's'} and ${r.fonts} font${r.fonts === 1 ? '' : 's'} to ${r.path} (${formatBytes(r.sizeBytes)})\n`);
    return EXIT.ok;
  } finally {
    await studio.close();
  }
}

async function captionsCommand(args: ParsedArgs, rest: string[], lib: { path: string; isDefault: boolean }, io: Out): Promise<number> {
  const [sub, ...more] = rest;
  if (sub === 'import' && more.length === 2) {
    const format = stringFlag(args, 'format');
    if (format !== undefined && format !== 'srt' && format !== 'vtt') throw new UsageError(`--format must be srt or vtt, not "${format}".`);
    const studio = await openStudio(lib.path, false);
    try {
      const out = await studio.api['captions.import']({
        draftId: more[0]!, path: path.resolve(more[1]!), format, language: stringFlag(args, 'language') ?? 'und', name: stringFlag(args, 'name'),
      });
      if (args.flags.has('json')) io.out(`${JSON.stringify(out)}\n`);
      else {
        for (const w of out.warnings) io.out(`note: ${w.line === null ? '' : `line ${w.line}: `}${w.message}\n`);
        io.out(`Added ${out.cueCount} caption${out.cueCount === 1 ? '' : 's'} as track ${out.trackId} (revision ${out.revision}; read as ${out.format.toUpperCase()}, ${out.encoding})\n`);
      }
      return EXIT.ok;
    } finally {
      await studio.close();
    }
  }
  if (sub === 'export' && more.length === 3) {
    const [draftId, trackId, file] = more as [string, string, string];
    const ext = path.extname(file).toLowerCase();
    if (ext !== '.srt' && ext !== '.vtt') throw new UsageError(`The output file must end in .srt or .vtt, not "${path.basename(file)}".`);
    const studio = await openStudio(lib.path, false);
    try {
      const out = await studio.api['captions.export']({ draftId, trackId, format: ext === '.srt' ? 'srt' : 'vtt' });
      await fs.writeFile(path.resolve(file), out.text, 'utf8');
      for (const w of out.warnings) io.out(`note: ${w}\n`);
      io.out(`Wrote ${out.cueCount} caption${out.cueCount === 1 ? '' : 's'} to ${path.resolve(file)}\n`);
      return EXIT.ok;
    } finally {
      await studio.close();
    }
  }
  throw new UsageError('Use: postframe captions import DRAFT_ID FILE.srt|FILE.vtt [--language TAG] [--name NAME], or postframe captions export DRAFT_ID TRACK_ID OUT.srt|OUT.vtt');
}

async function restoreCommand(args: ParsedArgs, rest: string[], io: Out): Promise<number> {
  if (rest.length !== 2) throw new UsageError('Use: postframe restore FILE.postframe-backup NEW_FOLDER');
  // No library is open: the restore makes a new one, checked whole before it appears under its name.
  const r = await restoreLibrary(path.resolve(rest[0]!), path.resolve(rest[1]!));
  if (args.flags.has('json')) io.out(`${JSON.stringify(r)}\n`);
  else io.out(`Restored ${r.assets} asset${r.assets === 1 ? '' : 's'} into ${r.path} (backup of ${r.createdAt}). Open it with: postframe serve --library ${JSON.stringify(r.path)}\n`);
  return EXIT.ok;
}

/** `--allow-folder` values as absolute paths; each must be an existing folder. */
async function allowedFolders(given: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const g of given) {
    const abs = path.resolve(g);
    const st = await fs.stat(abs).catch(() => null);
    if (!st?.isDirectory()) throw new UsageError(`--allow-folder ${g}: there is no folder there. Give a folder that exists.`);
    out.push(abs);
  }
  return out;
}

/** "720" → 720 for the preset schema; anything else is passed through for it to refuse. */
function numberOr(v: string | undefined): unknown {
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : v;
}

async function serveCommand(args: ParsedArgs, lib: { path: string; isDefault: boolean }, io: Out): Promise<number> {
  // Loaded here, not at start-up: the one-shot commands never need the host (or ws).
  const { startHost } = await import('../host/server');
  const { NetworkConfigError, certificateNames, describeNetwork, planNetwork } = await import('../host/network');
  const { loadTlsFiles, selfSignedTls } = await import('../host/tls');
  const maxUploadMb = intFlag(args, 'max-upload-mb', MAX_UPLOAD_MB_RANGE) ?? DEFAULT_MAX_UPLOAD_MB;
  const allowed = await allowedFolders(listFlag(args, 'allow-folder'));
  const tlsChoice = tlsFlags(args);
  // The network flags are checked before anything opens: a refusal says which flags to add.
  let plan;
  try {
    plan = planNetwork({ host: stringFlag(args, 'host'), publicUrl: stringFlag(args, 'public-url'), tls: tlsChoice !== null });
  } catch (e) {
    if (e instanceof NetworkConfigError) throw new UsageError(e.message);
    throw e;
  }
  const settingsDir = defaultSettingsDir();
  const tls =
    tlsChoice === null ? null : tlsChoice.kind === 'files' ? await loadTlsFiles(tlsChoice.cert, tlsChoice.key) : await selfSignedTls(path.join(settingsDir, 'tls'), certificateNames(plan));
  // Page keys derive from the machine key, so a restart on the same port keeps everyone signed in.
  const keySecret = await hostKeySecretIn(settingsDir);
  // A browser tab names paths only inside the folders allowed here; files otherwise reach it as uploads.
  const studio = await Studio.open({
    libraryPath: lib.path,
    settingsDir,
    shell: 'browser',
    createLibrary: lib.isDefault,
    maxUploadBytes: maxUploadMb * MB,
    pathAccess: { kind: 'confined', folders: allowed },
  });
  const host = await startHost({
    studio,
    rendererDir: path.join(repoRoot, 'out', 'renderer'),
    port: portFlag(args),
    host: plan.bindHost,
    publicUrl: plan.publicUrl?.href,
    tls: tls ?? undefined,
    keySecret,
  }).catch(async (e: unknown) => {
    await studio.close();
    throw e;
  });
  io.out(describeNetwork({ plan, port: host.port, tls }));
  const access = allowed.length ? `Browser tabs may read and write paths inside: ${allowed.join(', ')}` : 'Browser tabs import by upload only (allow a folder with --allow-folder DIR)';
  const first = host.openUrl !== host.url;
  const open = first
    ? `First start. Open ${host.openUrl}\nto create the admin account (the link works once, until a restart). Or: postframe users add --admin.`
    : `Open ${host.openUrl} and sign in. Admins invite others from Settings → Team.`;
  io.out(`Postframe is serving ${studio.folder.root}\n${access}; uploads up to ${formatBytes(maxUploadMb * MB)} each.\n${open}\n(press Ctrl+C to stop)\n`);
  // While it serves, it delivers due posts (the same scheduler as the desktop app); its first pass catches up.
  inBackground('the scheduler could not start', studio.startScheduler(), studio.log);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await studio.close();
  return EXIT.ok;
}

/** `--tls self-signed`, or `--tls-cert FILE --tls-key FILE` (both), or neither: null. */
function tlsFlags(args: ParsedArgs): { kind: 'self-signed' } | { kind: 'files'; cert: string; key: string } | null {
  const mode = stringFlag(args, 'tls');
  const cert = stringFlag(args, 'tls-cert');
  const key = stringFlag(args, 'tls-key');
  if (mode !== undefined && mode !== 'self-signed') throw new UsageError(`--tls takes only "self-signed", not "${mode}". For your own certificate use --tls-cert FILE --tls-key FILE.`);
  if (mode !== undefined && (cert !== undefined || key !== undefined)) throw new UsageError('Use either --tls self-signed or --tls-cert FILE --tls-key FILE, not both.');
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('--tls-cert and --tls-key go together: give the certificate and its private key (PEM files).');
  if (mode !== undefined) return { kind: 'self-signed' };
  return cert !== undefined && key !== undefined ? { kind: 'files', cert: path.resolve(cert), key: path.resolve(key) } : null;
}

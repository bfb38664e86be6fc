import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pkg from '../package.json';
import type { ApiImpl, CallOutput, EventName, EventPayload, ParsedInput } from './api/contract';
import type { UploadResponse } from './api/transport';
import { runImport, uploadPath } from './import/importer';
import { type JobContext, JobRunner } from './jobs/runner';
import { AssetsRepo, type AssetFiles } from './library/assets-repo';
import { AuditRepo } from './library/audit-repo';
import { type Db, migrate, openDatabase, schemaVersion } from './library/db';
import { DraftsRepo, draftNotFound, purgeRefusalMessage } from './library/drafts-repo';
import { LibraryFolder } from './library/folder';
import { JobsRepo } from './library/jobs-repo';
import { resolveBinaries } from './media/binaries';
import { type Log, MediaTools } from './media/ffmpeg';
import { mimeForExtension } from './media/mime';
import { sweepProxyParts, writeProxy } from './media/proxy';
import { ProxyJobInput, needsProxy } from './model/proxy';
import type { MediaVariant } from './model/asset';
import { ImportRequest, importTitle } from './model/import';
import { AppError, errorMessage } from './model/errors';
import type { LibraryInfo } from './model/library';
import { type ExportResult, type Job, type ProxyResult, exportResultOf, isFinished } from './model/job';
import type { VideoDraft } from './model/draft';
import type { WorkflowEventType } from './model/workflow';
import { isTextLayerKey, rasterizeText, textLayerPath } from './render/text';
import type { SourceFacts } from './render/compiler';
import { exportFileName, runExport, sweepPartFiles } from './render/export';
import { ExportJobInput } from './model/export';
import { SettingsStore } from './settings';
import { PostsRepo } from './library/posts-repo';
import { FOLDER_ROOT_KEY, PostService } from './publish/post-service';
import { type DueOutcome, exportDuePosts } from './publish/export-due';

export interface StudioOptions {
  libraryPath: string;
  settingsDir: string;
  shell: 'electron' | 'browser';
  resourcesPath?: string;
  /** Create the library folder when it does not exist yet (first run, `library init`). */
  createLibrary?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: Log;
  maxImagePixels?: number;
  importConcurrency?: number;
}

type Rooms = { folder: LibraryFolder; db: Db; assets: AssetsRepo; drafts: DraftsRepo; jobs: JobsRepo; runner: JobRunner };
type Listener = (name: EventName, payload: unknown) => void;

const STALE_STAGING_MS = 60 * 60 * 1000;

/**
 * The composition root: builds the rooms (library, media, import, jobs) for one library folder and
 * implements the API on them. Switching library closes the rooms and builds them anew.
 */
export class Studio implements ApiImpl {
  private readonly listeners = new Set<Listener>();
  private readonly settings: SettingsStore;
  private readonly tools: MediaTools | null;
  private readonly toolsError: string | null;
  private rooms: Rooms;

  private constructor(
    private readonly options: StudioOptions,
    rooms: Rooms,
    tools: { tools: MediaTools | null; error: string | null },
  ) {
    this.settings = new SettingsStore(options.settingsDir);
    this.rooms = rooms;
    this.tools = tools.tools;
    this.toolsError = tools.error;
  }

  static async open(options: StudioOptions): Promise<Studio> {
    let tools: { tools: MediaTools | null; error: string | null };
    try {
      tools = { tools: new MediaTools(resolveBinaries({ env: options.env, resourcesPath: options.resourcesPath }), options.log), error: null };
    } catch (e) {
      tools = { tools: null, error: errorMessage(e) };
    }
    const studio = new Studio(options, null as unknown as Rooms, tools);
    studio.rooms = await studio.buildRooms(options.libraryPath, options.createLibrary ?? false);
    return studio;
  }

  // ── events ────────────────────────────────────────────────────────────────
  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const l of this.listeners) l(name, payload);
  }

  // ── rooms ─────────────────────────────────────────────────────────────────
  private async buildRooms(libraryPath: string, create: boolean): Promise<Rooms> {
    const folder = new LibraryFolder(libraryPath);
    if (!LibraryFolder.exists(folder.root)) {
      if (!create) {
        throw new AppError('not_found', `There is no Postframe library at ${folder.root}. Create one there first: "Create new library" in Settings, or postframe library init ${folder.root}.`);
      }
      const entries = await fs.readdir(folder.root).catch(() => [] as string[]);
      if (entries.some((e) => !e.startsWith('.'))) {
        throw new AppError('conflict', `${folder.root} already holds other files. Choose an empty or new folder for a library.`);
      }
    }
    try {
      folder.ensureLayout();
    } catch (e) {
      throw new AppError('library_unavailable', `Cannot create the library folder at ${folder.root} (${errorMessage(e)}). Choose a folder you can write to.`);
    }
    const db = openDatabase(folder.dbPath);
    try {
      migrate(db);
    } catch (e) {
      db.close();
      throw e;
    }
    const jobs = new JobsRepo(db);
    const assets = new AssetsRepo(db);
    const drafts = new DraftsRepo(db);
    const runner = new JobRunner(jobs, (job) => this.emit('job.updated', job), { import: 1, export: 1, proxy: 1 });
    const rooms: Rooms = { folder, db, assets, drafts, jobs, runner };
    runner.register('import', (ctx, input) => this.importJob(rooms, ctx, input));
    runner.register('export', (ctx, input) => this.exportJob(rooms, ctx, input));
    runner.register('proxy', (ctx, input) => this.proxyJob(rooms, ctx, input));
    runner.recover();
    await sweepStaging(folder);
    // A crash mid-export leaves a hidden part file; recover() above has already marked its job failed.
    await sweepPartFiles(folder.exportsDir);
    await sweepProxyParts(folder.proxiesDir);
    this.settings.remember(folder.root);
    return rooms;
  }

  private async importJob(rooms: Rooms, ctx: JobContext, input: unknown) {
    const req = ImportRequest.parse(input);
    let pending: string[] = [];
    let lastEmit = 0;
    const flush = () => {
      if (pending.length === 0) return;
      this.emit('assets.changed', { reason: 'imported', ids: pending });
      pending = [];
      lastEmit = Date.now();
    };
    try {
      const result = await runImport(
        {
          folder: rooms.folder,
          assets: rooms.assets,
          tools: this.tools,
          toolsError: this.toolsError ?? undefined,
          maxImagePixels: this.options.maxImagePixels,
          concurrency: this.options.importConcurrency,
        },
        req,
        {
          signal: ctx.signal,
          onProgress: (p) => ctx.progress(p.total ? p.done / p.total : null, p.total ? `${p.done} of ${p.total}${p.current ? ` · ${p.current}` : ''}` : undefined),
          onImported: (id) => {
            pending.push(id);
            if (Date.now() - lastEmit > 400) flush();
          },
        },
      );
      // Heavy videos get their preview proxies in a job of their own: it never holds up or fails the import.
      this.startProxies(rooms, result.assetIds);
      return result;
    } finally {
      flush();
    }
  }

  /**
   * Starts one 'proxy' job for those of `ids` that need a proxy and have none yet; null when none does
   * (or ffmpeg is missing: then the originals play where the browser can decode them).
   */
  ensureProxies(ids: string[]): Job | null {
    return this.startProxies(this.rooms, ids);
  }

  private startProxies(rooms: Rooms, ids: string[]): Job | null {
    if (!this.tools) return null;
    const wanted = ids.filter((id) => {
      const a = rooms.assets.get(id);
      return a !== null && a.kind === 'video' && !a.hasProxy && needsProxy(a.facts);
    });
    if (wanted.length === 0) return null;
    const title = wanted.length === 1 ? 'Making a preview proxy' : `Making ${wanted.length} preview proxies`;
    return rooms.runner.start('proxy', title, { assetIds: wanted } satisfies ProxyJobInput);
  }

  /**
   * Makes the proxies one after another. One that fails is skipped (its original still plays where the
   * browser can decode it); the job fails only when none could be made.
   */
  private async proxyJob(rooms: Rooms, ctx: JobContext, input: unknown): Promise<ProxyResult> {
    const { assetIds } = ProxyJobInput.parse(input);
    const tools = this.tools;
    if (!tools) throw new AppError('ffmpeg_missing', this.toolsError ?? 'FFmpeg is missing. Install it to make preview proxies.');
    let made = 0;
    const failures: string[] = [];
    for (const [i, id] of assetIds.entries()) {
      if (ctx.signal.aborted) throw new AppError('cancelled', 'Cancelled.');
      const a = rooms.assets.get(id);
      if (!a || a.hasProxy || a.kind !== 'video') continue;
      const detail = `${i + 1} of ${assetIds.length} · ${a.name}`;
      ctx.progress(i / assetIds.length, detail);
      const out = rooms.folder.proxyPath(a.sha256);
      try {
        await writeProxy(tools, rooms.folder.originalPath(a.sha256, a.ext), a.facts, out, {
          signal: ctx.signal,
          onProgress: (f) => ctx.progress((i + f) / assetIds.length, detail),
        });
      } catch (e) {
        if (ctx.signal.aborted) throw e;
        failures.push(`${a.name}: ${errorMessage(e)}`);
        continue;
      }
      // Purged while ffmpeg ran: its files were removed already, so this proxy belongs to nobody.
      if (!rooms.assets.setHasProxy(id, true)) {
        await fs.rm(out, { force: true });
        continue;
      }
      made++;
      this.emit('assets.changed', { reason: 'updated', ids: [id] });
    }
    if (made === 0 && failures.length > 0) throw new AppError('unsupported_media', failures.join('\n'));
    return { kind: 'proxy', assetIds, made };
  }

  /** Exports a stored draft (or, for the CLI, a draft document) as a job; see render/export.ts. */
  private async exportJob(rooms: Rooms, ctx: JobContext, input: unknown): Promise<ExportResult> {
    const req = ExportJobInput.parse(input);
    if (!this.tools) throw new AppError('ffmpeg_missing', this.toolsError ?? 'FFmpeg is missing. Install it, then export again.');
    let doc = req.doc;
    if (!doc) {
      const rec = req.draftId ? rooms.drafts.get(req.draftId) : null;
      if (!rec) throw draftNotFound();
      if (rec.doc.kind !== 'video') throw new AppError('invalid_input', 'Only video drafts can be exported to MP4. Open a video draft and export again.');
      doc = rec.doc;
    }
    const outputPath = req.outputPath ?? path.join(rooms.folder.exportsDir, exportFileName(doc.name, new Date()));
    const draft = doc;
    const out = await runExport(this.tools, {
      draft,
      sources: await sourceFactsOf(rooms, draft),
      rasterize: (clip) => rasterizeText(clip, draft.canvas, rooms.folder.textCacheDir),
      preset: req.preset,
      outputPath,
      signal: ctx.signal,
      onProgress: (f) => ctx.progress(f, `${Math.round(f * 100)}%`),
    });
    return { kind: 'export', draftId: req.draftId ?? '', outputPath: out.outputPath, fileName: path.basename(out.outputPath), sizeBytes: out.sizeBytes, durationSec: out.durationSec };
  }

  /** Starts an export job (the API's exports.start, and the CLI's render with a document or an output path). */
  startExport(input: ExportJobInput): Job {
    const name = input.doc?.name ?? (input.draftId ? this.rooms.drafts.get(input.draftId)?.doc.name : undefined);
    if (!input.doc && name === undefined) throw draftNotFound();
    return this.rooms.runner.start('export', `Exporting ${name}`, ExportJobInput.parse(input));
  }

  get folder(): LibraryFolder {
    return this.rooms.folder;
  }

  /** For tools that need the database directly (benchmarks, integrity checks). */
  get database(): Db {
    return this.rooms.db;
  }

  get assetsRepo(): AssetsRepo {
    return this.rooms.assets;
  }

  /** The append-only, hash-chained audit log of this library (library/audit-repo.ts). */
  get auditRepo(): AuditRepo {
    return new AuditRepo(this.rooms.db);
  }

  whenIdle(): Promise<void> {
    return this.rooms.runner.whenIdle();
  }

  /** Posts, approvals, comments, users, campaigns and library settings (library/posts-repo.ts). */
  get postsRepo(): PostsRepo {
    return new PostsRepo(this.rooms.db);
  }

  /** The publish room's use cases: workflow transitions with policy and audit (publish/post-service.ts). */
  get postService(): PostService {
    return new PostService(this.postsRepo, this.auditRepo, this.rooms.db);
  }

  /** Resolves when the job is done, failed or cancelled (it may already be). */
  waitForJob(id: string): Promise<Job> {
    return new Promise((resolve) => {
      let off: () => unknown = () => undefined;
      const check = () => {
        const j = this.rooms.jobs.get(id);
        if (j && isFinished(j.status)) {
          off();
          resolve(j);
        }
      };
      off = this.onEvent((name, payload) => {
        if (name === 'job.updated' && (payload as Job).id === id) check();
      });
      check();
    });
  }

  /** Where the folder connector delivers (`postframe queue folder`; the settings screen later). */
  setDeliveryFolder(root: string): void {
    this.postsRepo.setSetting(FOLDER_ROOT_KEY, path.resolve(root));
  }

  /**
   * Exports and delivers the approved or scheduled posts that are due, through the folder connector set in
   * the library's settings (`connectors.folder.root`). See publish/export-due.ts.
   */
  async exportDue(opts: { now?: Date; includeLate?: boolean } = {}): Promise<DueOutcome[]> {
    const root = this.postsRepo.setting(FOLDER_ROOT_KEY);
    if (typeof root !== 'string' || root === '') {
      throw new AppError('invalid_input', 'No delivery folder is set for this library. Set one with: postframe queue folder --library DIR PATH');
    }
    if (!this.tools) throw new AppError('ffmpeg_missing', this.toolsError ?? 'FFmpeg is missing. Install it, then export again.');
    const tools = this.tools;
    const out = await exportDuePosts({
      service: this.postService,
      db: this.rooms.db,
      folderRoot: root,
      coverDir: path.join(this.rooms.folder.cacheDir, 'covers'),
      writeCover: (media, atSec, out) => writeCoverFrame(tools, media, atSec, out),
      draftExists: (id) => this.rooms.drafts.get(id) !== null,
      exportDraft: async (draftId) => {
        const job = await this.waitForJob(this.startExport({ draftId, preset: { height: 'canvas', fps: 'canvas', quality: 'standard' } }).id);
        const r = exportResultOf(job);
        if (job.status !== 'done' || !r) throw new AppError('internal', `The export ${job.status}: ${job.error ?? 'no result'}`);
        return r.outputPath;
      },
      now: opts.now ?? new Date(),
      includeLate: opts.includeLate ?? false,
    });
    const ids = [...new Set(out.map((o) => o.postId))];
    if (ids.length) this.emit('posts.changed', { reason: 'transitioned', ids });
    return out;
  }

  private libraryInfo(): LibraryInfo {
    const { folder, db, assets } = this.rooms;
    return { path: folder.root, name: path.basename(folder.root), assetCount: assets.liveCount(), schemaVersion: schemaVersion(db) };
  }

  // ── API ───────────────────────────────────────────────────────────────────
  async 'app.info'(): Promise<CallOutput<'app.info'>> {
    const version = this.tools ? await this.tools.version() : null;
    return {
      version: pkg.version,
      library: this.libraryInfo(),
      shell: this.options.shell,
      ffmpeg: this.tools
        ? { ok: version !== null, version, message: version === null ? `ffmpeg at ${this.tools.binaries.ffmpeg} did not run. Reinstall FFmpeg.` : null }
        : { ok: false, version: null, message: this.toolsError },
    };
  }

  async 'libraries.recent'(): Promise<CallOutput<'libraries.recent'>> {
    return this.settings.recent();
  }

  async 'libraries.open'(input: ParsedInput<'libraries.open'>): Promise<CallOutput<'libraries.open'>> {
    const target = path.resolve(input.path);
    if (target === this.rooms.folder.root) return this.libraryInfo();
    const next = await this.buildRooms(target, input.create);
    const prev = this.rooms;
    this.rooms = next;
    await closeRooms(prev);
    const info = this.libraryInfo();
    this.emit('library.changed', info);
    return info;
  }

  async 'assets.list'(input: ParsedInput<'assets.list'>): Promise<CallOutput<'assets.list'>> {
    return this.rooms.assets.list(input);
  }

  async 'assets.ids'(input: ParsedInput<'assets.ids'>): Promise<CallOutput<'assets.ids'>> {
    return this.rooms.assets.ids(input);
  }

  async 'assets.get'(input: ParsedInput<'assets.get'>): Promise<CallOutput<'assets.get'>> {
    const a = this.rooms.assets.get(input.id);
    if (!a) throw new AppError('not_found', 'This asset is no longer in the library.');
    return a;
  }

  async 'assets.update'(input: ParsedInput<'assets.update'>): Promise<CallOutput<'assets.update'>> {
    if (!this.rooms.assets.update(input.id, { name: input.name, notes: input.notes })) {
      throw new AppError('not_found', 'This asset is no longer in the library.');
    }
    this.emit('assets.changed', { reason: 'updated', ids: [input.id] });
    return this['assets.get']({ id: input.id });
  }

  async 'assets.tag'(input: ParsedInput<'assets.tag'>): Promise<CallOutput<'assets.tag'>> {
    const updated = this.rooms.assets.tag(input.ids, input.add, input.remove);
    this.emit('assets.changed', { reason: 'updated', ids: input.ids });
    return { updated };
  }

  async 'assets.trash'(input: ParsedInput<'assets.trash'>): Promise<CallOutput<'assets.trash'>> {
    const ids = this.rooms.assets.setTrashed(input.ids, true);
    if (ids.length) this.emit('assets.changed', { reason: 'trashed', ids });
    return { count: ids.length };
  }

  async 'assets.restore'(input: ParsedInput<'assets.restore'>): Promise<CallOutput<'assets.restore'>> {
    const ids = this.rooms.assets.setTrashed(input.ids, false);
    if (ids.length) this.emit('assets.changed', { reason: 'restored', ids });
    return { count: ids.length };
  }

  async 'assets.purge'(input: ParsedInput<'assets.purge'>): Promise<CallOutput<'assets.purge'>> {
    const { db, drafts, assets } = this.rooms;
    // Check and delete in one write transaction (taken up front), so a draft saved in between by another
    // process (the CLI, a second app on the same library) cannot start using an asset deleted under it.
    const gone = db.transaction(() => {
      const uses = drafts.liveUsesOfTrashedAssets(input.ids);
      if (uses.length) throw new AppError('conflict', purgeRefusalMessage(uses));
      return assets.purge(input.ids);
    }).immediate();
    await Promise.all(gone.map((f) => removeAssetFiles(this.rooms.folder, f)));
    if (gone.length) this.emit('assets.changed', { reason: 'purged', ids: gone.map((g) => g.id) });
    return { count: gone.length };
  }

  async 'tags.list'(): Promise<CallOutput<'tags.list'>> {
    return this.rooms.assets.tags();
  }

  async 'imports.start'(input: ParsedInput<'imports.start'>): Promise<CallOutput<'imports.start'>> {
    for (const u of input.uploads) uploadPath(this.rooms.folder, u.id); // validates ids before a job exists
    const job = this.rooms.runner.start('import', importTitle(input), input);
    return { jobId: job.id };
  }

  // ── drafts ────────────────────────────────────────────────────────────────
  async 'drafts.list'(input: ParsedInput<'drafts.list'>): Promise<CallOutput<'drafts.list'>> {
    return this.rooms.drafts.list(input.trashed);
  }

  async 'drafts.create'(input: ParsedInput<'drafts.create'>): Promise<CallOutput<'drafts.create'>> {
    const d = this.rooms.drafts.create(input);
    this.emit('drafts.changed', { reason: 'created', ids: [d.id] });
    return d;
  }

  async 'drafts.get'(input: ParsedInput<'drafts.get'>): Promise<CallOutput<'drafts.get'>> {
    const d = this.rooms.drafts.get(input.id);
    if (!d) throw draftNotFound();
    return d;
  }

  async 'drafts.save'(input: ParsedInput<'drafts.save'>): Promise<CallOutput<'drafts.save'>> {
    const saved = this.rooms.drafts.save(input.id, input.baseRevision, input.doc);
    this.emit('drafts.changed', { reason: 'saved', ids: [input.id] });
    return saved;
  }

  async 'drafts.rename'(input: ParsedInput<'drafts.rename'>): Promise<CallOutput<'drafts.rename'>> {
    const s = this.rooms.drafts.rename(input.id, input.name);
    this.emit('drafts.changed', { reason: 'renamed', ids: [input.id] });
    return s;
  }

  async 'drafts.duplicate'(input: ParsedInput<'drafts.duplicate'>): Promise<CallOutput<'drafts.duplicate'>> {
    const d = this.rooms.drafts.duplicate(input.id);
    this.emit('drafts.changed', { reason: 'created', ids: [d.id] });
    return d;
  }

  async 'drafts.trash'(input: ParsedInput<'drafts.trash'>): Promise<CallOutput<'drafts.trash'>> {
    const ids = this.rooms.drafts.setTrashed(input.ids, true);
    if (ids.length) this.emit('drafts.changed', { reason: 'trashed', ids });
    return { count: ids.length };
  }

  async 'drafts.restore'(input: ParsedInput<'drafts.restore'>): Promise<CallOutput<'drafts.restore'>> {
    const ids = this.rooms.drafts.setTrashed(input.ids, false);
    if (ids.length) this.emit('drafts.changed', { reason: 'restored', ids });
    return { count: ids.length };
  }

  async 'drafts.revisions'(input: ParsedInput<'drafts.revisions'>): Promise<CallOutput<'drafts.revisions'>> {
    return this.rooms.drafts.revisions(input.id);
  }

  /** Restoring is a save of an older document (a new revision on top), so it is announced as one. */
  async 'drafts.restoreRevision'(input: ParsedInput<'drafts.restoreRevision'>): Promise<CallOutput<'drafts.restoreRevision'>> {
    const d = this.rooms.drafts.restoreRevision(input.id, input.revision);
    this.emit('drafts.changed', { reason: 'saved', ids: [input.id] });
    return d;
  }

  /** Rasterises once per content (cache/text); the preview shows this PNG and the export overlays it. */
  async 'text.render'(input: ParsedInput<'text.render'>): Promise<CallOutput<'text.render'>> {
    const { key, width, height, left, top } = await rasterizeText(input.text, input.canvas, this.rooms.folder.textCacheDir);
    return { key, width, height, left, top };
  }

  async 'exports.start'(input: ParsedInput<'exports.start'>): Promise<CallOutput<'exports.start'>> {
    return { jobId: this.startExport({ draftId: input.draftId, preset: input.preset }).id };
  }

  // ── posts (issue 4) ───────────────────────────────────────────────────────
  async 'posts.list'(input: ParsedInput<'posts.list'>): Promise<CallOutput<'posts.list'>> {
    return this.postsRepo.list(input);
  }

  async 'posts.get'(input: ParsedInput<'posts.get'>): Promise<CallOutput<'posts.get'>> {
    return this.postsRepo.require(input.id);
  }

  async 'posts.create'(input: ParsedInput<'posts.create'>): Promise<CallOutput<'posts.create'>> {
    const draft = this.rooms.drafts.get(input.draftId);
    if (!draft) throw draftNotFound();
    const p = this.postService.createFromDraft({ ...input, draftName: draft.doc.name });
    this.emit('posts.changed', { reason: 'created', ids: [p.id] });
    return p;
  }

  async 'posts.update'(input: ParsedInput<'posts.update'>): Promise<CallOutput<'posts.update'>> {
    if (input.draftId && !this.rooms.drafts.get(input.draftId)) throw draftNotFound();
    const p = this.postService.update(input);
    this.emit('posts.changed', { reason: 'updated', ids: [p.id] });
    return p;
  }

  async 'posts.transition'(input: ParsedInput<'posts.transition'>): Promise<CallOutput<'posts.transition'>> {
    const p = this.postService.transition({ ...input, event: input.event as WorkflowEventType });
    this.emit('posts.changed', { reason: 'transitioned', ids: [p.id] });
    return p;
  }

  async 'posts.comments'(input: ParsedInput<'posts.comments'>): Promise<CallOutput<'posts.comments'>> {
    this.postsRepo.require(input.id);
    return this.postsRepo.comments(input.id);
  }

  async 'users.list'(): Promise<CallOutput<'users.list'>> {
    return this.postsRepo.users();
  }

  async 'users.create'(input: ParsedInput<'users.create'>): Promise<CallOutput<'users.create'>> {
    return this.postService.createUser(input.actorId, input.name, input.role);
  }

  async 'campaigns.list'(): Promise<CallOutput<'campaigns.list'>> {
    return this.postsRepo.campaigns();
  }

  async 'campaigns.create'(input: ParsedInput<'campaigns.create'>): Promise<CallOutput<'campaigns.create'>> {
    return this.postsRepo.createCampaign(input);
  }

  async 'policy.get'(): Promise<CallOutput<'policy.get'>> {
    const s = this.postService;
    return { policy: s.policy(), approvals: s.approvalRules() };
  }

  async 'policy.set'(input: ParsedInput<'policy.set'>): Promise<CallOutput<'policy.set'>> {
    return this.postService.setPolicy(input.actorId, input.policy, input.approvals);
  }

  async 'queue.importCsv'(input: ParsedInput<'queue.importCsv'>): Promise<CallOutput<'queue.importCsv'>> {
    const r = this.postService.importCsv(input);
    if (r.created.length) this.emit('posts.changed', { reason: 'imported', ids: r.created.map((p) => p.id) });
    return r;
  }

  async 'queue.ics'(input: ParsedInput<'queue.ics'>): Promise<CallOutput<'queue.ics'>> {
    return { text: this.postService.ics(input.campaignId) };
  }

  async 'jobs.list'(): Promise<CallOutput<'jobs.list'>> {
    return this.rooms.runner.list();
  }

  async 'jobs.cancel'(input: ParsedInput<'jobs.cancel'>): Promise<CallOutput<'jobs.cancel'>> {
    return this.rooms.runner.cancel(input.id);
  }

  // ── bytes (never through the API) ─────────────────────────────────────────
  /** Streams an upload into cache/uploads; `imports.start({uploads})` then imports it. */
  async stageUpload(name: string, body: Readable): Promise<UploadResponse> {
    const id = randomUUID();
    const file = uploadPath(this.rooms.folder, id);
    try {
      await pipeline(body, createWriteStream(file));
    } catch (e) {
      await fs.rm(file, { force: true });
      throw new AppError('invalid_input', `The upload of ${name} was interrupted (${errorMessage(e)}). Drop the file again.`);
    }
    const { size } = await fs.stat(file);
    return { id, name: path.basename(name), sizeBytes: size };
  }

  /** A media file of an asset, confined to the library folder; null when it does not exist. */
  async resolveMedia(assetId: string, variant: MediaVariant): Promise<{ path: string; mime: string } | null> {
    const { folder, assets } = this.rooms;
    const f = assets.files(assetId);
    if (!f) return null;
    let file: string | null = null;
    let mime = 'application/octet-stream';
    switch (variant) {
      case 'original':
        file = folder.originalPath(f.sha256, f.ext);
        mime = mimeForExtension(f.ext);
        break;
      case 'thumb':
        if (f.hasThumbnail) [file, mime] = [folder.thumbPath(f.sha256), 'image/webp'];
        break;
      case 'poster':
        if (f.hasPoster) [file, mime] = [folder.posterPath(f.sha256), 'image/jpeg'];
        else if (f.hasThumbnail) [file, mime] = [folder.thumbPath(f.sha256), 'image/webp'];
        break;
      case 'waveform':
        if (f.hasWaveform) [file, mime] = [folder.waveformPath(f.sha256), 'application/json'];
        break;
      case 'proxy':
        if (f.hasProxy) [file, mime] = [folder.proxyPath(f.sha256), 'video/mp4'];
        break;
    }
    if (!file || !folder.contains(file)) return null;
    const ok = await fs.stat(file).then((s) => s.isFile(), () => false);
    return ok ? { path: file, mime } : null;
  }

  /** A rasterised text layer (cache/text/<key>.png); the key must be a text-layer hash, never a path. */
  async resolveTextLayer(key: string): Promise<{ path: string; mime: string } | null> {
    if (!isTextLayerKey(key)) return null;
    const file = textLayerPath(this.rooms.folder.textCacheDir, key);
    if (!this.rooms.folder.contains(file)) return null;
    const ok = await fs.stat(file).then((s) => s.isFile(), () => false);
    return ok ? { path: file, mime: 'image/png' } : null;
  }

  /** The file of a finished export job, only when it lies inside the library folder (CLI exports elsewhere are not served). */
  async resolveExport(jobId: string): Promise<{ path: string; fileName: string; mime: string } | null> {
    const job = jobId.length <= 64 ? this.rooms.jobs.get(jobId) : null;
    const result = job?.status === 'done' ? exportResultOf(job) : null;
    if (!result || !this.rooms.folder.contains(result.outputPath)) return null;
    const ok = await fs.stat(result.outputPath).then((s) => s.isFile(), () => false);
    return ok ? { path: result.outputPath, fileName: result.fileName, mime: mimeForExtension(path.extname(result.outputPath).slice(1)) } : null;
  }

  async close(): Promise<void> {
    this.tools?.killAll();
    await closeRooms(this.rooms);
    this.listeners.clear();
  }
}

/**
 * What the compiler needs to know about each asset a draft uses. An asset that is gone (purged, or its
 * file missing) is left out, and the compiler names the clip that used it.
 */
async function sourceFactsOf(rooms: Rooms, draft: VideoDraft): Promise<Map<string, SourceFacts>> {
  const out = new Map<string, SourceFacts>();
  const ids = new Set(draft.tracks.flatMap((t) => t.clips.flatMap((c) => (c.type === 'media' ? [c.assetId] : []))));
  for (const id of ids) {
    const a = rooms.assets.get(id);
    if (!a) continue;
    const file = rooms.folder.originalPath(a.sha256, a.ext);
    if (!(await fs.stat(file).then((s) => s.isFile(), () => false))) continue;
    const f = a.facts;
    out.set(id, { path: file, kind: a.kind, width: f.width, height: f.height, rotation: f.rotation, durationSec: f.durationSec, hasAudio: f.hasAudio, fps: f.fps });
  }
  return out;
}

/** One JPEG frame of an exported video for the delivery's cover (the post's cover time, else a little way in). */
async function writeCoverFrame(tools: MediaTools, media: string, atSec: number | null, out: string): Promise<void> {
  await fs.mkdir(path.dirname(out), { recursive: true });
  const cmd = tools
    .command(media)
    .inputOptions(['-ss', (atSec ?? 0).toFixed(3)])
    .outputOptions(['-frames:v', '1', '-an', '-sn', '-q:v', '3', '-f', 'image2', '-update', '1'])
    .output(out);
  await tools.run(cmd);
  await fs.access(out).catch(() => {
    throw new AppError('unsupported_media', `No cover frame could be taken at ${atSec ?? 0} s of ${path.basename(media)}. Choose a cover time inside the video.`);
  });
}

async function closeRooms(rooms: Rooms): Promise<void> {
  await rooms.runner.close();
  rooms.db.close();
}

async function removeAssetFiles(folder: LibraryFolder, f: AssetFiles): Promise<void> {
  const files = [folder.originalPath(f.sha256, f.ext), folder.thumbPath(f.sha256), folder.posterPath(f.sha256), folder.waveformPath(f.sha256), folder.proxyPath(f.sha256)];
  await Promise.all(files.map((p) => fs.rm(p, { force: true })));
}

/** Staged copies and uploads left by a crash are garbage; fresh ones may belong to another running process. */
async function sweepStaging(folder: LibraryFolder): Promise<void> {
  const now = Date.now();
  for (const dir of [folder.stagingDir, folder.uploadsDir]) {
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      const p = path.join(dir, name);
      const st = await fs.stat(p).catch(() => null);
      if (st && now - st.mtimeMs > STALE_STAGING_MS) await fs.rm(p, { force: true, recursive: true });
    }
  }
}

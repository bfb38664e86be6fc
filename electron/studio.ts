import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import pkg from '../package.json';
import type { ApiImpl, Caller, EventName, EventPayload } from './api/contract';
import { type Refusal, type Route, createRouter } from './api/router';
import type { UploadResponse } from './api/transport';
import { JobRunner } from './jobs/runner';
import { AssetsRepo } from './library/assets-repo';
import { AuditRepo } from './library/audit-repo';
import { type Db, migrate, openDatabase, schemaVersion } from './library/db';
import { DraftsRepo, draftNotFound } from './library/drafts-repo';
import { LibraryFolder } from './library/folder';
import { FontsRepo } from './library/fonts-repo';
import { LooksRepo } from './library/looks-repo';
import { LibrarySecrets } from './library/library-secrets';
import { type SecretKeyProvider, fileKeyProvider } from './library/machine-key';
import { hostKeySecret, machineKey } from './library/secret-crypto';
import { sealPlainSecrets } from './publish/connectors';
import { JobsRepo } from './library/jobs-repo';
import { KitsRepo } from './library/kits-repo';
import { PostsRepo } from './library/posts-repo';
import { type Binaries, resolveBinaries } from './media/binaries';
import { ChildRegistry, sweepStaleChildren } from './media/child-registry';
import { type Log, MediaTools } from './media/ffmpeg';
import { sweepProxyParts } from './media/proxy';
import type { Asset, MediaVariant } from './model/asset';
import { inBackground, safeLog } from './model/background';
import { AppError, describeError, errorMessage } from './model/errors';
import { ExportJobInput } from './model/export';
import { type Job, isFinished } from './model/job';
import { LOCAL_OWNER_ID } from './model/post';
import type { LibraryInfo } from './model/library';
import type { ChunkAck } from './model/recording';
import { DEFAULT_MAX_UPLOAD_BYTES } from './model/upload';
import { needsProxy, ProxyJobInput } from './model/proxy';
import type { DueOutcome } from './publish/engine';
import type { PostService } from './publish/post-service';
import type { Scheduler, Timers } from './publish/scheduler';
import { sweepPartFiles } from './render/export';
import { SettingsStore } from './settings';
import { appendRecordingChunk, captureApi, openRecordings, registerCaptureJobs } from './studio/capture-api';
import { type KitUsage, type Rooms, type StudioContext } from './studio/context';
import { createDeliveryEngine, createScheduler, exportDue, postServiceOf, setDeliveryFolder } from './studio/delivery';
import { auditApi } from './studio/audit-api';
import { backupApi, registerBackupJobs } from './studio/backup-api';
import { deliveryApi } from './studio/delivery-api';
import { draftsApi } from './studio/drafts-api';
import { captionsApi } from './studio/captions-api';
import { modelsApi, modelsFolder, registerModelJobs } from './studio/models-api';
import { ModelStore, catalogueFromEnv, modelBaseUrl } from './media/models';
import type { RecognizerSpawner } from './media/recognizer';
import { bundledTemplatesDir } from './studio/starter-templates';
import { templatesApi } from './studio/templates-api';
import { hostOsOf } from './model/host-os';
import { locateExport } from './studio/export-history';
import { locateImageExport, resolveImageExportFile } from './studio/image-export-job';
import { resolveExport, resolveMedia, resolveTextLayer, stageUpload } from './studio/files';
import { resolveKitFile } from './studio/kit-files';
import type { KitFonts, KitFontsFactory } from './studio/kit-fonts';
import { kitsApi, registerKitJobs } from './studio/kits-api';
import { fontsApi } from './studio/fonts-api';
import { FontStore } from './studio/fonts-store';
import { LookStore } from './studio/looks-store';
import { looksApi } from './studio/looks-api';
import { imagesApi } from './studio/images-api';
import { libraryRasteriser, libraryTextFonts } from './studio/text-fonts';
import type { TextRasteriser, WorkerSpawner } from './render/text-rasteriser';
import { libraryApi } from './studio/library-api';
import { organiseApi } from './studio/organise-api';
import { CollectionsRepo } from './library/collections-repo';
import { UsageRepo } from './library/usage-repo';
import { registerMediaJobs } from './studio/media-jobs';
import { beatsApi, registerBeatsJobs } from './studio/beats-api';
import { registerReverseJobs, reverseApi } from './studio/reverse-api';
import { exportSettingsApi } from './studio/export-settings-api';
import { captionSyncApi, registerCaptionJobs } from './studio/caption-sync-api';
import { captionSpeechApi } from './studio/caption-speech-api';
import { resolveAligner } from './media/aligner';
import { ANY_PATH, type PathAccess, PathGate, realTarget } from './studio/path-gate';
import { postsApi } from './studio/posts-api';
import { AccountsService } from './studio/accounts-service';
import { accountsApi } from './studio/accounts-api';
import type { KdfParams } from './library/accounts-repo';
import { reviewApi } from './studio/review-api';
import { registerVisualJobs, startVisualBackfill, visualApi } from './studio/visual-api';
import { VisualRepo } from './library/visual-repo';
import { recordOwner, sweepStaging } from './studio/sweep';

// The Electron shell wraps the machine key with the OS keychain (main/keychain-key.ts) and falls back to the file.
export { MACHINE_KEY_BYTES } from './library/secret-crypto';
export { type SecretKeyProvider, fileKeyProvider, writeKeyFileOnce } from './library/machine-key';

export interface StudioOptions {
  libraryPath: string;
  settingsDir: string;
  shell: 'electron' | 'browser';
  resourcesPath?: string;
  /** How the text rasteriser's process is started (Electron: utilityProcess; default: child_process.fork). */
  textWorkerSpawner?: WorkerSpawner;
  /** How the speech recogniser's process is started (Electron: utilityProcess; default: child_process.fork). */
  recognizerSpawner?: RecognizerSpawner;
  /** Create the library folder when it does not exist yet (first run, `library init`). */
  createLibrary?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: Log;
  maxImagePixels?: number;
  importConcurrency?: number;
  /** Start the colours-and-hashes backfill on open (default true; one-shot CLI commands run it when they need it). */
  visualBackfill?: boolean;
  /** Import without colours and hashes (`npm run bench -- library`: the baseline of their cost). */
  skipSignatures?: boolean;
  /** The time the publish room goes by (due posts, retries, lateness). Tests give a fixed clock. */
  clock?: () => Date;
  /** The largest file an upload may be (browser mode); default DEFAULT_MAX_UPLOAD_BYTES (5 GB). */
  maxUploadBytes?: number;
  /**
   * Which paths API calls may name (studio/path-gate.ts). Default: any for 'electron'; for 'browser', none (only
   * uploads) unless folders are allowed (`postframe serve --allow-folder`). The CLI's own commands pass ANY_PATH.
   */
  pathAccess?: PathAccess;
  /** The library's fonts as the kit engine sees them (studio/kit-fonts.ts); default: the library's font store. */
  kitFonts?: KitFontsFactory;
  /** scrypt's cost for passwords (library/accounts-repo.ts DEFAULT_KDF); tests pass a cheaper one. */
  passwordKdf?: KdfParams;
  /**
   * The machine key that signs the audit head and seals the library's secrets (32 bytes; docs/security.md). Electron
   * unwraps it from the OS keychain (safeStorage); default: the 0600 file `<settingsDir>/keys/library-secret.key`.
   */
  secretKey?: SecretKeyProvider;
}

/** How the in-app scheduler runs (tests give fake timers and drive the passes themselves). */
export type SchedulerOptions = { timers?: Timers; intervalMs?: number };

type Listener = (name: EventName, payload: unknown) => void;

/** How long closing a library waits for a delivery that is still sending. */
const CLOSE_GRACE_MS = 5_000;
/** How often a long-running Studio sweeps uploads that were never imported (studio/sweep.ts). */
const HOUSEKEEPING_MS = 15 * 60 * 1000;

/**
 * The composition root: builds the rooms (library, media, import, jobs, publish) for one library folder and
 * joins the per-room API handlers (electron/studio/*-api.ts) into the one API. Switching library closes
 * the rooms and builds them anew; handlers read `rooms` on every call, so they follow the switch.
 */
export class Studio implements StudioContext {
  /** The API the router serves: every call of api/contract.ts, checked complete by the compiler. */
  readonly api: ApiImpl;
  /**
   * The one router both transports use: access table (api/access.ts), actor from the caller, refusals audited.
   * The transport says who the caller is (`ownerCaller()` in the app on a personal library; the session's user on the host).
   */
  readonly route: Route;
  /** Accounts and sessions (studio/accounts-service.ts): the host signs people in through it. */
  readonly accounts: AccountsService;
  private readonly listeners = new Set<Listener>();
  private readonly settings: SettingsStore;
  private readonly models: ModelStore;
  /** ffmpeg and ffprobe, resolved once; each library gets its own MediaTools over them (its children are its own). */
  private readonly binaries: Binaries | null;
  private readonly toolsError: string | null;
  private current!: Rooms;
  private schedulerOptions: SchedulerOptions | null = null;
  private housekeeping: ReturnType<typeof setInterval> | null = null;
  private scheduler: Scheduler | null = null;
  readonly clock: () => Date;

  private constructor(
    private readonly options: StudioOptions,
    binaries: { binaries: Binaries | null; error: string | null },
    /** The check every path an API call names goes through. */
    readonly paths: PathGate,
  ) {
    this.settings = new SettingsStore(options.settingsDir);
    // Speech models belong to the machine's user, not to a library: one store for every library opened.
    this.models = new ModelStore({ folder: modelsFolder(options.settingsDir), baseUrl: modelBaseUrl(options.env ?? process.env), catalogue: catalogueFromEnv(options.env ?? process.env) });
    this.clock = options.clock ?? (() => new Date());
    this.binaries = binaries.binaries;
    this.toolsError = binaries.error;
    this.accounts = new AccountsService({ db: () => this.rooms.db, audit: () => this.auditRepo, now: this.clock, kdf: options.passwordKdf, log: (m, e) => this.log(m, e), changed: (ids) => this.emit('users.changed', { ids }), invitesChanged: (reason) => this.emit('invites.changed', { reason }) });
    this.api = {
      ...this.shellApi(),
      ...libraryApi(this),
      ...organiseApi(this),
      ...draftsApi(this),
      ...captionsApi(this),
      ...modelsApi(this, () => this.models),
      ...templatesApi(this, () => bundledTemplatesDir(this.options.resourcesPath)),
      ...postsApi(this),
      ...reviewApi(this),
      ...deliveryApi(this),
      ...captureApi(this),
      ...kitsApi(this, (rooms) => this.kitFontsOf(rooms)),
      ...fontsApi(this),
      ...looksApi(this),
      ...visualApi(this),
      ...backupApi(this),
      ...imagesApi(this),
      ...captionSyncApi(this),
      ...captionSpeechApi(this),
      ...accountsApi(() => this.accounts),
      ...auditApi(this),
      ...beatsApi(this),
      ...reverseApi(this),
      ...exportSettingsApi(this),
    };
    this.route = createRouter(this.api, { log: { error: (m: string, e?: unknown) => this.log(m, e) }, refused: (caller, r) => this.auditRefusal(caller, r) });
  }

  /** Who acts in the app on a personal library (and in the CLI): the library's owner, read fresh on each call. */
  ownerCaller(): Caller {
    return { user: this.postsRepo.requireUser(LOCAL_OWNER_ID), sessionId: null };
  }

  /** A refused call is itself a fact worth keeping: who tried what (model/audit.ts 'access_denied'). */
  private auditRefusal(caller: Caller, r: Refusal): void {
    this.auditRepo.append({ actor: caller.user, action: 'access_denied', postId: null, detail: { call: r.call, why: r.why, ...r.detail }, at: this.clock().toISOString() });
  }

  static async open(options: StudioOptions): Promise<Studio> {
    let binaries: { binaries: Binaries | null; error: string | null };
    try {
      binaries = { binaries: resolveBinaries({ env: options.env, resourcesPath: options.resourcesPath }), error: null };
    } catch (e) {
      binaries = { binaries: null, error: errorMessage(e) };
    }
    const access = options.pathAccess ?? (options.shell === 'electron' ? ANY_PATH : { kind: 'confined', folders: [] });
    const studio = new Studio(options, binaries, await PathGate.create(access, options.libraryPath));
    studio.current = await studio.buildRooms(options.libraryPath, options.createLibrary ?? false);
    Studio.live.add(studio);
    // A host that runs for days sweeps abandoned uploads (a page closed before importing) as it goes.
    studio.housekeeping = setInterval(() => {
      const { folder, jobs } = studio.rooms;
      inBackground('sweeping abandoned uploads failed', sweepStaging(folder, { jobs }), studio.log);
    }, HOUSEKEEPING_MS);
    studio.housekeeping.unref();
    return studio;
  }

  /** Studios open in this process (the process guards stop their children and close them on a fatal error). */
  private static readonly live = new Set<Studio>();
  static openStudios(): Studio[] {
    return [...Studio.live];
  }

  /** Kills every ffmpeg/ffprobe this Studio started, at once (a fatal error: `close` may never finish). */
  killChildren(): void {
    this.current.tools?.killAll();
    this.current.text.close();
  }

  // ── events ────────────────────────────────────────────────────────────────
  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    // A listener that throws (a transport that broke) must not stop the work that emitted: a job, a delivery.
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch (e) {
        this.log(`a listener of ${name} failed`, e);
      }
    }
    // A post approved, scheduled or rescheduled may be due now: the scheduler looks without waiting.
    if (name === 'posts.changed') this.scheduler?.poke();
  }

  // ── rooms ─────────────────────────────────────────────────────────────────
  get rooms(): Rooms {
    return this.current;
  }

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
      await recordOwner(folder);
    } catch (e) {
      throw new AppError('library_unavailable', `Cannot create the library folder at ${folder.root} (${errorMessage(e)}). Choose a folder you can write to.`);
    }
    // ffmpeg a crashed process left running on this library is stopped before its part files are swept.
    const children = await sweepStaleChildren(folder.childrenDir, { log: (m) => this.log(m) });
    const liveOutputs = new Set(children.live.flatMap((c) => (c.output ? [path.resolve(c.output)] : [])));
    const inUse = (file: string) => liveOutputs.has(path.resolve(file));
    const key = machineKey(await (this.options.secretKey ?? fileKeyProvider(this.options.settingsDir))());
    const db = openDatabase(folder.dbPath);
    let audit: AuditRepo;
    let secrets: LibrarySecrets;
    try {
      const schemaBefore = schemaVersion(db);
      migrate(db);
      audit = new AuditRepo(db, key);
      // Before anything else writes: put back the append-only guard (recording that it was gone) and sign the head.
      audit.secureOnOpen({ schemaBefore, detail: { app: pkg.version } });
      secrets = new LibrarySecrets(key, audit.libraryId());
      if (!sealPlainSecrets(new PostsRepo(db), db, secrets)) {
        this.log('an old plain-text secret was sealed, but the file is busy (another Postframe reads it): its old copy is scrubbed at the next open');
      }
    } catch (e) {
      db.close();
      throw e;
    }
    const jobs = new JobsRepo(db);
    const runner = new JobRunner(jobs, (job) => this.emit('job.updated', job), { import: 1, export: 1, proxy: 1, recording: 1, visual: 1, backup: 1, restore: 1, 'kit-import': 1, 'image-export': 1, 'caption-sync': 1, 'caption-transcribe': 1, 'model-download': 2, beats: 1, reverse: 1 }, (message, error) => this.log(message, error));
    const tools = this.binaries ? new MediaTools(this.binaries, this.options.log, new ChildRegistry(folder.childrenDir, (m) => this.log(m))) : null;
    // The rasteriser only sees the fonts that existed when its process started: a change retires it (docs/fonts.md).
    let text: TextRasteriser | null = null;
    const fonts = new FontStore(folder, new FontsRepo(db), (change) => {
      text?.restart();
      this.emit('fonts.changed', change);
    });
    text = libraryRasteriser(folder, fonts, { resourcesPath: this.options.resourcesPath, spawn: this.options.textWorkerSpawner });
    const looks = new LookStore(folder, new LooksRepo(db), (change) => this.emit('looks.changed', change));
    const kits = new KitsRepo(db);
    // "Where used" names the kits that hold an asset (logos, intro/outro), from the kit engine's uses table.
    const kitUsage: KitUsage = { kitsUsing: (assetId) => dedupeKits(kits.kitsUsingAsset(assetId)) };
    const organise = { collections: new CollectionsRepo(db), usage: new UsageRepo(db), kitUsage };
    const base = { folder, db, audit, secrets, assets: new AssetsRepo(db), drafts: new DraftsRepo(db), visual: new VisualRepo(db), kits, fonts, looks, text, textFonts: libraryTextFonts(fonts, text), jobs, runner, recordings: openRecordings(folder), tools, toolsError: this.toolsError, ...organise };
    const rooms: Rooms = { ...base, delivery: createDeliveryEngine(this, base, this.clock) };
    registerBeatsJobs(this, rooms);
    registerReverseJobs(this, rooms);
    registerMediaJobs(this, rooms, { maxImagePixels: this.options.maxImagePixels, importConcurrency: this.options.importConcurrency, skipSignatures: this.options.skipSignatures });
    registerCaptureJobs(this, rooms);
    registerVisualJobs(this, rooms);
    registerCaptionJobs(rooms, () => resolveAligner({ env: this.options.env, resourcesPath: this.options.resourcesPath }));
    registerBackupJobs(this, rooms);
    registerKitJobs(this, rooms, (r) => this.kitFontsOf(r));
    registerModelJobs(rooms, () => this.models, this.options.recognizerSpawner);
    runner.recover();
    await sweepStaging(folder, { jobs });
    // A crash mid-export leaves a hidden part file; recover() above has already marked its job failed.
    await sweepPartFiles(folder.exportsDir, inUse);
    await sweepProxyParts(folder.proxiesDir, inUse);
    await sweepProxyParts(folder.reversedDir, inUse);
    await sweepProxyParts(folder.reversedProxiesDir, inUse);
    this.settings.remember(folder.root);
    // Pictures imported before colours and hashes existed get them in the background; the library opens now.
    if (this.options.visualBackfill ?? true) startVisualBackfill(rooms);
    return rooms;
  }

  /**
   * Starts one 'proxy' job for those of `ids` that need a proxy and have none yet; null when none does
   * (or ffmpeg is missing: then the originals play where the browser can decode them).
   */
  ensureProxies(ids: string[]): Job | null {
    return this.startProxies(this.rooms, ids);
  }

  startProxies(rooms: Rooms, ids: string[]): Job | null {
    if (!rooms.tools) return null;
    // A video imported before its dynamic range was kept is checked once (studio/colour-check.ts): HDR footage
    // gets its tone-mapped proxy, and a proxy made before colours were tagged is made again.
    const makes = (a: Asset) => !a.hasProxy && needsProxy(a.facts);
    const needy = ids.flatMap((id) => {
      const a = rooms.assets.get(id);
      return a !== null && a.kind === 'video' && (makes(a) || a.facts.dynamicRange === undefined) ? [a] : [];
    });
    // Read only when something needs one (drafts.get calls this on every open): an asset already in a proxy job
    // that has not finished is not asked for twice (a draft opened again meanwhile).
    if (needy.length === 0) return null;
    const pending = new Set(
      rooms.jobs
        .withStatus('queued', 'running')
        .filter((j) => j.kind === 'proxy')
        .flatMap((j) => ProxyJobInput.safeParse(rooms.jobs.input(j.id)).data?.assetIds ?? []),
    );
    const wanted = needy.filter((a) => !pending.has(a.id));
    if (wanted.length === 0) return null;
    const making = wanted.filter(makes).length;
    const title =
      making === 0 ? (wanted.length === 1 ? 'Checking a video’s colours' : `Checking ${wanted.length} videos’ colours`)
      : making === 1 ? 'Making a preview proxy' : `Making ${making} preview proxies`;
    return rooms.runner.start('proxy', title, { assetIds: wanted.map((a) => a.id) } satisfies ProxyJobInput);
  }

  /** Starts an export job (the API's exports.start, and the CLI's render with a document or an output path). */
  startExport(input: ExportJobInput): Job {
    const name = input.doc?.name ?? (input.draftId ? this.rooms.drafts.get(input.draftId)?.doc.name : undefined);
    if (!input.doc && name === undefined) throw draftNotFound();
    return this.rooms.runner.start('export', `Exporting ${name}`, ExportJobInput.parse(input));
  }

  /** Resolves when the job is done, failed or cancelled (it may already be). */
  waitForJob(id: string, jobs: JobsRepo = this.rooms.jobs): Promise<Job> {
    return new Promise((resolve) => {
      let off: () => unknown = () => undefined;
      const check = () => {
        const j = jobs.get(id);
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

  whenIdle(): Promise<void> {
    return this.rooms.runner.whenIdle();
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
    return this.rooms.audit;
  }

  /** Posts, approvals, comments, users, campaigns and library settings (library/posts-repo.ts). */
  get postsRepo(): PostsRepo {
    return new PostsRepo(this.rooms.db);
  }

  /** The publish room's use cases: workflow transitions with policy and audit (publish/post-service.ts). */
  get postService(): PostService {
    return postServiceOf(this.rooms, this.clock);
  }

  /** Engine log for trouble nobody is waiting on; never throws (a bound method, so it may be passed around). */
  readonly log = safeLog((message: string, error?: unknown): void => {
    if (this.options.log) this.options.log.error(error === undefined ? message : `${message}: ${describeError(error)}`);
    else console.error(`[postframe] ${message}`, error ?? '');
  });

  /** The library's fonts as the kit engine uses them (kit files, reference checks): its font store unless a test gives another. */
  kitFontsOf(rooms: Rooms = this.rooms): KitFonts {
    if (this.options.kitFonts) return this.options.kitFonts(rooms);
    const fonts = rooms.fonts;
    return { fontFilePath: (id) => fonts.fontFilePath(id), fontRecord: (id) => fonts.get(id), addFontFile: (file, meta) => fonts.addFontFile(file, meta) };
  }

  // ── delivery (studio/delivery.ts) ─────────────────────────────────────────
  /** Sets the folder connector's root (checked: absolute, outside the library, writable); returns it. */
  setDeliveryFolder(root: string): Promise<string> {
    return setDeliveryFolder(this, root);
  }

  /** One pass of the delivery engine, waiting for everything it starts (`postframe queue export-due`). */
  exportDue(opts: { includeLate?: boolean } = {}): Promise<DueOutcome[]> {
    return exportDue(this, opts);
  }

  /**
   * Runs the in-app scheduler while this Studio is open (Electron and `postframe serve`; never the one-shot CLI
   * commands), following library switches. Resolves when its first pass (recovery and catch-up) is done.
   */
  startScheduler(opts: SchedulerOptions = {}): Promise<void> {
    this.schedulerOptions = opts;
    return this.launchScheduler();
  }

  /** Something changed that may let a post go out: the scheduler looks again soon. */
  pokeScheduler(): void {
    this.scheduler?.poke();
  }

  /** Runs a scheduler pass now (or right after the running one) and resolves when it is done (tests). */
  schedulerPass(): Promise<void> {
    return this.scheduler?.runPass() ?? Promise.resolve();
  }

  private launchScheduler(): Promise<void> {
    if (!this.schedulerOptions) return Promise.resolve();
    this.scheduler = createScheduler(this, this.rooms, { clock: this.clock, ...this.schedulerOptions });
    return this.scheduler.start();
  }

  /**
   * Stops the scheduler and the engine (render jobs are cancelled). A delivery still sending after a short grace
   * is left as it is: its ledger row says 'sending', and the next start treats it as a crash would be treated.
   */
  private async stopScheduler(rooms: Rooms): Promise<void> {
    const s = this.scheduler;
    this.scheduler = null;
    const stopped = Promise.all([rooms.delivery.stop(), s?.stop()]);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([stopped, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
    clearTimeout(timer);
  }

  // ── the app's own calls: info, libraries, jobs ────────────────────────────
  private libraryInfo(): LibraryInfo {
    const { folder, db, assets } = this.rooms;
    return { path: folder.root, name: path.basename(folder.root), assetCount: assets.liveCount(), schemaVersion: schemaVersion(db) };
  }

  private shellApi(): Pick<ApiImpl, 'app.info' | 'libraries.recent' | 'libraries.open' | 'libraries.signedIn' | 'jobs.list' | 'jobs.cancel'> {
    return {
      'app.info': async () => {
        const tools = this.rooms.tools;
        const version = tools ? await tools.version() : null;
        return {
          version: pkg.version,
          library: this.libraryInfo(),
          shell: this.options.shell,
          maxUploadBytes: this.maxUploadBytes,
          allowedFolders: this.paths.allowedFolders,
          os: hostOsOf(process.platform),
          ffmpeg: tools
            ? { ok: version !== null, version, message: version === null ? `ffmpeg at ${tools.binaries.ffmpeg} did not run. Reinstall FFmpeg.` : null }
            : { ok: false, version: null, message: this.toolsError },
        };
      },
      // Only those this front door may open (browser mode: the served one and those in allowed folders).
      'libraries.recent': async () => {
        const recent = this.settings.recent();
        const openable = await Promise.all(recent.map((r) => this.paths.mayUse(r.path, 'library')));
        return recent.filter((_, i) => openable[i]);
      },
      'libraries.open': async (input, caller) => {
        const target = path.resolve(await this.paths.check(input.path, 'library'));
        const current = this.rooms.folder.root;
        if (target === current || target === (await realTarget(current).catch(() => current))) return this.libraryInfo();
        const next = await this.buildRooms(target, input.create);
        // On a host, sessions live in the library: opening another one signs everyone out but the opener, when
        // the library is new to accounts or holds their very account (docs/security.md "Opening another library").
        const move = this.options.shell === 'browser' ? this.accounts.planMove(caller, next.db, target) : null;
        if (move?.plan.kind === 'refuse') {
          await closeRooms(next);
          throw new AppError('conflict', `${move.plan.why} Start the host on it instead: postframe serve --library "${target}" prints a link to set up its admin.`);
        }
        const prev = this.current;
        await this.stopScheduler(prev);
        this.current = next;
        await closeRooms(prev);
        if (move) this.accounts.completeMove(move, prev.folder.root);
        inBackground('the scheduler could not start', this.launchScheduler(), (message, error) => this.log(message, error));
        const info = this.libraryInfo();
        this.emit('library.changed', info);
        return info;
      },
      'libraries.signedIn': async (_input, caller) => (this.options.shell === 'browser' ? this.accounts.signedInOthers(caller) : []),
      'jobs.list': async () => this.rooms.runner.list(),
      'jobs.cancel': async (input) => this.rooms.runner.cancel(input.id),
    };
  }

  // ── bytes (studio/files.ts; never through the API) ────────────────────────
  /** Streams one upload into cache/uploads, refusing it (`too_large`) past `maxUploadBytes`. */
  stageUpload(name: string, body: Readable): Promise<UploadResponse> {
    return stageUpload(this.rooms.folder, name, body, this.maxUploadBytes);
  }

  /** The per-file upload limit (the host refuses a declared length over it before reading the body). */
  get maxUploadBytes(): number {
    return this.options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  }

  /** One chunk of a take being recorded (the host's HTTP route, Electron's IPC); see capture/recordings.ts. */
  appendRecordingChunk(id: string, seq: number, data: Uint8Array): Promise<ChunkAck> {
    return appendRecordingChunk(this.rooms, id, seq, data);
  }

  resolveMedia(assetId: string, variant: MediaVariant): Promise<{ path: string; mime: string } | null> {
    return resolveMedia(this.rooms, assetId, variant);
  }

  /** A library font's stored file, by its id (a SHA-256, never a path): for the Brand room's samples. */
  async resolveFont(fontId: string): Promise<{ path: string; mime: string } | null> {
    if (!/^[0-9a-f]{64}$/.test(fontId)) return null;
    const file = this.rooms.fonts.fontFilePath(fontId);
    if (!file) return null;
    return { path: file, mime: file.endsWith('.otf') ? 'font/otf' : 'font/ttf' };
  }

  resolveTextLayer(key: string): Promise<{ path: string; mime: string } | null> {
    return resolveTextLayer(this.rooms.folder, key);
  }

  resolveExport(jobId: string, output = 0): Promise<{ path: string; fileName: string; mime: string } | null> {
    return resolveExport(this.rooms, jobId, output);
  }

  /** One file (`part`: a page number or `pdf`) of a finished image export, by its job id; null unless the job names it. */
  resolveImageExport(jobId: string, part: string): Promise<{ path: string; fileName: string; mime: string } | null> {
    return resolveImageExportFile(this.rooms, jobId, part);
  }

  /** A kit file `kits.export` wrote into exports/kits/ (browser mode's download), or null. */
  resolveKitFile(fileName: string): Promise<{ path: string; fileName: string; mime: string } | null> {
    return resolveKitFile(this.rooms.folder.exportsDir, fileName);
  }

  /** Where a finished export's file is, wherever it was written (the desktop app's Reveal in folder). */
  async locateExport(jobId: string): Promise<string | null> {
    return (await locateExport(this.rooms, jobId)) ?? locateImageExport(this.rooms, jobId);
  }

  async close(): Promise<void> {
    Studio.live.delete(this);
    if (this.housekeeping) clearInterval(this.housekeeping);
    this.schedulerOptions = null;
    await this.stopScheduler(this.rooms);
    this.rooms.tools?.killAll();
    await closeRooms(this.rooms);
    this.listeners.clear();
  }
}

/** The host's page-key secret from this machine's key file (`postframe serve`; host/auth.ts HostAuth). */
export async function hostKeySecretIn(settingsDir: string): Promise<Buffer> {
  return hostKeySecret(machineKey(await fileKeyProvider(settingsDir)()));
}

async function closeRooms(rooms: Rooms): Promise<void> {
  await rooms.runner.close();
  // Anything not tied to a job (a probe an API call started) goes with the library; so does its text rasteriser.
  rooms.tools?.killAll();
  rooms.text.close();
  rooms.db.close();
}

/** One entry per kit: a kit may hold the same asset twice (as its light and dark logo). */
function dedupeKits(uses: readonly { kitId: string; kitName: string }[]): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const u of uses) byId.set(u.kitId, u.kitName);
  return [...byId].map(([id, name]) => ({ id, name }));
}

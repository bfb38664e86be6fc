import type { ApiImpl, CallName, EventName, EventPayload } from '../api/contract';
import type { RecordingStore } from '../capture/recordings';
import type { JobRunner } from '../jobs/runner';
import type { AssetsRepo } from '../library/assets-repo';
import type { AuditRepo } from '../library/audit-repo';
import type { LibrarySecrets } from '../library/library-secrets';
import type { CollectionsRepo } from '../library/collections-repo';
import type { UsageRepo } from '../library/usage-repo';
import type { Db } from '../library/db';
import type { DraftsRepo } from '../library/drafts-repo';
import type { FontStore } from './fonts-store';
import type { LookStore } from './looks-store';
import type { TextRasteriser } from '../render/text-rasteriser';
import type { TextFonts } from '../render/text-fonts';
import type { LibraryFolder } from '../library/folder';
import type { VisualRepo } from '../library/visual-repo';
import type { JobsRepo } from '../library/jobs-repo';
import type { KitsRepo } from '../library/kits-repo';
import type { MediaTools } from '../media/ffmpeg';
import { AppError } from '../model/errors';
import type { LogFn } from '../model/background';
import type { Job } from '../model/job';
import type { ExportJobInput } from '../model/export';
import type { DeliveryEngine } from '../publish/engine';
import type { PostService } from '../publish/post-service';
import type { PostsRepo } from '../library/posts-repo';
import type { PathGate } from './path-gate';

/**
 * Everything that belongs to one open library folder; rebuilt when the user switches library. `tools` is the
 * library's own door to ffmpeg (its children are recorded in the library's run/children), or null with
 * `toolsError` saying why ffmpeg cannot run.
 */
export type Rooms = {
  folder: LibraryFolder;
  db: Db;
  /** The audit log, signing its head with the machine key (library/audit-repo.ts). */
  audit: AuditRepo;
  /** Seals and opens the library's secrets (the webhook's header) with the machine key (library/library-secrets.ts). */
  secrets: LibrarySecrets;
  assets: AssetsRepo;
  drafts: DraftsRepo;
  /** Brand kits (library/kits-repo.ts). */
  kits: KitsRepo;
  /** Library fonts (studio/fonts-store.ts). */
  fonts: FontStore;
  /** Imported looks (studio/looks-store.ts). */
  looks: LookStore;
  /** The library's text rasteriser process (render/text-rasteriser.ts) and how text layers resolve their fonts. */
  text: TextRasteriser;
  textFonts: TextFonts;
  /** Colours and perceptual hashes of pictures (colour search, duplicates). */
  visual: VisualRepo;
  jobs: JobsRepo;
  runner: JobRunner;
  recordings: RecordingStore;
  delivery: DeliveryEngine;
  collections: CollectionsRepo;
  usage: UsageRepo;
  /** Which brand kits hold an asset (the "where used" list); see KitUsage. */
  kitUsage: KitUsage;
  tools: MediaTools | null;
  toolsError: string | null;
};

/**
 * The seam through which brand kits (branch kit/engine) tell "where used" which kits hold an asset (logos, intro
 * and outro clips). A library without kit tables answers with NO_KITS; the kit engine provides its own at merge.
 */
export interface KitUsage {
  kitsUsing(assetId: string): { id: string; name: string }[];
}
export const NO_KITS: KitUsage = { kitsUsing: () => [] };

/** The library's ffmpeg, or an 'ffmpeg_missing' error: why it could not start, else `fallback` (what to do). */
export function requireTools(rooms: Pick<Rooms, 'tools' | 'toolsError'>, fallback: string): MediaTools {
  if (!rooms.tools) throw new AppError('ffmpeg_missing', rooms.toolsError ?? fallback);
  return rooms.tools;
}

/**
 * What the per-room API handlers see of the Studio. `rooms` is read on every call (never kept), because
 * opening another library replaces it.
 */
export interface StudioContext {
  readonly rooms: Rooms;
  readonly postsRepo: PostsRepo;
  readonly postService: PostService;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  startExport(input: ExportJobInput): Job;
  startProxies(rooms: Rooms, ids: string[]): Job | null;
  /** Resolves when the job is finished (`jobs`: of a library being opened, default the current one's). */
  waitForJob(id: string, jobs?: JobsRepo): Promise<Job>;
  /** Every path an API call names goes through it (browser mode: only allowed folders). */
  readonly paths: PathGate;
  /** The time relative rules go by ("imported within 30 days", licence states); tests give a fixed clock. */
  readonly clock: () => Date;
  /** Engine log for trouble nobody is waiting on (a scheduler pass, a background delivery); bound, never throws. */
  readonly log: LogFn;
}

/** The handlers of some of the API's calls; the Studio joins the parts and the compiler checks none is missing. */
export type ApiPart<K extends CallName> = Pick<ApiImpl, K>;

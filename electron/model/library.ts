import { z } from 'zod';
import { HostOs } from './host-os';

export const LibraryInfo = z.object({
  path: z.string(),
  name: z.string(),
  assetCount: z.number().int().nonnegative(),
  schemaVersion: z.number().int(),
});
export type LibraryInfo = z.infer<typeof LibraryInfo>;

export const RecentLibrary = z.object({ path: z.string(), name: z.string(), openedAt: z.string() });
export type RecentLibrary = z.infer<typeof RecentLibrary>;

export const ToolStatus = z.object({ ok: z.boolean(), version: z.string().nullable(), message: z.string().nullable() });
export type ToolStatus = z.infer<typeof ToolStatus>;

export const AppInfo = z.object({
  version: z.string(),
  library: LibraryInfo,
  ffmpeg: ToolStatus,
  /** Which front door the renderer talks to: the Electron app or the browser-mode host. */
  shell: z.enum(['electron', 'browser']),
  /** The largest file browser mode takes as an upload (the page refuses bigger ones before sending them). */
  maxUploadBytes: z.number().int().positive(),
  /**
   * Browser mode: the only folders paths may name (imports by path, libraries, the delivery folder), as given to
   * `postframe serve --allow-folder`; empty when none is. Null in the app, where any path may be named.
   */
  allowedFolders: z.array(z.string()).nullable(),
  /** The OS of the machine the engine runs on (where typed folder paths point), for example paths. */
  os: HostOs,
});
export type AppInfo = z.infer<typeof AppInfo>;

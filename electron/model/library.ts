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
  /** The OS of the machine the engine runs on (where typed folder paths point), for example paths. */
  os: HostOs,
});
export type AppInfo = z.infer<typeof AppInfo>;

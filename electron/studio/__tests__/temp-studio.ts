import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName } from '../../api/contract';
import { Studio, type StudioOptions } from '../../studio';
import { ANY_PATH } from '../path-gate';

/** A Studio on a new library in a temporary folder, recording the events it emits. */
export type TempStudio = {
  studio: Studio;
  tmp: string;
  libraryPath: string;
  settingsDir: string;
  events: { name: EventName; payload: unknown }[];
  /** A second Studio on the same library (another window); the caller closes it. */
  reopen: (options?: Partial<StudioOptions>) => Promise<Studio>;
  /** Closes `studio` and opens the library again in its place (the app after a restart); events keep recording. */
  restart: () => Promise<Studio>;
  /** Closes `studio` and removes the folder. */
  close: () => Promise<void>;
};

/**
 * The set-up the engine's integration tests share (`prefix` names the temp folder, for a person looking at /tmp).
 * Paths are not confined (ANY_PATH, as the CLI): tests import fixtures by path. Browser mode's confinement has
 * its own tests (host/browser-paths.test.ts); pass `pathAccess` to get it.
 */
export async function openTempStudio(prefix: string, options: Partial<StudioOptions> = {}): Promise<TempStudio> {
  options = { pathAccess: ANY_PATH, ...options };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const libraryPath = path.join(tmp, 'lib');
  const settingsDir = path.join(tmp, 'settings');
  const studio = await Studio.open({ libraryPath, settingsDir, shell: 'browser', createLibrary: true, ...options });
  const events: TempStudio['events'] = [];
  const record = (s: Studio) => s.onEvent((name, payload) => events.push({ name, payload }));
  record(studio);
  const reopen = (more: Partial<StudioOptions> = {}) => Studio.open({ libraryPath, settingsDir, shell: 'browser', ...options, createLibrary: false, ...more });
  const temp: TempStudio = {
    studio,
    tmp,
    libraryPath,
    settingsDir,
    events,
    reopen,
    restart: async () => {
      await temp.studio.close();
      temp.studio = await reopen();
      record(temp.studio);
      return temp.studio;
    },
    close: async () => {
      await temp.studio.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  return temp;
}

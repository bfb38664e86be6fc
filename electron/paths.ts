import os from 'node:os';
import path from 'node:path';

/**
 * Where Postframe keeps its own settings (recent libraries) and, by default, the user's first library.
 * POSTFRAME_HOME overrides it (tests, portable installs); otherwise the platform's usual app-data folder,
 * the same folder Electron's app.getPath('userData') returns for an app named "Postframe".
 */
export function defaultSettingsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.POSTFRAME_HOME) return path.resolve(env.POSTFRAME_HOME);
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Postframe');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Postframe');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Postframe');
  }
}

export function defaultLibraryPath(settingsDir: string): string {
  return path.join(settingsDir, 'Library');
}
